/**
 * CloudTrail collectors.
 *
 * - `cloudtrail` (per region): the trails whose home is the region (`includeShadowTrails: false`, so a
 *   multi-region trail is written once, in its home region), with GetTrailStatus and GetEventSelectors per
 *   trail under the shared per-resource cap.
 * - `cloudtrailAccount` (global): one DescribeTrails that includes shadow trails, in one region. Every
 *   multi-region trail applies to every region, so this single view lists all of them, whatever regions the
 *   scan covers; their status and selectors are read from their home region. It writes the account-level
 *   resource the "no multi-region trail" rule evaluates (one finding per account, not one per region).
 *   This costs two more calls per multi-region trail than strictly needed (they are also read by the
 *   regional collector in the home region): a handful of calls, for a view that does not depend on the
 *   regions scanned.
 */
import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import {
  CLOUDTRAIL_ACCOUNT,
  CLOUDTRAIL_TRAIL,
  CLOUDTRAIL_TRAIL_STATUS,
  type CloudTrailAccountData,
  type ManagementEvents,
  type TrailData,
} from '../../model/aws/cloudtrail.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { perResource } from './per-resource.js';
import { globalRegion } from './s3.js';
import type { InputType } from '../../model/registry.js';

/** GetEventSelectors' answer, trimmed to what the model uses. */
export interface RawSelectors {
  EventSelectors?: EventSelector[];
  AdvancedEventSelectors?: AdvancedEventSelector[];
}

// ------------------------------------------------------------------ toModel (pure)

/**
 * Which management events the selectors record. Without any selector a trail logs all management events
 * (AWS's default, reported by `HasCustomEventSelectors: false`); with custom selectors that name none,
 * it logs none.
 */
export function managementEventsOf(sel: RawSelectors, hasCustomEventSelectors: boolean | undefined): ManagementEvents {
  let read = false;
  let write = false;
  const advanced = sel.AdvancedEventSelectors ?? [];
  const basic = sel.EventSelectors ?? [];
  if (advanced.length > 0) {
    for (const s of advanced) {
      const fields = s.FieldSelectors ?? [];
      const category = fields.find((f) => f.Field === 'eventCategory');
      const isManagement =
        !!category && ((category.Equals ?? []).includes('Management') || (!!category.NotEquals && !category.NotEquals.includes('Management')));
      if (!isManagement) continue;
      const ro = fields.find((f) => f.Field === 'readOnly');
      const only = ro?.Equals?.[0] ?? (ro?.NotEquals?.[0] === 'true' ? 'false' : ro?.NotEquals?.[0] === 'false' ? 'true' : undefined);
      if (only === 'true') read = true;
      else if (only === 'false') write = true;
      else read = write = true;
    }
  } else if (basic.length > 0) {
    for (const s of basic) {
      if (s.IncludeManagementEvents === false) continue;
      const rw = s.ReadWriteType ?? 'All';
      if (rw === 'All' || rw === 'ReadOnly') read = true;
      if (rw === 'All' || rw === 'WriteOnly') write = true;
    }
  } else {
    return hasCustomEventSelectors === true ? 'none' : 'all';
  }
  return read && write ? 'all' : read ? 'read-only' : write ? 'write-only' : 'none';
}

export function trailToModel(raw: Trail, isLogging: boolean | null, selectors: RawSelectors | null, account: string, region: string): Resource<TrailData> {
  const arn = raw.TrailARN!;
  const home = raw.HomeRegion ?? region;
  return {
    ref: { provider: 'aws', account, region: home, type: CLOUDTRAIL_TRAIL, id: arn, arn, name: raw.Name ?? arn },
    data: {
      name: raw.Name ?? arn,
      arn,
      homeRegion: home,
      isMultiRegion: raw.IsMultiRegionTrail === true,
      isOrganizationTrail: raw.IsOrganizationTrail === true,
      includeGlobalServiceEvents: raw.IncludeGlobalServiceEvents ?? null,
      logFileValidationEnabled: raw.LogFileValidationEnabled === true,
      kmsKeyId: raw.KmsKeyId ?? null,
      s3BucketName: raw.S3BucketName ?? null,
      s3KeyPrefix: raw.S3KeyPrefix ?? null,
      isLogging,
      managementEvents: selectors === null ? null : managementEventsOf(selectors, raw.HasCustomEventSelectors),
    },
  };
}

