import { defineRule } from '../../src/api/rule.js';
import { CLOUDTRAIL_TRAIL } from '../../src/model/aws/cloudtrail.js';

export default defineRule({
  id: 'aws-cloudtrail-not-kms-encrypted',
  title: 'CloudTrail logs not encrypted with KMS',
  severity: 'medium',
  resourceTypes: [CLOUDTRAIL_TRAIL],
  description: 'Flags trails that do not encrypt their log files with a KMS key (SSE-KMS); SSE-S3 alone does not pass.',
  risk: 'With SSE-S3 only, anyone who can read the log bucket can read the audit trail. A KMS key adds a second, separately controlled permission (kms:Decrypt) and its own audit of every read.',
  remediation: [
    'Create a customer-managed KMS key whose policy lets CloudTrail encrypt and your auditors decrypt, and configure the trail to use it.',
    '',
    '- CLI: `aws cloudtrail update-trail --name TRAIL --kms-key-id alias/cloudtrail`',
    '- Terraform: `kms_key_id = aws_kms_key.cloudtrail.arn` on `aws_cloudtrail`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2',
  ],
  messages: {
    notKms: 'CloudTrail trail {{name}} does not encrypt its logs with a KMS key.',
    kms: 'CloudTrail trail {{name}} encrypts its logs with KMS key {{key}}.',
  },
  evaluate(trail) {
    const name = trail.data.name;
    if (trail.data.kmsKeyId) return { status: 'pass', messageId: 'kms', data: { name, key: trail.data.kmsKeyId } };
    return { status: 'fail', messageId: 'notKms', data: { name }, evidence: { trailArn: trail.data.arn, kmsKeyId: null } };
  },
});
