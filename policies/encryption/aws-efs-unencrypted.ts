import { defineRule } from '../../src/api/rule.js';
import { EFS_FILE_SYSTEM } from '../../src/model/aws/efs.js';

export default defineRule({
  id: 'aws-efs-unencrypted',
  title: 'EFS file system not encrypted at rest',
  severity: 'medium',
  resourceTypes: [EFS_FILE_SYSTEM],
  description: 'Flags EFS file systems created without encryption at rest.',
  risk: 'File data, metadata and backups of an unencrypted file system are stored in clear; it fails encryption-at-rest requirements (HIPAA 164.312(a)(2)(iv), PCI DSS 3.5.1).',
  remediation: [
    'Encryption is chosen at creation: create an encrypted file system (optionally with a customer managed KMS key), copy the data (AWS DataSync or AWS Backup restore) and move the mount targets.',
    '',
    '- CLI: `aws efs create-file-system --encrypted --kms-key-id alias/…`',
    '- Terraform: `encrypted = true` (and `kms_key_id`) on `aws_efs_file_system`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1',
  ],
  messages: {
    unencrypted: 'EFS file system {{name}} is not encrypted at rest.',
    encrypted: 'EFS file system {{name}} is encrypted at rest.',
    unknown: 'EFS file system {{name}}: the API did not say whether it is encrypted.',
  },
  evaluate(fs) {
    const name = fs.ref.name && fs.ref.name !== fs.data.fileSystemId ? `${fs.data.fileSystemId} (${fs.ref.name})` : fs.data.fileSystemId;
    if (fs.data.encrypted === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (fs.data.encrypted) return { status: 'pass', messageId: 'encrypted', data: { name } };
    return { status: 'fail', messageId: 'unencrypted', data: { name }, evidence: { fileSystemArn: fs.data.arn, encrypted: false } };
  },
});
