import { defineRule } from '../../src/api/rule.js';
import { LOGS_LOG_GROUP } from '../../src/model/aws/logs.js';

export default defineRule({
  id: 'aws-log-group-not-kms-encrypted',
  title: 'CloudWatch Logs group not encrypted with a KMS key',
  severity: 'low',
  resourceTypes: [LOGS_LOG_GROUP],
  description:
    'Flags log groups without a customer-managed KMS key. CloudWatch Logs always encrypts at rest with a service-owned key; a KMS key adds an access control (the key policy) and an audit trail (CloudTrail KMS events) independent of the logs permissions, and lets you revoke access by disabling the key.',
  risk: 'Logs often hold tokens, personal data and internal hostnames. Without a KMS key, anyone with `logs:GetLogEvents` reads them, and access cannot be cut or audited at the key.',
  remediation: [
    'Associate a customer-managed KMS key whose key policy allows the CloudWatch Logs service principal of the region.',
    '',
    '- Console: CloudWatch → Log groups → the group → Actions → Edit → KMS key ARN (for a new group) — existing groups: CLI.',
    '- CLI: `aws logs associate-kms-key --log-group-name NAME --kms-key-id arn:aws:kms:…`.',
    '- Terraform: `aws_cloudwatch_log_group` with `kms_key_id`.',
  ].join('\n'),
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
  messages: {
    plain: 'Log group {{name}} is not encrypted with a KMS key.',
    kms: 'Log group {{name}} is encrypted with KMS key {{key}}.',
  },
  evaluate(group) {
    const { name, kmsKeyId } = group.data;
    if (kmsKeyId) return { status: 'pass', messageId: 'kms', data: { name, key: kmsKeyId } };
    return { status: 'fail', messageId: 'plain', data: { name }, evidence: { kmsKeyId: null } };
  },
});
