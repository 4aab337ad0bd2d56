/** toModel of the detection and logging collectors on AWS-shaped responses (Security Hub: moto lacks GetEnabledStandards). */
import { describe, expect, it } from '@jest/globals';
import { patternTerms, matchesControl, CIS_METRIC_FILTERS } from '../../../policies/_lib/cis-monitoring.js';
import { alarmToModel } from '../../../src/collectors/aws/cloudwatch.js';
import { configToModel } from '../../../src/collectors/aws/config.js';
import { guardDutyToModel } from '../../../src/collectors/aws/guardduty.js';
import { logGroupArn, logGroupToModel } from '../../../src/collectors/aws/logs.js';
import { isNotSubscribed, securityHubToModel } from '../../../src/collectors/aws/securityhub.js';
import { topicToModel } from '../../../src/collectors/aws/sns.js';
import { fixture } from './data-fixtures.js';

const ACCOUNT = '123456789012';

describe('Security Hub on AWS-shaped responses', () => {
  const f = fixture('securityhub', 'aws-shaped');
  it('maps the hub and its standards', () => {
    const m = securityHubToModel(f.describeHub, f.getEnabledStandards.StandardsSubscriptions, ACCOUNT, 'us-east-1');
    expect(m.ref).toMatchObject({ type: 'aws.securityhub.region', id: 'us-east-1', arn: f.describeHub.HubArn });
    expect(m.data).toMatchObject({ enabled: true, subscribedAt: '2024-03-18T09:12:44.187Z', autoEnableControls: true });
    expect(m.data.standards!.map((s) => s.status)).toEqual(['READY', 'INCOMPLETE']);
  });
  it('standards unread stay null; hub off has none', () => {
    expect(securityHubToModel(f.describeHub, null, ACCOUNT, 'us-east-1').data.standards).toBeNull();
    expect(securityHubToModel(null, null, ACCOUNT, 'us-east-1').data).toMatchObject({ enabled: false, standards: [] });
  });
  it('"not subscribed" is read as off; other access errors are not', () => {
    expect(isNotSubscribed(f.notSubscribedError)).toBe(true);
    expect(isNotSubscribed({ name: 'InvalidAccessException', message: 'The security token included in the request is invalid' })).toBe(false);
    expect(isNotSubscribed({ name: 'AccessDeniedException', message: 'not subscribed' })).toBe(false);
  });
});

describe('other normalizers', () => {
  it('GuardDuty: unread detector status stays null', () => {
    const m = guardDutyToModel(
      [
        { id: 'd1', detail: { Status: 'ENABLED', FindingPublishingFrequency: 'SIX_HOURS', Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] } },
        { id: 'd2', detail: null },
      ],
      ACCOUNT,
      'eu-west-1',
    );
    expect(m.data.detectors).toEqual([
      { detectorId: 'd1', status: 'ENABLED', findingPublishingFrequency: 'SIX_HOURS', features: { S3_DATA_EVENTS: 'ENABLED' } },
      { detectorId: 'd2', status: null, findingPublishingFrequency: null, features: {} },
    ]);
  });
  it('Config: recorder joined with its status; AWS default recording group means all', () => {
    const m = configToModel(
      { recorders: [{ name: 'default' }], statuses: [{ name: 'default', recording: true, lastStatus: 'SUCCESS' as never }], channels: null },
      ACCOUNT,
      'us-east-1',
    );
    expect(m.data.recorders[0]).toMatchObject({ allSupported: true, recording: true });
    expect(m.data.deliveryChannels).toBeNull();
    expect(configToModel({ recorders: [{ name: 'x' }], statuses: null, channels: [] }, ACCOUNT, 'us-east-1').data.recorders[0]!.recording).toBeNull();
  });
  it('Logs: the `:*` suffix is dropped; no retention means never expires', () => {
    expect(logGroupArn('arn:aws:logs:us-east-1:123456789012:log-group:/a:*')).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/a');
    expect(
      logGroupToModel({ logGroupName: '/a', arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/a:*', creationTime: 0 }, ACCOUNT, 'us-east-1').data,
    ).toMatchObject({ retentionInDays: null, kmsKeyId: null, creationTime: '1970-01-01T00:00:00.000Z' });
  });
  it('CloudWatch: metric-math alarms list their metrics', () => {
    const m = alarmToModel(
      {
        AlarmName: 'a',
        Metrics: [
          { Id: 'm1', MetricStat: { Metric: { MetricName: 'cis-root', Namespace: 'CIS' }, Period: 300, Stat: 'Sum' } },
          { Id: 'e1', Expression: 'm1*2' },
        ],
      },
      ACCOUNT,
      'us-east-1',
    );
    expect(m.data).toMatchObject({ metricName: null, metrics: [{ metricName: 'cis-root', namespace: 'CIS' }], actionsEnabled: true, alarmActions: [] });
  });
  it('SNS: pending subscriptions are not confirmed; unread topic stays null', () => {
    const arn = 'arn:aws:sns:us-east-1:123456789012:t';
    expect(
      topicToModel(arn, { attributes: {}, subscriptions: [{ SubscriptionArn: 'PendingConfirmation' }, { SubscriptionArn: `${arn}:1` }] }, ACCOUNT, 'us-east-1')
        .data,
    ).toMatchObject({ kmsMasterKeyId: null, subscriptionsConfirmed: 1, subscriptionsPending: 1 });
    expect(topicToModel(arn, null, ACCOUNT, 'us-east-1').data.subscriptionsConfirmed).toBeNull();
  });
});

describe('CIS filter patterns', () => {
  it('reads terms whatever the spacing and quoting', () => {
    expect(patternTerms('{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS && $.eventType !=AwsServiceEvent}').sort()).toEqual([
      'eventType|!=|AwsServiceEvent',
      'userIdentity.invokedBy|NOT EXISTS|',
      'userIdentity.type|=|Root',
    ]);
  });
  it('accepts the older CIS 1.x unauthorized-calls pattern and refuses a partial one', () => {
    const c = CIS_METRIC_FILTERS['unauthorized-api-calls'];
    expect(matchesControl('{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }', c).match).toBe(true);
    expect(matchesControl('{ ($.errorCode = "AccessDenied*") }', c)).toMatchObject({ match: false, missing: ['errorCode|=|*UnauthorizedOperation'] });
  });
  it('every table pattern matches its own control', () => {
    for (const c of Object.values(CIS_METRIC_FILTERS)) expect(matchesControl(c.pattern, c)).toMatchObject({ match: true, extra: [] });
  });
});
