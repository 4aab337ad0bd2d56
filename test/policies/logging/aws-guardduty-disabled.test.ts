import rule from '../../../policies/logging/aws-guardduty-disabled.js';
import { WORKLOAD_TYPES } from '../../../policies/_lib/aws-regions.js';
import { ec2Instance } from '../../support/aws-data.js';
import { detector, guardDuty, read } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const allRead = read([...WORKLOAD_TYPES]);

ruleTester(rule, {
  valid: [
    { name: 'enabled detector', resource: guardDuty('us-east-1', [detector('ENABLED')]), messageId: 'enabled' },
    {
      name: 'unused region, onlyRegionsInUse',
      resource: guardDuty('us-east-1', []),
      coverage: [allRead],
      options: { onlyRegionsInUse: true },
      status: 'not_applicable',
      messageId: 'unused',
    },
  ],
  invalid: [
    { name: 'no detector', resource: guardDuty('us-east-1', []), messageId: 'none', evidence: { region: 'us-east-1', detectors: [] } },
    {
      name: 'suspended detector',
      resource: guardDuty('us-east-1', [detector('DISABLED')]),
      messageId: 'suspended',
      data: { region: 'us-east-1', detector: 'd-1', status: 'DISABLED' },
    },
    { name: 'no workload read, default judges every region', resource: guardDuty('us-east-1', []), messageId: 'none' },
    {
      name: 'region in use (an instance), onlyRegionsInUse',
      resource: guardDuty('us-east-1', []),
      others: [ec2Instance('i-1')],
      coverage: [allRead],
      options: { onlyRegionsInUse: true },
      messageId: 'none',
      evidence: { workloads: { 'aws.ec2.instance': 1 } },
    },
  ],
  unknown: [
    { name: 'detectors could not be listed', coverage: [gap(['aws.guardduty.region'])] },
    {
      name: 'GetDetector failed for the region',
      resource: guardDuty('us-east-1', [detector(null)]),
      coverage: [gap(['aws.guardduty.region'], { resourceId: 'us-east-1', operation: 'GetDetector' })],
    },
    { name: 'workloads unread, onlyRegionsInUse', resource: guardDuty('us-east-1', []), options: { onlyRegionsInUse: true }, messageId: 'useUnknown' },
  ],
});
