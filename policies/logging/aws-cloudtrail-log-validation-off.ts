import { defineRule } from '../../src/api/rule.js';
import { CLOUDTRAIL_TRAIL } from '../../src/model/aws/cloudtrail.js';

export default defineRule({
  id: 'aws-cloudtrail-log-validation-off',
  title: 'CloudTrail log file validation off',
  severity: 'low',
  resourceTypes: [CLOUDTRAIL_TRAIL],
  description: 'Flags trails without log file integrity validation (signed digest files).',
  risk: 'Without digest files nobody can prove that delivered log files were not modified or deleted after delivery: an intruder who reaches the log bucket can rewrite history undetected.',
  remediation: [
    'Turn on log file validation for the trail, then verify with `aws cloudtrail validate-logs`.',
    '',
    '- CLI: `aws cloudtrail update-trail --name TRAIL --enable-log-file-validation`',
    '- Terraform: `enable_log_file_validation = true` on `aws_cloudtrail`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4',
  ],
  messages: {
    off: 'CloudTrail trail {{name}} does not validate its log files.',
    on: 'CloudTrail trail {{name}} validates its log files.',
  },
  evaluate(trail) {
    const name = trail.data.name;
    if (trail.data.logFileValidationEnabled) return { status: 'pass', messageId: 'on', data: { name } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { trailArn: trail.data.arn, logFileValidationEnabled: false } };
  },
});
