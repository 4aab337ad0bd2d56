import rule from '../../../policies/logging/aws-eks-audit-logging-off.js';
import { eksCluster } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'every log type', resource: eksCluster('prod'), messageId: 'logging' },
    { name: 'audit only, default options', resource: eksCluster('prod', { enabledLogTypes: ['audit'] }) },
  ],
  invalid: [
    { name: 'nothing logged', resource: eksCluster('dev', { enabledLogTypes: [] }), messageId: 'missing', data: { name: 'dev', missing: 'audit' } },
    {
      name: 'CIS: all five required',
      resource: eksCluster('dev', { enabledLogTypes: ['api', 'audit'] }),
      options: { requiredLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] },
      messageId: 'missing',
      evidence: { missingLogTypes: ['authenticator', 'controllerManager', 'scheduler'] },
    },
  ],
  unknown: [
    { name: 'DescribeCluster failed', resource: eksCluster('dev', { enabledLogTypes: null }), messageId: 'unknown' },
    {
      name: 'details denied for the cluster',
      resource: eksCluster('dev', { enabledLogTypes: [] }),
      coverage: [gap(['aws.eks.cluster-details'], { resourceId: 'dev' })],
    },
  ],
});
