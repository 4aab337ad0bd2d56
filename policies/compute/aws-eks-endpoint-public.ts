import { defineRule } from '../../src/api/rule.js';
import { EKS_CLUSTER, EKS_CLUSTER_DETAILS } from '../../src/model/aws/eks.js';

const ANYWHERE = /^(0\.0\.0\.0\/0|::\/0)$/;

export default defineRule({
  id: 'aws-eks-endpoint-public',
  title: 'EKS API endpoint open to the internet',
  severity: 'high',
  resourceTypes: [EKS_CLUSTER],
  inputs: [EKS_CLUSTER_DETAILS],
  description:
    "Flags EKS clusters whose Kubernetes API server endpoint is public and accepts connections from anywhere (`publicAccessCidrs` containing `0.0.0.0/0` or `::/0`, EKS's default for a public endpoint). A public endpoint limited to named CIDRs, or a private-only endpoint, passes.",
  risk: 'The cluster API is reachable by everyone on the internet: stolen kubeconfig tokens or IAM credentials work from anywhere, and every API server vulnerability or misconfigured anonymous access is exposed.',
  remediation: [
    'Turn on private endpoint access and either turn public access off or restrict it to your networks.',
    '',
    '- CLI: `aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false` (or `publicAccessCidrs=203.0.113.0/24`)',
    '- Terraform: `vpc_config { endpoint_private_access = true, endpoint_public_access = false }` (or `public_access_cidrs`) on `aws_eks_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1',
  ],
  messages: {
    open: 'EKS cluster {{name}}: its API endpoint is public and open to {{cidrs}}.',
    restricted: 'EKS cluster {{name}}: its public API endpoint is limited to {{cidrs}}.',
    private: 'EKS cluster {{name}}: its API endpoint is private only.',
    unknown: 'EKS cluster {{name}}: its endpoint access could not be read.',
  },
  evaluate(cluster) {
    const { name, endpointPublicAccess, publicAccessCidrs } = cluster.data;
    if (endpointPublicAccess === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (!endpointPublicAccess) return { status: 'pass', messageId: 'private', data: { name } };
    if (publicAccessCidrs === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    const open = publicAccessCidrs.filter((c) => ANYWHERE.test(c.trim()));
    if (open.length === 0) return { status: 'pass', messageId: 'restricted', data: { name, cidrs: publicAccessCidrs.join(', ') } };
    return {
      status: 'fail',
      messageId: 'open',
      data: { name, cidrs: open.join(', ') },
      evidence: { clusterArn: cluster.data.arn, endpointPublicAccess: true, publicAccessCidrs, endpointPrivateAccess: cluster.data.endpointPrivateAccess },
    };
  },
});
