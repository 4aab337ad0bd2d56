import rule from '../../../policies/network/aws-instance-imdsv1-allowed.js';
import { instance } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'imdsv2 required', resource: instance('i-1') },
    { name: 'metadata endpoint disabled', resource: instance('i-1', { metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled', hopLimit: 1 } }) },
    {
      name: 'terminated instance',
      resource: instance('i-1', { state: 'terminated', metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', hopLimit: 1 } }),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'tokens optional',
      resource: instance('i-1', { metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', hopLimit: 2 } }),
      messageId: 'imdsv1',
      evidence: { httpTokens: 'optional', hopLimit: 2 },
    },
    {
      name: 'stopped instance still counts',
      resource: instance('i-1', { state: 'stopped', metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', hopLimit: 1 } }),
      messageId: 'imdsv1',
    },
  ],
  unknown: [
    { name: 'metadata options not returned', resource: instance('i-1', { metadataOptions: null }) },
    { name: 'tokens value unreadable', resource: instance('i-1', { metadataOptions: { httpTokens: null, httpEndpoint: 'enabled', hopLimit: 1 } }) },
    { name: 'instances denied', coverage: [gap(['aws.ec2.instance'])] },
  ],
});
