/**
 * `data` of the CloudWatch Logs resource types written by src/collectors/aws/logs.ts.
 *
 * - `aws.logs.log-group`: one per log group (`ref.id` = log group ARN without the trailing `:*`).
 * - `aws.logs.metric-filter`: one per metric filter (`ref.id` = `<log group name>:<filter name>`), listed
 *   region-wide by DescribeMetricFilters.
 */
import type { TypeTable } from '../type-info.js';

export const LOGS_LOG_GROUP = 'aws.logs.log-group' as const;
export const LOGS_METRIC_FILTER = 'aws.logs.metric-filter' as const;

/** `aws.logs.log-group` */
export interface LogGroupData {
  name: string;
  arn: string;
  /** Days; `null` means the group never expires its events. */
  retentionInDays: number | null;
  /** KMS key encrypting the group; `null` for CloudWatch Logs' default service-owned encryption. */
  kmsKeyId: string | null;
  /** `STANDARD`, `INFREQUENT_ACCESS`, … when reported. */
  logGroupClass: string | null;
  creationTime: string | null;
  storedBytes: number | null;
}

export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
}

/** `aws.logs.metric-filter` */
export interface MetricFilterData {
  name: string;
  logGroupName: string;
  /** The filter pattern, verbatim (attacker-controlled text: escape it when rendering). */
  filterPattern: string;
  metricTransformations: MetricTransformation[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface LogsDataByType {
  [LOGS_LOG_GROUP]: LogGroupData;
  [LOGS_METRIC_FILTER]: MetricFilterData;
}

export const LOGS_TYPES: TypeTable<LogsDataByType> = {
  [LOGS_LOG_GROUP]: { provider: 'aws', scope: 'regional', version: 1, description: 'CloudWatch Logs log groups (retention, KMS key)' },
  [LOGS_METRIC_FILTER]: { provider: 'aws', scope: 'regional', version: 1, description: 'CloudWatch Logs metric filters (pattern, metric)' },
};
