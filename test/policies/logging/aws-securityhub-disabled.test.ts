import rule from '../../../policies/logging/aws-securityhub-disabled.js';
import { WORKLOAD_TYPES } from '../../../policies/_lib/aws-regions.js';
import { dbInstance } from '../../support/aws-data.js';
import { read, securityHub } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'hub on (standards unread does not matter)',
      resource: securityHub('us-east-1', true),
      messageId: 'enabled',
      coverage: [gap(['aws.securityhub.standards'], { errorCode: 'NotImplemented', status: 'error' })],
    },
    {
      name: 'unused region, onlyRegionsInUse',
      resource: securityHub('us-east-1', false),
      coverage: [read([...WORKLOAD_TYPES])],
      options: { onlyRegionsInUse: true },
      status: 'not_applicable',
    },
  ],
  invalid: [
    { name: 'hub off', resource: securityHub('us-east-1', false), messageId: 'off', evidence: { enabled: false } },
    {
      name: 'hub off in a region with a database, onlyRegionsInUse',
      resource: securityHub('us-east-1', false),
      others: [dbInstance('db-1')],
      coverage: [read([...WORKLOAD_TYPES])],
      options: { onlyRegionsInUse: true },
      messageId: 'off',
      evidence: { workloads: { 'aws.rds.db-instance': 1 } },
    },
  ],
  unknown: [
    { name: 'DescribeHub denied', coverage: [gap(['aws.securityhub.region'])] },
    { name: 'workloads unread, onlyRegionsInUse', resource: securityHub('us-east-1', false), options: { onlyRegionsInUse: true }, messageId: 'useUnknown' },
  ],
});
