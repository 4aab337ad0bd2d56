/**
 * ElastiCache collector (per region): replication groups (Redis OSS / Valkey) and cache clusters
 * (Memcached, and Redis nodes with or without a replication group), with their encryption and AUTH settings.
 *
 * Calls: DescribeReplicationGroups and DescribeCacheClusters, both paged lists of the whole region (the
 * settings come with the list: no per-resource call).
 */
import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { type CacheClusterData, ELASTICACHE_CACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP, type ReplicationGroupData } from '../../model/aws/elasticache.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages } from './per-resource.js';

type Scope = { account: string; region: string };

// ------------------------------------------------------------------ toModel (pure)

export function replicationGroupToModel(raw: ReplicationGroup, scope: Scope): Resource<ReplicationGroupData> {
  const id = raw.ReplicationGroupId!;
  return {
    ref: {
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: ELASTICACHE_REPLICATION_GROUP,
      id,
      name: id,
      ...(raw.ARN ? { arn: raw.ARN } : {}),
    },
    data: {
      id,
      arn: raw.ARN ?? null,
      engine: raw.Engine ?? null,
      status: raw.Status ?? null,
      transitEncryption: raw.TransitEncryptionEnabled ?? null,
      transitEncryptionMode: raw.TransitEncryptionMode ?? null,
      atRestEncryption: raw.AtRestEncryptionEnabled ?? null,
      kmsKeyId: raw.KmsKeyId ?? null,
      authTokenEnabled: raw.AuthTokenEnabled ?? null,
      userGroupIds: raw.UserGroupIds ?? [],
      memberClusters: raw.MemberClusters ?? [],
      clusterMode: raw.ClusterMode ?? null,
    },
  };
}

export function cacheClusterToModel(raw: CacheCluster, scope: Scope): Resource<CacheClusterData> {
  const id = raw.CacheClusterId!;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: ELASTICACHE_CACHE_CLUSTER, id, name: id, ...(raw.ARN ? { arn: raw.ARN } : {}) },
    data: {
      id,
      arn: raw.ARN ?? null,
      engine: raw.Engine?.toLowerCase() ?? null,
      engineVersion: raw.EngineVersion ?? null,
      status: raw.CacheClusterStatus ?? null,
      replicationGroupId: raw.ReplicationGroupId || null,
      transitEncryption: raw.TransitEncryptionEnabled ?? null,
      transitEncryptionMode: raw.TransitEncryptionMode ?? null,
      atRestEncryption: raw.AtRestEncryptionEnabled ?? null,
      authTokenEnabled: raw.AuthTokenEnabled ?? null,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const elasticache: AwsServiceCollector = {
  service: 'elasticache',
  scope: 'regional',
  resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CACHE_CLUSTER],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { ElastiCacheClient, paginateDescribeCacheClusters, paginateDescribeReplicationGroups } = await import('@aws-sdk/client-elasticache');
    const client = ctx.client(ElastiCacheClient, region);
    const scope: Scope = { account: ctx.account, region };
    const paging = { client, pageSize: 100, stopOnSameToken: true };
    const step = (operation: string, type: typeof ELASTICACHE_REPLICATION_GROUP | typeof ELASTICACHE_CACHE_CLUSTER) => ({
      service: 'elasticache',
      region,
      operation,
      resourceTypes: [type],
    });
    const [groups, clusters] = await Promise.all([
      ctx.attempt(step('DescribeReplicationGroups', ELASTICACHE_REPLICATION_GROUP), () =>
        allPages(paginateDescribeReplicationGroups(paging, {}), (p) => p.ReplicationGroups),
      ),
      ctx.attempt(step('DescribeCacheClusters', ELASTICACHE_CACHE_CLUSTER), () => allPages(paginateDescribeCacheClusters(paging, {}), (p) => p.CacheClusters)),
    ]);
    return [
      ...(groups ?? []).filter((g) => g.ReplicationGroupId).map((g) => replicationGroupToModel(g, scope)),
      ...(clusters ?? []).filter((c) => c.CacheClusterId).map((c) => cacheClusterToModel(c, scope)),
    ];
  },
};
