/**
 * GuardDuty collector (per region): ListDetectors (paged), then GetDetector for each detector (one per
 * region and account in practice). Writes one `aws.guardduty.region` resource per region whose detectors
 * could be listed, also when there is none; a failed GetDetector is a gap on that region's resource.
 */
import type { GetDetectorCommandOutput } from '@aws-sdk/client-guardduty';
import { GUARDDUTY_REGION, type GuardDutyRegionData } from '../../model/aws/guardduty.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

/** GetDetector's answer, trimmed to what the model uses (recorded as fixtures for the toModel test). */
export type RawDetector = Pick<GetDetectorCommandOutput, 'Status' | 'FindingPublishingFrequency' | 'Features'>;

// ------------------------------------------------------------------ toModel (pure)

export function guardDutyToModel(detectors: Array<{ id: string; detail: RawDetector | null }>, account: string, region: string): Resource<GuardDutyRegionData> {
  return {
    ref: { provider: 'aws', account, region, type: GUARDDUTY_REGION, id: region, name: `GuardDuty ${region}` },
    data: {
      region,
      detectors: detectors.map(({ id, detail }) => ({
        detectorId: id,
        status: detail?.Status ?? null,
        findingPublishingFrequency: detail?.FindingPublishingFrequency ?? null,
        features: Object.fromEntries((detail?.Features ?? []).filter((f) => f.Name && f.Status).map((f) => [f.Name!, f.Status!])),
      })),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const guardduty: AwsServiceCollector = {
  service: 'guardduty',
  scope: 'regional',
  resourceTypes: [GUARDDUTY_REGION],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { GetDetectorCommand, GuardDutyClient, paginateListDetectors } = await import('@aws-sdk/client-guardduty');
    const client = ctx.client(GuardDutyClient, region);
    const step = (operation: string) => ({ service: 'guardduty', region, operation, resourceTypes: [GUARDDUTY_REGION] });
    const ids = await ctx.attempt(step('ListDetectors'), () =>
      allPages(paginateListDetectors({ client, pageSize: 50, stopOnSameToken: true }, {}), (p) => p.DetectorIds),
    );
    if (ids === undefined) return [];
    const details = await perResource(
      ctx,
      step('GetDetector'),
      ids,
      (id) => id,
      async (id) => {
        const r = await client.send(new GetDetectorCommand({ DetectorId: id }));
        if (!r.Status) throw Object.assign(new Error('GetDetector answered without Status'), { name: 'IncompleteResponse' });
        return { Status: r.Status, FindingPublishingFrequency: r.FindingPublishingFrequency, Features: r.Features } as RawDetector;
      },
      () => region,
    );
    return [
      guardDutyToModel(
        ids.map((id) => ({ id, detail: details.get(id) ?? null })),
        ctx.account,
        region,
      ) as Resource<any>,
    ];
  },
};
