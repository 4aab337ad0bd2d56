import rule from '../../../policies/logging/aws-vpc-flow-logs-missing.js';
import { flowLog, vpc } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'active flow log to s3', resource: vpc('vpc-1'), others: [flowLog('fl-1', 'vpc-1')] },
    {
      name: 'one good log among failing ones',
      resource: vpc('vpc-1'),
      others: [flowLog('fl-1', 'vpc-1', { deliverLogsStatus: 'FAILED' }), flowLog('fl-2', 'vpc-1', { trafficType: 'REJECT' })],
    },
    {
      name: 'reject-only accepted when configured',
      resource: vpc('vpc-1'),
      others: [flowLog('fl-1', 'vpc-1', { trafficType: 'REJECT' })],
      options: { trafficTypes: ['ALL', 'REJECT'] },
    },
  ],
  invalid: [
    { name: 'no flow log', resource: vpc('vpc-1'), others: [flowLog('fl-1', 'vpc-2')], messageId: 'missing', evidence: { vpcId: 'vpc-1', flowLogs: [] } },
    { name: 'subnet flow log does not count', resource: vpc('vpc-1'), others: [flowLog('fl-1', 'subnet-1')], messageId: 'missing' },
    {
      name: 'delivery failing',
      resource: vpc('vpc-1'),
      others: [flowLog('fl-1', 'vpc-1', { deliverLogsStatus: 'FAILED' })],
      messageId: 'inactive',
      evidence: { flowLogs: [{ id: 'fl-1', deliverLogsStatus: 'FAILED' }] },
    },
    {
      name: 'accept-only when ALL required',
      resource: vpc('vpc-1'),
      others: [flowLog('fl-1', 'vpc-1', { trafficType: 'ACCEPT' })],
      options: { trafficTypes: ['ALL'] },
      messageId: 'inactive',
    },
    {
      name: 'flow log in another region does not count',
      resource: vpc('vpc-1'),
      others: [{ ...flowLog('fl-1', 'vpc-1'), ref: { ...flowLog('fl-1', 'vpc-1').ref, region: 'eu-west-1' } }],
      messageId: 'missing',
    },
  ],
  unknown: [
    { name: 'flow logs denied', resource: vpc('vpc-1'), coverage: [gap(['aws.ec2.flow-log'], { errorCode: 'UnauthorizedOperation' })] },
    { name: 'vpcs not collected', coverage: [gap(['aws.ec2.vpc'])] },
  ],
});
