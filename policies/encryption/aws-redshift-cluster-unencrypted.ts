import { defineRule } from '../../src/api/rule.js';
import { REDSHIFT_CLUSTER } from '../../src/model/aws/redshift.js';

export default defineRule({
  id: 'aws-redshift-cluster-unencrypted',
  title: 'Redshift cluster is not encrypted at rest',
  severity: 'high',
  resourceTypes: [REDSHIFT_CLUSTER],
  description:
    'Fails for a provisioned Redshift cluster whose `Encrypted` flag is `false` (data blocks, system metadata and snapshots unencrypted). Passes with the KMS key in the message. Unknown when the flag is not reported.',
  risk: 'A data warehouse usually concentrates the most sensitive data of the organisation; unencrypted, its storage and snapshots are readable by whoever obtains them, and encryption at rest cannot be evidenced (HIPAA 164.312(a)(2)(iv), PCI DSS 3.5.1).',
  remediation: [
    'Encrypt the cluster with a KMS key (Redshift migrates the data in place; the cluster is read-only meanwhile).',
    '',
    '- Console: Amazon Redshift → Clusters → the cluster → Properties → Database configurations → Edit encryption → AWS KMS.',
    '- CLI: `aws redshift modify-cluster --cluster-identifier ID --encrypted --kms-key-id KEY`',
    '- Terraform: `encrypted = true` and `kms_key_id = aws_kms_key.dw.arn` on `aws_redshift_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-10',
  ],
  messages: {
    unencrypted: 'Redshift cluster {{name}} is not encrypted at rest.',
    encrypted: 'Redshift cluster {{name}} is encrypted ({{key}}).',
    unknown: 'Redshift cluster {{name}}: encryption was not reported.',
  },
  evaluate(c) {
    const name = c.data.id;
    if (c.data.encrypted === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (c.data.encrypted) return { status: 'pass', messageId: 'encrypted', data: { name, key: c.data.kmsKeyId ?? 'key not stated' } };
    return { status: 'fail', messageId: 'unencrypted', data: { name }, evidence: { arn: c.data.arn, encrypted: false } };
  },
});
