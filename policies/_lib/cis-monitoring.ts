/**
 * The CIS AWS Foundations monitoring chain (CIS AWS Foundations Benchmark v3.0.0, section 4 "Monitoring"):
 * for each CIS metric-filter control, a logging multi-region trail with all management events → the
 * CloudWatch Logs group it delivers to → a metric filter on that group whose pattern is the control's →
 * a metric alarm on the filter's metric → an enabled alarm action to an SNS topic → a confirmed subscriber.
 *
 * Data-driven: each control is an entry of {@link CIS_METRIC_FILTERS} (its CIS number, title and filter
 * terms) and each rule file is `cisMonitoringRule('<key>')`. Adding a control is a table entry, a one-line
 * rule file, a one-line test and a README entry.
 *
 * Pattern matching compares terms, not text: a filter pattern is read as the set of its comparisons
 * (`$.field = value`, `!=`, `NOT EXISTS`), with spacing, quoting and order ignored. A filter matches a
 * control when it has every required term of the control and no term outside the required and optional
 * ones (an extra `&&` condition could narrow it to nothing). The `&&` / `||` structure is not checked.
 */
import { defineRule } from '../../src/api/rule.js';
import type { RuleContext, RuleResult, SnapshotIndex } from '../../src/engine/types.js';
import { CLOUDTRAIL_ACCOUNT, type MultiRegionTrailSummary } from '../../src/model/aws/cloudtrail.js';
import { CLOUDWATCH_ALARM } from '../../src/model/aws/cloudwatch.js';
import { LOGS_LOG_GROUP, LOGS_METRIC_FILTER, type MetricFilterData } from '../../src/model/aws/logs.js';
import { SNS_TOPIC, SNS_TOPIC_ATTRIBUTES } from '../../src/model/aws/sns.js';
import type { InputType } from '../../src/model/registry.js';
import type { Resource } from '../../src/model/types.js';

/** One comparison of a filter pattern: `$.errorCode = "AccessDenied*"` → `errorCode|=|AccessDenied*`. */
export type Term = string;

export interface CisMetricFilterControl {
  /** Recommendation number in CIS AWS Foundations Benchmark v3.0.0. */
  cis: string;
  /** What is monitored, e.g. "root account usage" (the rule title is built from it). */
  subject: string;
  /** The filter pattern CIS gives (shown in the remediation). */
  pattern: string;
  /** Terms every matching filter has. */
  required: Term[];
  /** Terms a matching filter may have too (later CIS versions' refinements, the event source). */
  optional?: Term[];
}

const names = (field: string, values: string[]): Term[] => values.map((v) => `${field}|=|${v}`);
const source = (s: string): Term[] => [`eventSource|=|${s}`];

