import rule from '../../../policies/compute/aws-eks-secrets-unencrypted.js';
import { eksCluster } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'secrets with a KMS key', resource: eksCluster('prod'), messageId: 'encrypted' }],
  invalid: [
    { name: 'no encryption config', resource: eksCluster('dev', { encryption: [] }), messageId: 'plain', data: { name: 'dev' } },
    {
      name: 'a config for other resources only',
      resource: eksCluster('dev', { encryption: [{ resources: ['configmaps'], keyArn: 'k' }] }),
      messageId: 'plain',
    },
  ],
  unknown: [
    { name: 'DescribeCluster failed', resource: eksCluster('dev', { encryption: null }), messageId: 'unknown' },
    { name: 'details never collected', resource: eksCluster('dev'), notCollected: ['aws.eks.cluster-details'] },
    { name: 'clusters could not be listed', coverage: [gap(['aws.eks.cluster'])] },
  ],
});
