import { defineRule } from '../../src/api/rule.js';
import { CLOUDTRAIL_ACCOUNT } from '../../src/model/aws/cloudtrail.js';

export default defineRule({
  id: 'aws-cloudtrail-multi-region-missing',
  title: 'No multi-region CloudTrail trail logging management events',
  severity: 'high',
  resourceTypes: [CLOUDTRAIL_ACCOUNT],
  description:
    "One result per account: passes when at least one multi-region trail (the account's own or an organization trail) is logging and records all management events (read and write). The account-level view comes from one DescribeTrails that includes shadow trails, so it does not depend on which regions were scanned. A candidate trail whose status or selectors could not be read makes the result unknown unless another trail passes.",
  risk: 'Without a multi-region trail, API activity in regions nobody watches (where attackers like to start instances or hide resources) is not recorded, and turning off a single-region trail erases the audit trail.',
  remediation: [
    'Create (or fix) one multi-region trail that logs all management events, deliver it to a protected bucket, and make sure it is logging.',
    '',
    '- CLI: `aws cloudtrail create-trail --name org-trail --s3-bucket-name LOG_BUCKET --is-multi-region-trail --enable-log-file-validation --kms-key-id alias/…` then `aws cloudtrail start-logging --name org-trail`',
    '- CLI (selectors): `aws cloudtrail put-event-selectors --trail-name org-trail --event-selectors \'[{"ReadWriteType":"All","IncludeManagementEvents":true}]\'`',
    '- Terraform: `aws_cloudtrail` with `is_multi_region_trail = true`, `enable_logging = true` and an `event_selector { read_write_type = "All", include_management_events = true }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1',
  ],
  messages: {
    none: 'Account {{account}} has no multi-region CloudTrail trail.',
    inadequate: 'Account {{account}} has no multi-region trail that is logging all management events ({{trails}}).',
    ok: 'Account {{account}} has a multi-region trail logging all management events ({{trail}}).',
    unknown: 'Account {{account}}: whether a multi-region trail is logging could not be established ({{trails}} could not be read).',
  },
  evaluate(acct) {
    const account = acct.ref.account;
    const trails = acct.data.multiRegionTrails;
    const good = trails.find((t) => t.isLogging === true && t.managementEvents === 'all');
    if (good) return { status: 'pass', messageId: 'ok', data: { account, trail: good.name } };
    const unreadable = trails.filter((t) => t.isLogging === null || t.managementEvents === null);
    if (unreadable.length > 0) return { status: 'unknown', messageId: 'unknown', data: { account, trails: unreadable.map((t) => t.name).join(', ') } };
    if (trails.length === 0) return { status: 'fail', messageId: 'none', data: { account }, evidence: { multiRegionTrails: [] } };
    const describe = (t: (typeof trails)[number]) => `${t.name}: ${t.isLogging ? 'logging' : 'not logging'}, management events ${t.managementEvents}`;
    return {
      status: 'fail',
      messageId: 'inadequate',
      data: { account, trails: trails.map(describe).join('; ') },
      evidence: { multiRegionTrails: trails.map((t) => ({ arn: t.arn, isLogging: t.isLogging, managementEvents: t.managementEvents })) },
    };
  },
});
