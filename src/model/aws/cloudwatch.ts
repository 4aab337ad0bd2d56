/**
 * `data` of the CloudWatch resource type written by src/collectors/aws/cloudwatch.ts.
 *
 * - `aws.cloudwatch.alarm`: one per metric alarm (`ref.id` = alarm ARN). Composite alarms are not listed.
 */
import type { TypeTable } from '../type-info.js';

export const CLOUDWATCH_ALARM = 'aws.cloudwatch.alarm' as const;

/** `aws.cloudwatch.alarm` */
export interface AlarmData {
  name: string;
  arn: string;
  /** The single metric watched; `null` for a metric-math alarm (then see `metrics`). */
  metricName: string | null;
  namespace: string | null;
  /** Metrics read by a metric-math alarm (`MetricStat` entries), `namespace/name`. */
  metrics: Array<{ metricName: string; namespace: string }>;
  actionsEnabled: boolean;
  alarmActions: string[];
  stateValue: string | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface CloudWatchDataByType {
  [CLOUDWATCH_ALARM]: AlarmData;
}

export const CLOUDWATCH_TYPES: TypeTable<CloudWatchDataByType> = {
  [CLOUDWATCH_ALARM]: { provider: 'aws', scope: 'regional', version: 1, description: 'CloudWatch metric alarms and their actions' },
};
