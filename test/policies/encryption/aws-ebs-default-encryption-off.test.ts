import rule from '../../../policies/encryption/aws-ebs-default-encryption-off.js';
import { ebsDefault, ec2Instance, volume } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const instancesRead = {
  provider: 'aws' as const,
  account: '123456789012',
  region: 'us-east-1',
  service: 'ec2',
  operation: 'DescribeInstances',
  resourceTypes: ['aws.ec2.instance' as const],
  status: 'ok' as const,
};

ruleTester(rule, {
  valid: [
    { name: 'on, with volumes', resource: ebsDefault('us-east-1', true), others: [volume('vol-1', { encrypted: false })] },
    { name: 'off in an empty region', resource: ebsDefault('us-east-1', false), coverage: [instancesRead], status: 'not_applicable' },
    {
      name: 'off, only a terminated instance',
      resource: ebsDefault('us-east-1', false),
      others: [ec2Instance('i-1', 'terminated')],
      coverage: [instancesRead],
      status: 'not_applicable',
    },
    {
      name: 'off, volumes only in another region',
      resource: ebsDefault('us-east-1', false),
      others: [volume('vol-1', {}, { region: 'eu-west-1' })],
      coverage: [instancesRead],
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'off with volumes',
      resource: ebsDefault('us-east-1', false),
      others: [volume('vol-1')],
      messageId: 'off',
      evidence: { ebsEncryptionByDefault: false, volumes: ['vol-1'] },
    },
    {
      name: 'off with a running instance',
      resource: ebsDefault('us-east-1', false),
      others: [ec2Instance('i-1')],
      coverage: [instancesRead],
      messageId: 'off',
      evidence: { instances: ['i-1'] },
    },
  ],
  unknown: [
    { name: 'setting denied', coverage: [gap(['aws.ebs.encryption-default'])] },
    { name: 'volumes denied', resource: ebsDefault('us-east-1', false), coverage: [gap(['aws.ebs.volume'])] },
    { name: 'instances denied', resource: ebsDefault('us-east-1', false), coverage: [gap(['aws.ec2.instance'])] },
    { name: 'off, no volume, instances never collected', resource: ebsDefault('us-east-1', false) },
  ],
});
