/**
 * AWS Config collector (per region): DescribeConfigurationRecorders, DescribeConfigurationRecorderStatus
 * and DescribeDeliveryChannels (none is paged). Writes one `aws.config.region` resource per region whose
 * recorders could be listed, also when there is none. A failed status or channel read is a gap on that
 * region's resource (its fields stay `null`), so a recorder whose state is unknown never passes.
 */
import type { ConfigurationRecorder, ConfigurationRecorderStatus, DeliveryChannel } from '@aws-sdk/client-config-service';
import { CONFIG_REGION, type ConfigRegionData } from '../../model/aws/config.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';

/** The three answers of a region (recorded as fixtures for the toModel test). */
export interface RawConfig {
  recorders: ConfigurationRecorder[];
  /** `null` when DescribeConfigurationRecorderStatus failed. */
  statuses: ConfigurationRecorderStatus[] | null;
  /** `null` when DescribeDeliveryChannels failed. */
  channels: DeliveryChannel[] | null;
}

// ------------------------------------------------------------------ toModel (pure)

export function configToModel(raw: RawConfig, account: string, region: string): Resource<ConfigRegionData> {
  return {
    ref: { provider: 'aws', account, region, type: CONFIG_REGION, id: region, name: `AWS Config ${region}` },
    data: {
      region,
      recorders: raw.recorders.map((r) => {
        const g = r.recordingGroup;
        const s = raw.statuses?.find((x) => x.name === r.name);
        return {
          name: r.name ?? 'default',
          roleArn: r.roleARN ?? null,
          // AWS's default recording group (none given) records all supported resource types.
          allSupported: g?.allSupported ?? g === undefined,
          includeGlobalResourceTypes: g?.includeGlobalResourceTypes === true,
          recordingStrategy: g?.recordingStrategy?.useOnly ?? null,
          resourceTypes: g?.resourceTypes ?? [],
          excludedResourceTypes: g?.exclusionByResourceTypes?.resourceTypes ?? [],
          recording: s ? s.recording === true : null,
          lastStatus: s?.lastStatus ?? null,
          lastErrorCode: s?.lastErrorCode ?? null,
        };
      }),
      deliveryChannels:
        raw.channels === null
          ? null
          : raw.channels.map((c) => ({ name: c.name ?? 'default', s3BucketName: c.s3BucketName ?? null, snsTopicArn: c.snsTopicARN ?? null })),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const config: AwsServiceCollector = {
  service: 'config',
  scope: 'regional',
  resourceTypes: [CONFIG_REGION],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelsCommand } =
      await import('@aws-sdk/client-config-service');
    const client = ctx.client(ConfigServiceClient, region);
    const step = (operation: string, resourceId?: string) => ({
      service: 'config',
      region,
      operation,
      resourceTypes: [CONFIG_REGION],
      ...(resourceId ? { resourceId } : {}),
    });
    const recorders = await ctx.attempt(
      step('DescribeConfigurationRecorders'),
      async () => (await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? [],
    );
    if (recorders === undefined) return [];
    // Gaps on this region's resource (resourceId = region): only its rules become unknown.
    const [statuses, channels] = await Promise.all([
      recorders.length === 0
        ? Promise.resolve([])
        : ctx.attempt(
            step('DescribeConfigurationRecorderStatus', region),
            async () => (await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? [],
          ),
      ctx.attempt(step('DescribeDeliveryChannels', region), async () => (await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []),
    ]);
    return [configToModel({ recorders, statuses: statuses ?? null, channels: channels ?? null }, ctx.account, region) as Resource<any>];
  },
};
