/** CloudWatch collector (per region): metric alarms with their metric and actions (DescribeAlarms, paged). */
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { type AlarmData, CLOUDWATCH_ALARM } from '../../model/aws/cloudwatch.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

export function alarmToModel(a: MetricAlarm, account: string, region: string): Resource<AlarmData> {
  const name = a.AlarmName!;
  const arn = a.AlarmArn ?? `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
  return {
    ref: { provider: 'aws', account, region, type: CLOUDWATCH_ALARM, id: arn, arn, name },
    data: {
      name,
      arn,
      metricName: a.MetricName ?? null,
      namespace: a.Namespace ?? null,
      metrics: (a.Metrics ?? [])
        .map((m) => m.MetricStat?.Metric)
        .filter((m): m is { MetricName: string; Namespace: string } => !!m?.MetricName && !!m.Namespace)
        .map((m) => ({ metricName: m.MetricName, namespace: m.Namespace })),
      actionsEnabled: a.ActionsEnabled !== false,
      alarmActions: a.AlarmActions ?? [],
      stateValue: a.StateValue ?? null,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const cloudwatch: AwsServiceCollector = {
  service: 'cloudwatch',
  scope: 'regional',
  resourceTypes: [CLOUDWATCH_ALARM],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { CloudWatchClient, paginateDescribeAlarms } = await import('@aws-sdk/client-cloudwatch');
    const client = ctx.client(CloudWatchClient, region);
    const alarms = await ctx.attempt({ service: 'cloudwatch', region, operation: 'DescribeAlarms', resourceTypes: [CLOUDWATCH_ALARM] }, () =>
      allPages(paginateDescribeAlarms({ client, pageSize: 100, stopOnSameToken: true }, { AlarmTypes: ['MetricAlarm'] }), (p) => p.MetricAlarms),
    );
    return (alarms ?? []).filter((a) => a.AlarmName).map((a): Resource<any> => alarmToModel(a, ctx.account, region));
  },
};
