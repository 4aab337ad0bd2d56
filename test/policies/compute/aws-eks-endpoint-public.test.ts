import rule from '../../../policies/compute/aws-eks-endpoint-public.js';
import { eksCluster } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'private only', resource: eksCluster('prod'), messageId: 'private' },
    {
      name: 'public, limited CIDRs',
      resource: eksCluster('prod', { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] }),
      messageId: 'restricted',
    },
  ],
  invalid: [
    {
      name: 'public to 0.0.0.0/0',
      resource: eksCluster('dev', { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] }),
      messageId: 'open',
      data: { name: 'dev', cidrs: '0.0.0.0/0' },
      evidence: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
    },
    {
      name: 'public to ::/0 among others',
      resource: eksCluster('dev', { endpointPublicAccess: true, publicAccessCidrs: ['10.0.0.0/8', '::/0'] }),
      messageId: 'open',
    },
  ],
  unknown: [
    { name: 'DescribeCluster failed', resource: eksCluster('dev', { endpointPublicAccess: null, publicAccessCidrs: null }), messageId: 'unknown' },
    { name: 'details denied for the cluster', resource: eksCluster('dev'), coverage: [gap(['aws.eks.cluster-details'], { resourceId: 'dev' })] },
    { name: 'clusters could not be listed', coverage: [gap(['aws.eks.cluster'])] },
  ],
});
