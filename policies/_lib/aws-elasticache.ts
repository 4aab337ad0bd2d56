/** Shared helpers of the aws-elasticache-* rules: one verdict over replication groups and standalone cache clusters. */
import type { RuleResult } from '../../src/engine/types.js';
import type { CacheClusterData, ReplicationGroupData } from '../../src/model/aws/elasticache.js';
import { ELASTICACHE_CACHE_CLUSTER } from '../../src/model/aws/elasticache.js';
import type { Resource } from '../../src/model/types.js';

export type CacheResource = Resource<ReplicationGroupData> | Resource<CacheClusterData>;

export const EC_REFS = {
  transit: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
  atRest: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
  auth: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
  rbac: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html',
  controls: 'https://docs.aws.amazon.com/securityhub/latest/userguide/elasticache-controls.html',
};

export function isCluster(r: CacheResource): r is Resource<CacheClusterData> {
  return r.ref.type === ELASTICACHE_CACHE_CLUSTER;
}

/** `replication group plain-redis` / `Memcached cluster cache-1` */
export function cacheLabel(r: CacheResource): string {
  if (!isCluster(r)) return `replication group ${r.data.id}`;
  const engine = r.data.engine === 'memcached' ? 'Memcached' : r.data.engine === 'valkey' ? 'Valkey' : r.data.engine === 'redis' ? 'Redis' : 'cache';
  return `${engine} cluster ${r.data.id}`;
}

/** A cluster that belongs to a replication group is judged on the group. */
export function memberResult(r: CacheResource): RuleResult<'member'> | undefined {
  if (isCluster(r) && r.data.replicationGroupId)
    return { status: 'not_applicable', messageId: 'member', data: { what: cacheLabel(r), group: r.data.replicationGroupId } };
  return undefined;
}

export const MEMBER_MESSAGE = '{{what}} belongs to replication group {{group}}, which is judged instead.';
