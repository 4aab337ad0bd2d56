/** Cases shared by the CIS monitoring-chain rules (`aws-cis-alarm-*`): one full chain, each link broken, each input unread. */
import { CIS_METRIC_FILTERS, type CisControlKey } from '../../policies/_lib/cis-monitoring.js';
import { CLOUDWATCH_ALARM } from '../../src/model/aws/cloudwatch.js';
import { LOGS_LOG_GROUP, LOGS_METRIC_FILTER } from '../../src/model/aws/logs.js';
import { SNS_TOPIC, SNS_TOPIC_ATTRIBUTES } from '../../src/model/aws/sns.js';
import type { Resource } from '../../src/model/types.js';
import { ACCOUNT, cloudtrailAccount, trailSummary } from './aws-data.js';
import { alarm, logGroup, metricFilter, read, topic, topicArn } from './aws-detection.js';
import { type RuleCases, gap } from './rule-tester.js';

const GROUP = 'cloudtrail/org';
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}:*`;
const READ = read([LOGS_LOG_GROUP, LOGS_METRIC_FILTER, CLOUDWATCH_ALARM, SNS_TOPIC, SNS_TOPIC_ATTRIBUTES]);

export function cisChainCases(key: CisControlKey): RuleCases<'monitored' | 'broken' | 'notJudged', Record<string, never>> {
  const { pattern } = CIS_METRIC_FILTERS[key];
  const account = (logGroupArn: string | null = GROUP_ARN) => cloudtrailAccount([trailSummary('org', { cloudWatchLogsLogGroupArn: logGroupArn })]);
  // A trail summary as written before schema 3: no `cloudWatchLogsLogGroupArn` at all.
  const { cloudWatchLogsLogGroupArn: _, ...legacy } = trailSummary('org');
  const chain = (over: { pattern?: string; actions?: string[]; subscribers?: number | null; alarm?: boolean } = {}): Resource[] => [
    logGroup(GROUP),
    metricFilter(`cis-${key}`, GROUP, over.pattern ?? pattern),
    ...(over.alarm === false ? [] : [alarm(`cis-${key}`, `cis-${key}`, over.actions ?? [topicArn('alerts')])]),
    topic('alerts', { subscriptionsConfirmed: over.subscribers === undefined ? 1 : over.subscribers }),
  ];
  // The CIS pattern respelled: no spaces, reordered terms, quotes toggled.
  const respelled = pattern.replace(/\s*(!=|=|&&|\|\||\(|\)|\{|\})\s*/g, '$1').replace(/="([^"*\s]+)"/g, '=$1');
  return {
    valid: [
      { name: 'full chain', resource: account(), others: chain(), coverage: [READ], messageId: 'monitored' },
      { name: 'full chain, pattern respelled', resource: account(), others: chain({ pattern: respelled }), coverage: [READ] },
      {
        name: 'second trail completes the chain',
        resource: cloudtrailAccount([trailSummary('old', { cloudWatchLogsLogGroupArn: null }), trailSummary('org', { cloudWatchLogsLogGroupArn: GROUP_ARN })]),
        others: chain(),
        coverage: [READ],
      },
    ],
    invalid: [
      {
        name: 'no multi-region trail',
        resource: cloudtrailAccount([]),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'multi-region trail' },
      },
      {
        name: 'trail not logging',
        resource: cloudtrailAccount([trailSummary('org', { isLogging: false, cloudWatchLogsLogGroupArn: GROUP_ARN })]),
        others: chain(),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'multi-region trail' },
      },
      {
        name: 'trail not sent to CloudWatch Logs',
        resource: account(null),
        others: chain(),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'CloudWatch Logs delivery' },
      },
      {
        name: 'log group deleted',
        resource: account(),
        others: chain().slice(1),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'log group' },
      },
      {
        name: 'no matching filter',
        resource: account(),
        others: chain({ pattern: '{ $.eventName = "Nothing" }' }),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'metric filter' },
      },
      {
        name: 'filter narrowed by an extra condition',
        resource: account(),
        others: chain({ pattern: pattern.replace(/}\s*$/, ' && ($.awsRegion = "us-east-1") }') }),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'metric filter' },
      },
      {
        name: 'no alarm on the metric',
        resource: account(),
        others: chain({ alarm: false }),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'alarm' },
      },
      {
        name: 'alarm without an SNS action',
        resource: account(),
        others: chain({ actions: [] }),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'SNS alarm action' },
      },
      {
        name: 'topic without a subscriber',
        resource: account(),
        others: chain({ subscribers: 0 }),
        coverage: [READ],
        messageId: 'broken',
        evidence: { missingLink: 'SNS subscriber' },
      },
    ],
    unknown: [
      {
        name: 'alarms unread',
        resource: account(),
        others: chain(),
        coverage: [read([LOGS_LOG_GROUP, LOGS_METRIC_FILTER, SNS_TOPIC, SNS_TOPIC_ATTRIBUTES]), gap([CLOUDWATCH_ALARM])],
        messageId: 'notJudged',
      },
      {
        name: 'metric filters never collected',
        resource: account(),
        others: chain(),
        coverage: [read([LOGS_LOG_GROUP, CLOUDWATCH_ALARM, SNS_TOPIC, SNS_TOPIC_ATTRIBUTES])],
        messageId: 'notJudged',
      },
      {
        name: 'topic subscriptions unread',
        resource: account(),
        others: chain({ subscribers: null }),
        coverage: [READ, gap([SNS_TOPIC_ATTRIBUTES], { resourceId: topicArn('alerts') })],
        messageId: 'notJudged',
      },
      {
        name: 'snapshot older than schema 3 (no log group field)',
        resource: cloudtrailAccount([legacy]),
        others: chain(),
        coverage: [READ],
        messageId: 'notJudged',
      },
      { name: 'account view not collected', coverage: [gap(['aws.cloudtrail.account'], { region: 'global' })] },
    ],
  };
}
