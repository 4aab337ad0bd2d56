/**
 * Security Hub collector (per region): DescribeHub (an `InvalidAccessException` "not subscribed" answer
 * means the hub is off: a read fact), then, when on, GetEnabledStandards (paged). Writes one
 * `aws.securityhub.region` resource per region whose hub status was read. The standards are the virtual
 * input `aws.securityhub.standards`: where they cannot be read (moto does not implement
 * GetEnabledStandards) that is a coverage gap and `standards` is `null`, never "none enabled".
 */
import type { DescribeHubCommandOutput, StandardsSubscription } from '@aws-sdk/client-securityhub';
import { SECURITYHUB_REGION, SECURITYHUB_STANDARDS, type SecurityHubRegionData } from '../../model/aws/securityhub.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, errorCode, isoDate } from './per-resource.js';

export type RawHub = Pick<DescribeHubCommandOutput, 'HubArn' | 'SubscribedAt' | 'AutoEnableControls'>;

// ------------------------------------------------------------------ toModel (pure)

/** `hub` is `null` when the account is not subscribed in the region. */
export function securityHubToModel(
  hub: RawHub | null,
  standards: StandardsSubscription[] | null,
  account: string,
  region: string,
): Resource<SecurityHubRegionData> {
  return {
    ref: {
      provider: 'aws',
      account,
      region,
      type: SECURITYHUB_REGION,
      id: region,
      name: `Security Hub ${region}`,
      ...(hub?.HubArn ? { arn: hub.HubArn } : {}),
    },
    data: {
      region,
      enabled: hub !== null,
      hubArn: hub?.HubArn ?? null,
      subscribedAt: isoDate(hub?.SubscribedAt),
      autoEnableControls: hub?.AutoEnableControls ?? null,
      standards:
        hub === null
          ? []
          : standards === null
            ? null
            : standards.map((s) => ({
                standardsArn: s.StandardsArn ?? '',
                subscriptionArn: s.StandardsSubscriptionArn ?? '',
                status: s.StandardsStatus ?? 'UNKNOWN',
              })),
    },
  };
}

/** DescribeHub's answer for an account that has not enabled Security Hub in the region. */
export function isNotSubscribed(err: unknown): boolean {
  const e = err as { message?: string };
  return errorCode(err) === 'InvalidAccessException' && /not subscribed/i.test(String(e?.message ?? ''));
}

// ------------------------------------------------------------------ fetch

export const securityhub: AwsServiceCollector = {
  service: 'securityhub',
  scope: 'regional',
  resourceTypes: [SECURITYHUB_REGION],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeHubCommand, paginateGetEnabledStandards, SecurityHubClient } = await import('@aws-sdk/client-securityhub');
    const client = ctx.client(SecurityHubClient, region);
    const hub = await ctx.attempt(
      { service: 'securityhub', region, operation: 'DescribeHub', resourceTypes: [SECURITYHUB_REGION] },
      async (): Promise<RawHub | null> => {
        try {
          const r = await client.send(new DescribeHubCommand({}));
          return { HubArn: r.HubArn, SubscribedAt: r.SubscribedAt, AutoEnableControls: r.AutoEnableControls };
        } catch (err) {
          if (isNotSubscribed(err)) return null;
          throw err;
        }
      },
    );
    if (hub === undefined) return [];
    let standards: StandardsSubscription[] | null = null;
    if (hub !== null) {
      standards =
        (await ctx.attempt({ service: 'securityhub', region, operation: 'GetEnabledStandards', resourceTypes: [SECURITYHUB_STANDARDS] }, () =>
          allPages(paginateGetEnabledStandards({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.StandardsSubscriptions),
        )) ?? null;
    } else {
      ctx.record({
        service: 'securityhub',
        region,
        operation: 'GetEnabledStandards',
        resourceTypes: [SECURITYHUB_STANDARDS],
        status: 'ok',
        message: 'hub off: no standard enabled',
      });
    }
    return [securityHubToModel(hub, standards, ctx.account, region) as Resource<any>];
  },
};
