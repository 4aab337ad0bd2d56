import { defineRule } from '../../src/api/rule.js';
import { LOGS_LOG_GROUP } from '../../src/model/aws/logs.js';

export default defineRule({
  id: 'aws-log-group-retention-short',
  title: 'CloudWatch Logs group kept for less than the minimum retention',
  severity: 'low',
  resourceTypes: [LOGS_LOG_GROUP],
  description:
    'Flags log groups whose retention is below `minimumDays` (default 365: PCI DSS 10.5.1 asks for 12 months of audit history). A group that never expires its events passes, unless `requireRetentionPolicy: true` (for those who want every group to have an explicit retention setting).',
  risk: 'Events older than the retention are deleted: an intrusion found months later (the median dwell time is weeks to months) cannot be traced back to its start, and the audit history a standard requires is gone.',
  remediation: [
    'Set a retention at least as long as your policy requires (or export older events to S3 / Glacier).',
    '',
    '- Console: CloudWatch → Log groups → the group → Actions → Edit retention setting.',
    '- CLI: `aws logs put-retention-policy --log-group-name NAME --retention-in-days 365`.',
    '- Terraform: `aws_cloudwatch_log_group` with `retention_in_days = 365`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16',
  ],
  messages: {
    short: 'Log group {{name}} keeps events for {{days}} day(s), less than {{minimum}}.',
    never: 'Log group {{name}} has no retention policy (events never expire).',
    ok: 'Log group {{name}} keeps events for {{days}}.',
  },
  defaults: { minimumDays: 365, requireRetentionPolicy: false },
  optionsSchema: {
    type: 'object',
    properties: { minimumDays: { type: 'integer', minimum: 1 }, requireRetentionPolicy: { type: 'boolean' } },
    additionalProperties: false,
  },
  evaluate(group, ctx) {
    const { name, retentionInDays } = group.data;
    const minimum = ctx.options.minimumDays;
    if (retentionInDays === null) {
      if (ctx.options.requireRetentionPolicy) return { status: 'fail', messageId: 'never', data: { name }, evidence: { retentionInDays: null } };
      return { status: 'pass', messageId: 'ok', data: { name, days: 'ever (never expires)' } };
    }
    if (retentionInDays < minimum)
      return { status: 'fail', messageId: 'short', data: { name, days: retentionInDays, minimum }, evidence: { retentionInDays, minimumDays: minimum } };
    return { status: 'pass', messageId: 'ok', data: { name, days: `${retentionInDays} days` } };
  },
});
