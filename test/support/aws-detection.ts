/** Builders for the GuardDuty, Config, Security Hub, CloudWatch Logs / alarms and SNS resources in rule tests. */
import { CLOUDWATCH_ALARM, type AlarmData } from '../../src/model/aws/cloudwatch.js';
import { CONFIG_REGION, type ConfigRecorder, type ConfigRegionData } from '../../src/model/aws/config.js';
import { GUARDDUTY_REGION, type GuardDutyRegionData } from '../../src/model/aws/guardduty.js';
import { LOGS_LOG_GROUP, LOGS_METRIC_FILTER, type LogGroupData, type MetricFilterData } from '../../src/model/aws/logs.js';
import { SECURITYHUB_REGION, type SecurityHubRegionData } from '../../src/model/aws/securityhub.js';
import { SNS_TOPIC, type TopicData } from '../../src/model/aws/sns.js';
import type { InputType } from '../../src/model/registry.js';
import type { CoverageEntry, Resource, ResourceRef } from '../../src/model/types.js';
import { ACCOUNT } from './aws-data.js';
import { TEST_REGION, resource } from './rule-tester.js';

const r = <D>(type: Parameters<typeof resource>[0], id: string, data: D, extra: Partial<ResourceRef> = {}): Resource =>
  resource(type, id, data as never, extra) as unknown as Resource;

export function guardDuty(region: string, detectors: GuardDutyRegionData['detectors']): Resource {
  return r<GuardDutyRegionData>(GUARDDUTY_REGION, region, { region, detectors }, { region });
}

export const detector = (status: string | null = 'ENABLED', detectorId = 'd-1') => ({
  detectorId,
  status,
  findingPublishingFrequency: 'SIX_HOURS',
  features: {},
});

export const recorder = (extra: Partial<ConfigRecorder> = {}): ConfigRecorder => ({
  name: 'default',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/config`,
  allSupported: true,
  includeGlobalResourceTypes: true,
  recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
  resourceTypes: [],
  excludedResourceTypes: [],
  recording: true,
  lastStatus: 'Success',
  lastErrorCode: null,
  ...extra,
});

export function configRegion(
  region: string,
  recorders: ConfigRecorder[],
  deliveryChannels: ConfigRegionData['deliveryChannels'] = [{ name: 'default', s3BucketName: 'config-logs', snsTopicArn: null }],
): Resource {
  return r<ConfigRegionData>(CONFIG_REGION, region, { region, recorders, deliveryChannels }, { region });
}

export function securityHub(region: string, enabled: boolean): Resource {
  return r<SecurityHubRegionData>(
    SECURITYHUB_REGION,
    region,
    {
      region,
      enabled,
      hubArn: enabled ? `arn:aws:securityhub:${region}:${ACCOUNT}:hub/default` : null,
      subscribedAt: null,
      autoEnableControls: enabled ? true : null,
      standards: enabled ? null : [],
    },
    { region },
  );
}

export function logGroup(name: string, data: Partial<LogGroupData> = {}, region = TEST_REGION): Resource {
  const arn = `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`;
  return r<LogGroupData>(
    LOGS_LOG_GROUP,
    arn,
    {
      name,
      arn,
      retentionInDays: 365,
      kmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/k1`,
      logGroupClass: 'STANDARD',
      creationTime: null,
      storedBytes: 0,
      ...data,
    },
    { name, region },
  );
}

export function metricFilter(name: string, logGroupName: string, filterPattern: string, metricName = name, region = TEST_REGION): Resource {
  return r<MetricFilterData>(
    LOGS_METRIC_FILTER,
    `${logGroupName}:${name}`,
    { name, logGroupName, filterPattern, metricTransformations: [{ metricName, metricNamespace: 'CISBenchmark' }] },
    { name, region },
  );
}

export function alarm(name: string, metricName: string, actions: string[], data: Partial<AlarmData> = {}, region = TEST_REGION): Resource {
  const arn = `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;
  return r<AlarmData>(
    CLOUDWATCH_ALARM,
    arn,
    { name, arn, metricName, namespace: 'CISBenchmark', metrics: [], actionsEnabled: true, alarmActions: actions, stateValue: 'OK', ...data },
    { name, region },
  );
}

export const topicArn = (name: string, region = TEST_REGION) => `arn:aws:sns:${region}:${ACCOUNT}:${name}`;

export function topic(name: string, data: Partial<TopicData> = {}, region = TEST_REGION): Resource {
  const arn = topicArn(name, region);
  return r<TopicData>(
    SNS_TOPIC,
    arn,
    { name, arn, kmsMasterKeyId: 'alias/aws/sns', subscriptionsConfirmed: 1, subscriptionsPending: 0, ...data },
    { name, region },
  );
}

/** `ok` coverage for regional types in a region (what a collection of that region writes). */
export function read(types: InputType[], region = TEST_REGION): CoverageEntry {
  return { provider: 'aws', account: ACCOUNT, region, service: 'test', operation: 'Collect', resourceTypes: types, status: 'ok' };
}