export function accountToModel(
  viewRegion: string,
  trails: Array<{ trail: Trail; isLogging: boolean | null; selectors: RawSelectors | null }>,
  account: string,
): Resource<CloudTrailAccountData> {
  return {
    ref: { provider: 'aws', account, region: 'global', type: CLOUDTRAIL_ACCOUNT, id: account, name: `CloudTrail (account ${account})` },
    data: {
      viewRegion,
      multiRegionTrails: trails
        .filter((t) => t.trail.TrailARN && t.trail.IsMultiRegionTrail === true)
        .map((t) => ({
          name: t.trail.Name ?? t.trail.TrailARN!,
          arn: t.trail.TrailARN!,
          homeRegion: t.trail.HomeRegion ?? viewRegion,
          isOrganizationTrail: t.trail.IsOrganizationTrail === true,
          isLogging: t.isLogging,
          managementEvents: t.selectors === null ? null : managementEventsOf(t.selectors, t.trail.HasCustomEventSelectors),
          cloudWatchLogsLogGroupArn: t.trail.CloudWatchLogsLogGroupArn ?? null,
        })),
    },
  };
}

// ------------------------------------------------------------------ fetch

/**
 * GetTrailStatus and GetEventSelectors for each trail, from its home region (by ARN). A failure is a gap
 * for `feeds`: the trail's status (regional view; its other settings stay usable), or the whole account
 * resource (account view), so an unreadable trail can never let the account pass.
 */
async function trailDetails(ctx: AwsContext, trails: Trail[], fallbackRegion: string, feeds: { region: string; type: InputType; resourceId?: string }) {
  const { CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand } = await import('@aws-sdk/client-cloudtrail');
  const client = (t: Trail) => ctx.client(CloudTrailClient, t.HomeRegion ?? fallbackRegion);
  const step = (operation: string) => ({ service: 'cloudtrail', region: feeds.region, operation, resourceTypes: [feeds.type] });
  const arn = (t: Trail) => t.TrailARN!;
  const gapId = (t: Trail) => feeds.resourceId ?? arn(t);
  const [status, selectors] = await Promise.all([
    perResource(
      ctx,
      step('GetTrailStatus'),
      trails,
      arn,
      async (t) => {
        const v = (await client(t).send(new GetTrailStatusCommand({ Name: t.TrailARN! }))).IsLogging;
        if (typeof v !== 'boolean') throw Object.assign(new Error('GetTrailStatus answered without IsLogging'), { name: 'IncompleteResponse' });
        return v;
      },
      gapId,
    ),
    perResource(
      ctx,
      step('GetEventSelectors'),
      trails,
      arn,
      async (t) => {
        const r = await client(t).send(new GetEventSelectorsCommand({ TrailName: t.TrailARN! }));
        return { EventSelectors: r.EventSelectors, AdvancedEventSelectors: r.AdvancedEventSelectors } as RawSelectors;
      },
      gapId,
    ),
  ]);
  return trails.map((t) => ({ trail: t, isLogging: status.get(arn(t)) ?? null, selectors: selectors.get(arn(t)) ?? null }));
}

export const cloudtrail: AwsServiceCollector = {
  service: 'cloudtrail',
  scope: 'regional',
  resourceTypes: [CLOUDTRAIL_TRAIL],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { CloudTrailClient, DescribeTrailsCommand } = await import('@aws-sdk/client-cloudtrail');
    const client = ctx.client(CloudTrailClient, region);
    // DescribeTrails is not paged; with shadow trails excluded it lists the trails homed here.
    const listed = await ctx.attempt(
      { service: 'cloudtrail', region, operation: 'DescribeTrails', resourceTypes: [CLOUDTRAIL_TRAIL] },
      async () => (await client.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList ?? [],
    );
    const home = (listed ?? []).filter((t) => t.TrailARN && (t.HomeRegion ?? region) === region);
    const details = await trailDetails(ctx, home, region, { region, type: CLOUDTRAIL_TRAIL_STATUS });
    return details.map((d): Resource<any> => trailToModel(d.trail, d.isLogging, d.selectors, ctx.account, region));
  },
};

/** The region whose view of the trails the account-level resource uses. */
export function viewRegionOf(ctx: AwsContext): string {
  return ctx.options.regions?.[0] ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? globalRegion(ctx.partition);
}

export const cloudtrailAccount: AwsServiceCollector = {
  service: 'cloudtrail',
  scope: 'global',
  resourceTypes: [CLOUDTRAIL_ACCOUNT],

  async collect(ctx: AwsContext): Promise<Resource[]> {
    const { CloudTrailClient, DescribeTrailsCommand } = await import('@aws-sdk/client-cloudtrail');
    const view = viewRegionOf(ctx);
    const client = ctx.client(CloudTrailClient, view);
    const listed = await ctx.attempt(
      { service: 'cloudtrail', region: 'global', operation: 'DescribeTrails(shadow)', resourceTypes: [CLOUDTRAIL_ACCOUNT] },
      async () => (await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }))).trailList ?? [],
    );
    if (listed === undefined) return [];
    const multi = listed.filter((t) => t.TrailARN && t.IsMultiRegionTrail === true);
    const details = await trailDetails(ctx, multi, view, { region: 'global', type: CLOUDTRAIL_ACCOUNT, resourceId: ctx.account });
    return [accountToModel(view, details, ctx.account) as Resource<any>];
  },
};