/** The CIS metric-filter controls, by rule key (`aws-cis-alarm-<key>`). */
export const CIS_METRIC_FILTERS = {
  'unauthorized-api-calls': {
    cis: '4.1',
    subject: 'unauthorized API calls',
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    required: ['errorCode|=|*UnauthorizedOperation', 'errorCode|=|AccessDenied*'],
    optional: ['sourceIPAddress|!=|delivery.logs.amazonaws.com', 'eventName|!=|HeadBucket'],
  },
  'console-signin-no-mfa': {
    cis: '4.2',
    subject: 'console sign-in without MFA',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    required: ['eventName|=|ConsoleLogin', 'additionalEventData.MFAUsed|!=|Yes'],
    optional: ['userIdentity.type|=|IAMUser', 'responseElements.ConsoleLogin|=|Success'],
  },
  'root-usage': {
    cis: '4.3',
    subject: 'root account usage',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    required: ['userIdentity.type|=|Root', 'userIdentity.invokedBy|NOT EXISTS|', 'eventType|!=|AwsServiceEvent'],
  },
  'iam-policy-changes': {
    cis: '4.4',
    subject: 'IAM policy changes',
    pattern:
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
    required: names('eventName', [
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ]),
    optional: source('iam.amazonaws.com'),
  },
  'cloudtrail-changes': {
    cis: '4.5',
    subject: 'CloudTrail configuration changes',
    pattern:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    required: names('eventName', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
    optional: source('cloudtrail.amazonaws.com'),
  },
  'console-auth-failures': {
    cis: '4.6',
    subject: 'console authentication failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    required: ['eventName|=|ConsoleLogin', 'errorMessage|=|Failed authentication'],
  },
  'cmk-disable-deletion': {
    cis: '4.7',
    subject: 'disabling or scheduled deletion of customer-managed KMS keys',
    pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    required: names('eventName', ['DisableKey', 'ScheduleKeyDeletion']),
    optional: source('kms.amazonaws.com'),
  },
  's3-bucket-policy-changes': {
    cis: '4.8',
    subject: 'S3 bucket policy changes',
    pattern:
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
    required: names('eventName', [
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ]),
    optional: source('s3.amazonaws.com'),
  },
  'config-changes': {
    cis: '4.9',
    subject: 'AWS Config configuration changes',
    pattern:
      '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
    required: names('eventName', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']),
    optional: source('config.amazonaws.com'),
  },
  'security-group-changes': {
    cis: '4.10',
    subject: 'security group changes',
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    required: names('eventName', [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ]),
    optional: source('ec2.amazonaws.com'),
  },
  'nacl-changes': {
    cis: '4.11',
    subject: 'network ACL changes',
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    required: names('eventName', [
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ]),
    optional: source('ec2.amazonaws.com'),
  },
  'network-gateway-changes': {
    cis: '4.12',
    subject: 'network gateway changes',
    pattern:
      '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
    required: names('eventName', [
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ]),
    optional: source('ec2.amazonaws.com'),
  },
  'route-table-changes': {
    cis: '4.13',
    subject: 'route table changes',
    pattern:
      '{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
    required: names('eventName', [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ]),
    optional: source('ec2.amazonaws.com'),
  },
  'vpc-changes': {
    cis: '4.14',
    subject: 'VPC changes',
    pattern:
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
    required: names('eventName', [
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ]),
    optional: source('ec2.amazonaws.com'),
  },
  'organizations-changes': {
    cis: '4.15',
    subject: 'AWS Organizations changes',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    required: names('eventName', [
      'AcceptHandshake',
      'AttachPolicy',
      'CreateAccount',
      'CreateOrganizationalUnit',
      'CreatePolicy',
      'DeclineHandshake',
      'DeleteOrganization',
      'DeleteOrganizationalUnit',
      'DeletePolicy',
      'DetachPolicy',
      'DisablePolicyType',
      'EnablePolicyType',
      'InviteAccountToOrganization',
      'LeaveOrganization',
      'MoveAccount',
      'RemoveAccountFromOrganization',
      'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ]),
    optional: source('organizations.amazonaws.com'),
  },
} as const satisfies Record<string, CisMetricFilterControl>;

export type CisControlKey = keyof typeof CIS_METRIC_FILTERS;

// ------------------------------------------------------------------ pattern terms

const TERM = /\$\.([A-Za-z0-9_.\-[\]]+)\s*(!=|=|NOT\s+EXISTS|IS\s+NULL|EXISTS)\s*("(?:[^"\\]|\\.)*"|[^\s()&|}]*)/g;

/** The comparisons of a JSON filter pattern, normalised (`field|op|value`, quotes dropped). */
export function patternTerms(pattern: string): Term[] {
  const out = new Set<Term>();
  for (const m of pattern.matchAll(TERM)) {
    const op = m[2]!.replace(/\s+/g, ' ').toUpperCase();
    const unary = op === 'NOT EXISTS' || op === 'EXISTS' || op === 'IS NULL';
    const value = unary ? '' : m[3]!.replace(/^"(.*)"$/s, '$1');
    out.add(`${m[1]}|${op}|${value}`);
  }
  return [...out];
}

/** Whether a filter pattern is the control's: every required term, nothing outside required and optional. */
export function matchesControl(pattern: string, control: CisMetricFilterControl): { match: boolean; missing: Term[]; extra: Term[] } {
  const terms = new Set(patternTerms(pattern));
  const allowed = new Set<Term>([...control.required, ...(control.optional ?? [])]);
  const missing = control.required.filter((t) => !terms.has(t));
  const extra = [...terms].filter((t) => !allowed.has(t));
  return { match: missing.length === 0 && extra.length === 0, missing, extra };
}

// ------------------------------------------------------------------ the chain

/** The links of the chain, in order; a failure names the first one missing. */
export const CHAIN_LINKS = [
  'multi-region trail',
  'CloudWatch Logs delivery',
  'log group',
  'metric filter',
  'alarm',
  'SNS alarm action',
  'SNS subscriber',
] as const;
export type ChainLink = (typeof CHAIN_LINKS)[number];

interface TrailChain {
  trail: string;
  /** The first missing link on this trail's path; `null` when complete. */
  missing: ChainLink | null;
  /** What was found on the way (names and ARNs), for the evidence. */
  found: Record<string, unknown>;
  /** Why this path could not be judged (data not read). */
  unknown?: string;
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` → parts. */
function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:(.+?)(?::\*)?$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

/** `arn:aws:sns:REGION:ACCOUNT:NAME` → region and account. */
function parseSnsArn(arn: string): { region: string; account: string } | undefined {
  const m = /^arn:[^:]+:sns:([^:]+):(\d{12}):[^:]+$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]! } : undefined;
}

/** Why a type cannot be trusted in a scope (never read, or a gap), or `undefined` when it was read. */
function unread(index: SnapshotIndex, type: InputType, account: string, region: string, resourceId?: string): string | undefined {
  if (!index.collected(type, account, region)) return `${type} was not collected in ${account}/${region}`;
  const g = index.gaps(type, account, region, resourceId).filter((x) => resourceId === undefined || x.resourceId === undefined || x.resourceId === resourceId);
  return g.length > 0 ? `${type} could not be read in ${account}/${region} (${g[0]!.errorCode ?? g[0]!.status})` : undefined;
}

function followTrail(index: SnapshotIndex, t: MultiRegionTrailSummary, control: CisMetricFilterControl): TrailChain {
  const out: TrailChain = { trail: t.arn, missing: null, found: { trail: t.name } };
  const stop = (missing: ChainLink, extra: Record<string, unknown> = {}): TrailChain => ({ ...out, missing, found: { ...out.found, ...extra } });
  const unknown = (why: string): TrailChain => ({ ...out, missing: null, unknown: why });
  if (t.isLogging === null || t.managementEvents === null) return unknown(`the status or event selectors of trail ${t.name} could not be read`);
  if (!t.isLogging || t.managementEvents !== 'all') return stop('multi-region trail', { isLogging: t.isLogging, managementEvents: t.managementEvents });
  if (t.cloudWatchLogsLogGroupArn === undefined)
    return unknown(`the CloudWatch Logs delivery of trail ${t.name} is not in the snapshot (collected before schema version 3)`);
  if (t.cloudWatchLogsLogGroupArn === null) return stop('CloudWatch Logs delivery');
  const lg = parseLogGroupArn(t.cloudWatchLogsLogGroupArn);
  if (!lg) return unknown(`trail ${t.name} delivers to an unrecognised log group ARN`);
  out.found.logGroup = t.cloudWatchLogsLogGroupArn;
  for (const type of [LOGS_LOG_GROUP, LOGS_METRIC_FILTER] as const) {
    const why = unread(index, type, lg.account, lg.region);
    if (why) return unknown(why);
  }
  if (!index.inScope(LOGS_LOG_GROUP, lg.account, lg.region).some((g) => g.data.name === lg.name)) return stop('log group');
  const onGroup = index.inScope(LOGS_METRIC_FILTER, lg.account, lg.region).filter((f) => f.data.logGroupName === lg.name);
  const matching = onGroup.filter((f) => matchesControl(f.data.filterPattern, control).match);
  if (matching.length === 0) {
    return stop('metric filter', {
      filtersOnGroup: onGroup.slice(0, 10).map((f: Resource<MetricFilterData>) => {
        const m = matchesControl(f.data.filterPattern, control);
        return { name: f.data.name, missingTerms: m.missing.length, extraTerms: m.extra.slice(0, 5) };
      }),
    });
  }
  out.found.metricFilters = matching.map((f) => f.data.name);
  const alarmsUnread = unread(index, CLOUDWATCH_ALARM, lg.account, lg.region);
  if (alarmsUnread) return unknown(alarmsUnread);
  const metrics = new Set(matching.flatMap((f) => f.data.metricTransformations.map((m) => `${m.metricNamespace}/${m.metricName}`)));
  const alarms = index.inScope(CLOUDWATCH_ALARM, lg.account, lg.region).filter((a) => {
    const watched = [
      ...(a.data.metricName && a.data.namespace ? [`${a.data.namespace}/${a.data.metricName}`] : []),
      ...a.data.metrics.map((m) => `${m.namespace}/${m.metricName}`),
    ];
    return watched.some((w) => metrics.has(w));
  });
  if (alarms.length === 0) return stop('alarm', { metrics: [...metrics] });
  out.found.alarms = alarms.map((a) => a.data.name);
  const topicArns = [...new Set(alarms.filter((a) => a.data.actionsEnabled).flatMap((a) => a.data.alarmActions.filter((x) => parseSnsArn(x))))];
  if (topicArns.length === 0) return stop('SNS alarm action');
  out.found.topics = topicArns;
  const unknowns: string[] = [];
  for (const arn of topicArns) {
    const where = parseSnsArn(arn)!;
    const why = unread(index, SNS_TOPIC, where.account, where.region) ?? unread(index, SNS_TOPIC_ATTRIBUTES, where.account, where.region, arn);
    if (why) {
      unknowns.push(why);
      continue;
    }
    const topic = index.inScope(SNS_TOPIC, where.account, where.region).find((x) => x.data.arn === arn);
    if (topic && (topic.data.subscriptionsConfirmed ?? 0) > 0) return { ...out, found: { ...out.found, subscribedTopic: arn } };
    if (topic && topic.data.subscriptionsConfirmed === null) unknowns.push(`the subscriptions of topic ${arn} could not be read`);
  }
  if (unknowns.length > 0) return unknown(unknowns.join('; '));
  return stop('SNS subscriber');
}

const MESSAGES = {
  monitored: 'CIS {{cis}}: an alarm on {{subject}} notifies a subscribed SNS topic (trail {{trail}}).',
  broken: 'CIS {{cis}}: no alarm on {{subject}}: missing {{missing}}.',
  notJudged: 'CIS {{cis}}: the alarm chain for {{subject}} could not be followed ({{why}}).',
} as const;

/** The account-level result of one control. */
export function evaluateChain(
  account: Resource<{ multiRegionTrails: MultiRegionTrailSummary[] }>,
  ctx: RuleContext<unknown>,
  control: CisMetricFilterControl,
): RuleResult<keyof typeof MESSAGES> {
  const base = { cis: control.cis, subject: control.subject };
  const chains = account.data.multiRegionTrails.map((t) => followTrail(ctx.index, t, control));
  const done = chains.find((c) => c.missing === null && !c.unknown);
  if (done) return { status: 'pass', messageId: 'monitored', data: { ...base, trail: String(done.found.trail) }, evidence: { chain: done.found } };
  const unknowns = chains.filter((c) => c.unknown);
  if (unknowns.length > 0)
    return { status: 'unknown', messageId: 'notJudged', data: { ...base, why: unknowns.map((c) => c.unknown).join('; ') }, evidence: { trails: chains } };
  // Name the link missing on the path that got furthest.
  const best = chains.length === 0 ? undefined : chains.reduce((a, b) => (CHAIN_LINKS.indexOf(b.missing!) > CHAIN_LINKS.indexOf(a.missing!) ? b : a));
  const missing: ChainLink = best?.missing ?? 'multi-region trail';
  const detail =
    missing === 'multi-region trail'
      ? 'a logging multi-region trail with all management events'
      : missing === 'metric filter'
        ? `a metric filter matching the CIS ${control.cis} pattern`
        : missing;
  return {
    status: 'fail',
    messageId: 'broken',
    data: { ...base, missing: detail },
    evidence: { missingLink: missing, trails: chains.map(({ trail, missing: m, found }) => ({ trail, missingLink: m, found })) },
  };
}

/** The rule of one CIS metric-filter control (`aws-cis-alarm-<key>`). */
export function cisMonitoringRule<K extends CisControlKey>(key: K) {
  const control: CisMetricFilterControl = CIS_METRIC_FILTERS[key];
  return defineRule({
    id: `aws-cis-alarm-${key}`,
    title: `No alarm on ${control.subject} (CIS ${control.cis})`,
    severity: 'medium',
    precision: 'medium',
    resourceTypes: [CLOUDTRAIL_ACCOUNT],
    description: [
      `Checks, once per account, the CIS AWS Foundations ${control.cis} chain for ${control.subject}: a logging multi-region trail recording all management events → the CloudWatch Logs group it delivers to → a metric filter on that group with the CIS pattern → a metric alarm on the filter's metric → an enabled alarm action to an SNS topic → a confirmed subscriber. The first missing link is named in the finding.`,
      'Filter patterns are compared by their terms (spacing, quoting and order ignored): every CIS term must be present and no other condition (the event source and later CIS refinements are allowed); the `&&`/`||` structure is not checked. Log groups, metric filters, alarms and topics are read in the regions the trail and alarm name; any of them unread makes the result unknown, unless another trail completes the chain.',
    ].join(' '),
    risk: `Without an alarm, ${control.subject} are recorded but nobody is told: the event is found, if ever, long after it mattered.`,
    remediation: [
      `Send a multi-region trail to CloudWatch Logs, then create a metric filter with the CIS ${control.cis} pattern, an alarm on its metric and an SNS topic with a subscriber.`,
      '',
      `- Pattern: \`${control.pattern}\``,
      `- CLI: \`aws logs put-metric-filter --log-group-name TRAIL_GROUP --filter-name cis-${key} --metric-transformations metricName=cis-${key},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '<pattern>'\`, then \`aws cloudwatch put-metric-alarm --alarm-name cis-${key} --metric-name cis-${key} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions TOPIC_ARN\`, and \`aws sns subscribe --topic-arn TOPIC_ARN --protocol email --notification-endpoint …\`.`,
      '- Terraform: `aws_cloudwatch_log_metric_filter`, `aws_cloudwatch_metric_alarm` (`alarm_actions = [aws_sns_topic.alerts.arn]`), `aws_sns_topic_subscription`.',
    ].join('\n'),
    references: [
      'https://www.cisecurity.org/benchmark/amazon_web_services',
      'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html',
    ],
    messages: MESSAGES,
    evaluate(account, ctx) {
      return evaluateChain(account, ctx, control);
    },
  });
}
