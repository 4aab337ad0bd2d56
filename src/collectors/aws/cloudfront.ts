/**
 * CloudFront collector (global): distributions with their viewer certificate, the viewer protocol policy of
 * every cache behaviour, origins and origin groups, and the standard logging settings.
 *
 * Calls: ListDistributions (paged, 100 per page), which carries everything but logging; then one
 * GetDistributionConfig per distribution (no batch API returns `Logging`), under the shared per-resource cap.
 * The client is in us-east-1, CloudFront's signing region (aws-cn: cn-northwest-1).
 */
import type { DistributionSummary, LoggingConfig, Origin } from '@aws-sdk/client-cloudfront';
import {
  CLOUDFRONT_DISTRIBUTION,
  CLOUDFRONT_DISTRIBUTION_CONFIG,
  type CloudFrontCacheBehavior,
  type CloudFrontDistributionData,
  type CloudFrontLogging,
  type CloudFrontOrigin,
} from '../../model/aws/cloudfront.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

export interface CloudFrontScope {
  account: string;
  partition: string;
}

// ------------------------------------------------------------------ toModel (pure)

function originToModel(o: Origin): CloudFrontOrigin {
  const custom = o.CustomOriginConfig;
  const kind: CloudFrontOrigin['kind'] = o.VpcOriginConfig ? 'vpc' : custom ? 'custom' : 's3';
  return {
    id: o.Id ?? '',
    domainName: o.DomainName ?? '',
    kind,
    protocolPolicy: custom?.OriginProtocolPolicy ?? null,
    sslProtocols: custom?.OriginSslProtocols?.Items ?? [],
    httpPort: custom?.HTTPPort ?? null,
    httpsPort: custom?.HTTPSPort ?? null,
  };
}

/** Standard logging as GetDistributionConfig states it; `null` when it could not be read. */
export function loggingToModel(raw: LoggingConfig | undefined | null): CloudFrontLogging {
  return {
    enabled: raw?.Enabled === true,
    bucket: raw?.Bucket || null,
    prefix: raw?.Prefix || null,
    includeCookies: raw?.IncludeCookies === true,
  };
}

/** `logging`: from GetDistributionConfig, or `null` when that call failed. */
export function distributionToModel(raw: DistributionSummary, logging: CloudFrontLogging | null, scope: CloudFrontScope): Resource<CloudFrontDistributionData> {
  const id = raw.Id!;
  const arn = raw.ARN ?? `arn:${scope.partition}:cloudfront::${scope.account}:distribution/${id}`;
  const aliases = raw.Aliases?.Items ?? [];
  const domainName = raw.DomainName ?? '';
  const behaviors: CloudFrontCacheBehavior[] = [];
  if (raw.DefaultCacheBehavior)
    behaviors.push({
      pathPattern: null,
      targetOriginId: raw.DefaultCacheBehavior.TargetOriginId ?? '',
      viewerProtocolPolicy: raw.DefaultCacheBehavior.ViewerProtocolPolicy ?? null,
    });
  for (const b of raw.CacheBehaviors?.Items ?? [])
    behaviors.push({ pathPattern: b.PathPattern ?? '', targetOriginId: b.TargetOriginId ?? '', viewerProtocolPolicy: b.ViewerProtocolPolicy ?? null });
  const vc = raw.ViewerCertificate;
  return {
    ref: { provider: 'aws', account: scope.account, region: 'global', type: CLOUDFRONT_DISTRIBUTION, id, arn, name: aliases[0] ?? (domainName || id) },
    data: {
      id,
      arn,
      domainName,
      aliases,
      enabled: raw.Enabled ?? null,
      status: raw.Status ?? null,
      viewerCertificate: vc
        ? {
            cloudFrontDefaultCertificate: vc.CloudFrontDefaultCertificate === true,
            acmCertificateArn: vc.ACMCertificateArn || null,
            iamCertificateId: vc.IAMCertificateId || null,
            minimumProtocolVersion: vc.MinimumProtocolVersion ?? null,
            sslSupportMethod: vc.SSLSupportMethod ?? null,
          }
        : null,
      behaviors,
      origins: (raw.Origins?.Items ?? []).map(originToModel),
      originGroups: (raw.OriginGroups?.Items ?? []).map((g) => ({
        id: g.Id ?? '',
        memberOriginIds: (g.Members?.Items ?? []).map((m) => m.OriginId ?? '').filter(Boolean),
      })),
      webAclId: raw.WebACLId || null,
      logging,
    },
  };
}

// ------------------------------------------------------------------ fetch

export function cloudFrontRegion(partition: string): string {
  return partition === 'aws-cn' ? 'cn-northwest-1' : 'us-east-1';
}

export const cloudfront: AwsServiceCollector = {
  service: 'cloudfront',
  scope: 'global',
  resourceTypes: [CLOUDFRONT_DISTRIBUTION, CLOUDFRONT_DISTRIBUTION_CONFIG],

  async collect(ctx: AwsContext): Promise<Resource[]> {
    const { CloudFrontClient, GetDistributionConfigCommand, paginateListDistributions } = await import('@aws-sdk/client-cloudfront');
    const client = ctx.client(CloudFrontClient, cloudFrontRegion(ctx.partition));
    const scope: CloudFrontScope = { account: ctx.account, partition: ctx.partition };
    const region = 'global';
    const list = await ctx.attempt({ service: 'cloudfront', region, operation: 'ListDistributions', resourceTypes: [CLOUDFRONT_DISTRIBUTION] }, () =>
      allPages(paginateListDistributions({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.DistributionList?.Items),
    );
    if (list === undefined) {
      ctx.record({
        service: 'cloudfront',
        region,
        operation: 'ListDistributions',
        resourceTypes: [CLOUDFRONT_DISTRIBUTION_CONFIG],
        status: 'error',
        errorCode: 'NotListed',
        message: 'distributions could not be listed',
      });
      return [];
    }
    const listed = list.filter((d) => d.Id);
    const configs = await perResource(
      ctx,
      { service: 'cloudfront', region, operation: 'GetDistributionConfig', resourceTypes: [CLOUDFRONT_DISTRIBUTION_CONFIG] },
      listed,
      (d) => d.Id!,
      async (d) => loggingToModel((await client.send(new GetDistributionConfigCommand({ Id: d.Id! }))).DistributionConfig?.Logging),
    );
    return listed.map((d) => distributionToModel(d, configs.get(d.Id!) ?? null, scope));
  },
};
