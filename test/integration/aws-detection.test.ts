/**
 * End to end against a real moto_server: seed GuardDuty, AWS Config, Security Hub, CloudWatch Logs, metric
 * filters, alarms, SNS topics and a multi-region trail delivering to CloudWatch Logs in two regions through
 * the AWS SDK, collect them with collectAws(), evaluate the built-in rules and check every expected result.
 * Where moto lacks a call (Security Hub GetEnabledStandards) the gap is recorded, never read as "none".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutMetricFilterCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { createBucket } from '../../examples/demo/seed-aws-data.js';
import { CIS_METRIC_FILTERS } from '../../policies/_lib/cis-monitoring.js';
import { builtinRules } from '../../policies/index.js';
import { type ClientCtor, createClient } from '../../src/collectors/aws/context.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Finding } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { TEST_CREDENTIALS, awsClients } from '../../src/testing/aws-clients.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const SERVICES = ['cloudtrail', 'guardduty', 'config', 'securityhub', 'logs', 'cloudwatch', 'sns', 'kms'];
const ACCOUNT = '123456789012';

let moto: MotoServer;
const made: Array<{ destroy(): void }> = [];
function client<C extends { destroy(): void }>(ctor: ClientCtor<C>, region: string): C {
  const c = createClient(ctor, region, { maxAttempts: 3, endpointUrl: moto.endpoint }, { credentials: { ...TEST_CREDENTIALS } });
  made.push(c);
  return c;
}

async function seed(): Promise<void> {
  const [use1, euw1] = REGIONS as [string, string];
  // GuardDuty on in us-east-1 only.
  await client(GuardDutyClient, use1).send(new CreateDetectorCommand({ Enable: true }));
  // Config: all resources and a channel in us-east-1; a stopped inclusion-list recorder in eu-west-1.
  const cfg = client(ConfigServiceClient, use1);
  const bucketClients = awsClients(moto.endpoint, use1);
  await createBucket(bucketClients.s3, 'config-logs', use1);
  await cfg.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'default',
        roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await cfg.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-logs' } }));
  await cfg.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
  await client(ConfigServiceClient, euw1).send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: 'partial',
        roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
        recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::S3::Bucket'] },
      },
    }),
  );
  // Security Hub on in us-east-1.
  await client(SecurityHubClient, use1).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

  // The CIS chain in us-east-1: trail → log group → filters → alarms → topic → subscriber.
  const key = await bucketClients.kms.send(new CreateKeyCommand({ Description: 'logs' }));
  const logs = client(CloudWatchLogsClient, use1);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'cloudtrail/main', kmsKeyId: key.KeyMetadata!.Arn }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'cloudtrail/main', retentionInDays: 400 }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/short' }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/short', retentionInDays: 7 }));
  await createBucket(bucketClients.s3, 'trail-logs', use1);
  await bucketClients.cloudtrail.send(
    new CreateTrailCommand({
      Name: 'main-trail',
      S3BucketName: 'trail-logs',
      IsMultiRegionTrail: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${use1}:${ACCOUNT}:log-group:cloudtrail/main:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs`,
    }),
  );
  await bucketClients.cloudtrail.send(new StartLoggingCommand({ Name: 'main-trail' }));
  bucketClients.destroy();
  for (const k of ['root-usage', 'unauthorized-api-calls'] as const) {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'cloudtrail/main',
        filterName: `cis-${k}`,
        filterPattern: CIS_METRIC_FILTERS[k].pattern,
        metricTransformations: [{ metricName: `cis-${k}`, metricNamespace: 'CISBenchmark', metricValue: '1' }],
      }),
    );
  }
  const sns = client(SNSClient, use1);
  const alerts = await sns.send(new CreateTopicCommand({ Name: 'security-alerts', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));
  // moto confirms every subscription at once (AWS keeps an email one PendingConfirmation until confirmed).
  await sns.send(new SubscribeCommand({ TopicArn: alerts.TopicArn, Protocol: 'email', Endpoint: 'secops@example.com' }));
  await sns.send(new CreateTopicCommand({ Name: 'plain-topic' }));
  const cw = client(CloudWatchClient, use1);
  const alarm = (k: string, actions: string[]) =>
    cw.send(
      new PutMetricAlarmCommand({
        AlarmName: `cis-${k}`,
        MetricName: `cis-${k}`,
        Namespace: 'CISBenchmark',
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: actions,
      }),
    );
  await alarm('root-usage', [alerts.TopicArn!]);
  await alarm('unauthorized-api-calls', []);
}

async function collectAndEvaluate(): Promise<{ snapshot: Snapshot; result: EvaluationResult }> {
  const out = await collectAws({ endpointUrl: moto.endpoint, regions: REGIONS, services: SERVICES });
  const snapshot = mergeOutputs([out], new Date().toISOString());
  return { snapshot, result: evaluate(snapshot, builtinRules) };
}

const of = (result: EvaluationResult, rule: string, region?: string): Finding[] =>
  result.findings.filter((f) => f.ruleId === rule && (region === undefined || f.resource.region === region));
const statusIn = (result: EvaluationResult, rule: string, region: string) => of(result, rule, region).map((f) => f.status);

beforeAll(async () => {
  moto = await startMoto();
}, 60000);
afterAll(async () => {
  for (const c of made) c.destroy();
  await moto?.stop();
});

describe('detection and logging against moto (two regions)', () => {
  let result: EvaluationResult;
  let snapshot: Snapshot;
  beforeAll(async () => {
    await moto.reset();
    await seed();
    ({ snapshot, result } = await collectAndEvaluate());
  }, 120000);

  it('reads everything but what moto lacks (Security Hub standards), and the snapshot passes the schema', () => {
    const gaps = snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
    expect(gaps.map((g) => [g.region, g.operation, g.resourceTypes])).toEqual([['us-east-1', 'GetEnabledStandards', ['aws.securityhub.standards']]]);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
    // Positive coverage: regions without any detector, hub or topic still have an ok entry.
    expect(snapshot.coverage.some((c) => c.status === 'ok' && c.region === 'eu-west-1' && c.resourceTypes.includes('aws.guardduty.region'))).toBe(true);
  });

  it('GuardDuty, Config and Security Hub: on in us-east-1, missing in eu-west-1', () => {
    expect(statusIn(result, 'aws-guardduty-disabled', 'us-east-1')).toEqual(['pass']);
    expect(of(result, 'aws-guardduty-disabled', 'eu-west-1').map((f) => [f.status, f.messageId])).toEqual([['fail', 'none']]);
    expect(statusIn(result, 'aws-config-not-recording', 'us-east-1')).toEqual(['pass']);
    expect(of(result, 'aws-config-not-recording', 'eu-west-1').map((f) => [f.status, f.message])).toEqual([
      ['fail', 'AWS Config does not record all resources in eu-west-1: partial: not recording.'],
    ]);
    expect(statusIn(result, 'aws-securityhub-disabled', 'us-east-1')).toEqual(['pass']);
    expect(statusIn(result, 'aws-securityhub-disabled', 'eu-west-1')).toEqual(['fail']);
    const hub = snapshot.resources.find((r) => r.ref.type === 'aws.securityhub.region' && r.ref.region === 'us-east-1');
    expect(hub?.data).toMatchObject({ enabled: true, standards: null });
  });

  it('log groups: retention and KMS', () => {
    const byName = (rule: string) => Object.fromEntries(of(result, rule).map((f) => [f.resource.name, f.status]));
    expect(byName('aws-log-group-retention-short')).toEqual({ 'cloudtrail/main': 'pass', '/app/short': 'fail' });
    expect(byName('aws-log-group-not-kms-encrypted')).toEqual({ 'cloudtrail/main': 'pass', '/app/short': 'fail' });
  });

  it('SNS topics: encryption and subscribers counted from the listing', () => {
    expect(Object.fromEntries(of(result, 'aws-sns-topic-unencrypted').map((f) => [f.resource.name, f.status]))).toEqual({
      'security-alerts': 'pass',
      'plain-topic': 'fail',
    });
    const t = snapshot.resources.find((r) => r.ref.type === 'aws.sns.topic' && r.ref.name === 'security-alerts');
    expect(t?.data).toMatchObject({ subscriptionsConfirmed: 1, subscriptionsPending: 0 });
  });

  it('the CIS chain: root usage complete, unauthorized calls without an SNS action, the others without a filter', () => {
    const [root] = of(result, 'aws-cis-alarm-root-usage');
    expect(root).toMatchObject({ status: 'pass', resource: { id: ACCOUNT } });
    expect(root!.evidence).toMatchObject({
      chain: { logGroup: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:cloudtrail/main:*`, metricFilters: ['cis-root-usage'], alarms: ['cis-root-usage'] },
    });
    const [unauth] = of(result, 'aws-cis-alarm-unauthorized-api-calls');
    expect(unauth).toMatchObject({ status: 'fail', evidence: { missingLink: 'SNS alarm action' } });
    const [iam] = of(result, 'aws-cis-alarm-iam-policy-changes');
    expect(iam).toMatchObject({ status: 'fail', evidence: { missingLink: 'metric filter' } });
  });
});

describe('the CIS chain when alarms cannot be read', () => {
  it('is unknown, never pass', async () => {
    await moto.reset();
    await seed();
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: REGIONS, services: SERVICES.filter((s) => s !== 'cloudwatch') });
    const result = evaluate(mergeOutputs([out], new Date().toISOString()), builtinRules);
    expect(of(result, 'aws-cis-alarm-root-usage').map((f) => [f.status, f.messageId])).toEqual([['unknown', 'notJudged']]);
  }, 120000);
});
