import { defineRule } from '../../src/api/rule.js';
import { EKS_CLUSTER, EKS_CLUSTER_DETAILS } from '../../src/model/aws/eks.js';

export default defineRule({
  id: 'aws-eks-secrets-unencrypted',
  title: 'EKS secrets without KMS envelope encryption',
  severity: 'medium',
  resourceTypes: [EKS_CLUSTER],
  inputs: [EKS_CLUSTER_DETAILS],
  description:
    'Flags EKS clusters without an `encryptionConfig` entry for the `secrets` resource, i.e. Kubernetes secrets not envelope-encrypted with a KMS key.',
  risk: "Kubernetes secrets (service-account tokens, database passwords, TLS keys) are stored in etcd with only the volume's encryption: anyone who reads an etcd backup or snapshot reads them, and their use is not tied to a key you can audit or revoke.",
  remediation: [
    'Associate a KMS key with the cluster for secrets encryption (it cannot be turned off afterwards).',
    '',
    '- CLI: `aws eks associate-encryption-config --cluster-name CLUSTER --encryption-config \'[{"resources":["secrets"],"provider":{"keyArn":"KEY_ARN"}}]\'`',
    '- Terraform: `encryption_config { resources = ["secrets"] provider { key_arn = … } }` on `aws_eks_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3',
  ],
  messages: {
    plain: 'EKS cluster {{name}}: Kubernetes secrets are not envelope-encrypted with a KMS key.',
    encrypted: 'EKS cluster {{name}}: secrets are encrypted with {{key}}.',
    unknown: 'EKS cluster {{name}}: its encryption configuration could not be read.',
  },
  evaluate(cluster) {
    const { name, encryption } = cluster.data;
    if (encryption === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    const secrets = encryption.find((e) => e.resources.includes('secrets'));
    if (secrets) return { status: 'pass', messageId: 'encrypted', data: { name, key: secrets.keyArn ?? 'a KMS key' } };
    return { status: 'fail', messageId: 'plain', data: { name }, evidence: { clusterArn: cluster.data.arn, encryptionConfig: encryption } };
  },
});
