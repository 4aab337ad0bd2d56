import { defineRule } from '../../src/api/rule.js';
import { S3_BUCKET, S3_BUCKET_VERSIONING } from '../../src/model/aws/s3.js';

export default defineRule({
  id: 'aws-s3-bucket-versioning-off',
  title: 'S3 bucket versioning off',
  severity: 'low',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_BUCKET_VERSIONING],
  description: 'Flags buckets whose versioning was never enabled or is suspended.',
  risk: 'Without versioning an overwrite or delete (a bug, an operator, ransomware with write access) destroys the only copy of an object; there is nothing to restore.',
  remediation: [
    'Enable versioning (with a lifecycle rule expiring old versions to control cost; consider MFA delete or Object Lock for critical data).',
    '',
    '- CLI: `aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled`',
    '- Terraform: `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14',
  ],
  messages: {
    off: 'S3 bucket {{name}} has versioning {{status}}.',
    on: 'S3 bucket {{name}} has versioning enabled.',
    unreadable: 'S3 bucket {{name}}: its versioning could not be read.',
  },
  evaluate(bucket) {
    const name = bucket.data.name;
    const v = bucket.data.versioning;
    if (v === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (v.status === 'Enabled') return { status: 'pass', messageId: 'on', data: { name } };
    return {
      status: 'fail',
      messageId: 'off',
      data: { name, status: v.status === 'Suspended' ? 'suspended' : 'never enabled' },
      evidence: { bucket: name, versioning: v.status },
    };
  },
});
