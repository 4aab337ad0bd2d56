import rule from '../../../policies/encryption/aws-opensearch-node-to-node-encryption-off.js';
import { domain } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'on', resource: domain('d1'), messageId: 'on' }],
  invalid: [{ name: 'off', resource: domain('d2', { NodeToNodeEncryptionOptions: { Enabled: false } }), messageId: 'off' }],
  unknown: [
    { name: 'not reported', resource: domain('d3', { NodeToNodeEncryptionOptions: undefined }), messageId: 'unknown' },
    { name: 'domains not listed', coverage: [gap(['aws.opensearch.domain'])] },
  ],
});
