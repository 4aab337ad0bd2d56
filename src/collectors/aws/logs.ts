/**
 * CloudWatch Logs collector (per region): DescribeLogGroups and DescribeMetricFilters, both paged and
 * region-wide (metric filters are listed once for the region, not per group).
 */
import type { LogGroup, MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { LOGS_LOG_GROUP, LOGS_METRIC_FILTER, type LogGroupData, type MetricFilterData } from '../../model/aws/logs.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, isoDate } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

/** A log group's ARN without the `:*` suffix DescribeLogGroups' `arn` carries (CloudTrail names groups that way too). */
export function logGroupArn(arn: string): string {
  return arn.replace(/:\*$/, '');
}

export function logGroupToModel(g: LogGroup, account: string, region: string, partition = 'aws'): Resource<LogGroupData> {
  const name = g.logGroupName!;
  const arn = logGroupArn(g.logGroupArn ?? g.arn ?? `arn:${partition}:logs:${region}:${account}:log-group:${name}`);
  return {
    ref: { provider: 'aws', account, region, type: LOGS_LOG_GROUP, id: arn, arn, name },
    data: {
      name,
      arn,
      retentionInDays: g.retentionInDays ?? null,
      kmsKeyId: g.kmsKeyId ?? null,
      logGroupClass: g.logGroupClass ?? null,
      creationTime: g.creationTime === undefined ? null : isoDate(new Date(g.creationTime)),
      storedBytes: g.storedBytes ?? null,
    },
  };
}

export function metricFilterToModel(f: MetricFilter, account: string, region: string): Resource<MetricFilterData> {
  const id = `${f.logGroupName}:${f.filterName}`;
  return {
    ref: { provider: 'aws', account, region, type: LOGS_METRIC_FILTER, id, name: f.filterName! },
    data: {
      name: f.filterName!,
      logGroupName: f.logGroupName!,
      filterPattern: f.filterPattern ?? '',
      metricTransformations: (f.metricTransformations ?? [])
        .filter((t) => t.metricName && t.metricNamespace)
        .map((t) => ({ metricName: t.metricName!, metricNamespace: t.metricNamespace! })),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const logs: AwsServiceCollector = {
  service: 'logs',
  scope: 'regional',
  resourceTypes: [LOGS_LOG_GROUP, LOGS_METRIC_FILTER],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { CloudWatchLogsClient, paginateDescribeLogGroups, paginateDescribeMetricFilters } = await import('@aws-sdk/client-cloudwatch-logs');
    const client = ctx.client(CloudWatchLogsClient, region);
    const paging = { client, pageSize: 50, stopOnSameToken: true };
    const [groups, filters] = await Promise.all([
      ctx.attempt({ service: 'logs', region, operation: 'DescribeLogGroups', resourceTypes: [LOGS_LOG_GROUP] }, () =>
        allPages(paginateDescribeLogGroups(paging, {}), (p) => p.logGroups),
      ),
      ctx.attempt({ service: 'logs', region, operation: 'DescribeMetricFilters', resourceTypes: [LOGS_METRIC_FILTER] }, () =>
        allPages(paginateDescribeMetricFilters(paging, {}), (p) => p.metricFilters),
      ),
    ]);
    return [
      ...(groups ?? []).filter((g) => g.logGroupName).map((g): Resource<any> => logGroupToModel(g, ctx.account, region, ctx.partition)),
      ...(filters ?? []).filter((f) => f.filterName && f.logGroupName).map((f): Resource<any> => metricFilterToModel(f, ctx.account, region)),
    ];
  },
};
