/**
 * EKS collector (per region): ListClusters (paged, names only), then DescribeCluster per cluster under the
 * shared per-resource cap: endpoint access (public, private, allowed CIDRs), envelope encryption of
 * Kubernetes secrets, and which control-plane log types are enabled. A failed DescribeCluster is a gap for
 * that cluster (`aws.eks.cluster-details`) and leaves its settings `null`.
 */
import type { Cluster } from '@aws-sdk/client-eks';
import { EKS_CLUSTER, EKS_CLUSTER_DETAILS, type EksClusterData } from '../../model/aws/eks.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, perResource } from './per-resource.js';

/** Pure: one cluster from its name and DescribeCluster's `cluster` (`undefined`: the call failed). */
export function clusterToModel(name: string, raw: Cluster | undefined, scope: RegionScope): Resource<EksClusterData> {
  const arn = raw?.arn ?? `arn:${scope.partition}:eks:${scope.region}:${scope.account}:cluster/${name}`;
  const vpc = raw?.resourcesVpcConfig;
  const tags = raw?.tags && Object.keys(raw.tags).length > 0 ? { ...raw.tags } : undefined;
  // Each `clusterLogging` entry lists types with one `enabled` flag; a type is on when an enabled entry names it.
  const enabledLogTypes = raw
    ? [...new Set((raw.logging?.clusterLogging ?? []).filter((l) => l.enabled === true).flatMap((l) => (l.types ?? []).map(String)))]
    : null;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: EKS_CLUSTER, id: name, arn, name, ...(tags ? { tags } : {}) },
    data: {
      name,
      arn,
      version: raw?.version ?? null,
      status: raw?.status ?? null,
      endpointPublicAccess: vpc?.endpointPublicAccess ?? null,
      endpointPrivateAccess: vpc?.endpointPrivateAccess ?? null,
      // AWS always reports the CIDRs of a public endpoint; moto omits the field when none were given (= unrestricted).
      publicAccessCidrs: raw === undefined ? null : (vpc?.publicAccessCidrs ?? (vpc?.endpointPublicAccess ? ['0.0.0.0/0'] : [])),
      encryption:
        raw === undefined
          ? null
          : (raw.encryptionConfig ?? []).map((e) => ({ resources: (e.resources ?? []).map(String), keyArn: e.provider?.keyArn ?? null })),
      enabledLogTypes,
    },
  };
}

export const eks: AwsServiceCollector = {
  service: 'eks',
  scope: 'regional',
  resourceTypes: [EKS_CLUSTER, EKS_CLUSTER_DETAILS],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeClusterCommand, EKSClient, paginateListClusters } = await import('@aws-sdk/client-eks');
    const client = ctx.client(EKSClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const names = await ctx.attempt({ service: 'eks', region, operation: 'ListClusters', resourceTypes: [EKS_CLUSTER] }, () =>
      allPages(paginateListClusters({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.clusters),
    );
    if (names === undefined) return [];
    const details = await perResource(
      ctx,
      { service: 'eks', region, operation: 'DescribeCluster', resourceTypes: [EKS_CLUSTER_DETAILS] },
      names,
      (n) => n,
      async (n) => {
        const c = (await client.send(new DescribeClusterCommand({ name: n }))).cluster;
        if (!c) throw Object.assign(new Error('DescribeCluster answered without a cluster'), { name: 'IncompleteResponse' });
        return c;
      },
    );
    return names.map((n): Resource<any> => clusterToModel(n, details.get(n), scope));
  },
};
