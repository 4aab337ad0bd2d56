/**
 * `data` of the ElastiCache resource types, written by src/collectors/aws/elasticache.ts (per region).
 *
 * - `aws.elasticache.replication-group` (`ref.id` = replication group id, `ref.arn` its ARN): Redis OSS /
 *   Valkey replication groups (DescribeReplicationGroups) with their encryption and authentication settings.
 * - `aws.elasticache.cache-cluster` (`ref.id` = cache cluster id): every cache cluster
 *   (DescribeCacheClusters). A cluster that belongs to a replication group is judged on the group; the rules
 *   judge the standalone ones (Memcached, and Redis without a replication group).
 */
import type { TypeTable } from '../type-info.js';

export const ELASTICACHE_REPLICATION_GROUP = 'aws.elasticache.replication-group' as const;
export const ELASTICACHE_CACHE_CLUSTER = 'aws.elasticache.cache-cluster' as const;

/** `aws.elasticache.replication-group` */
export interface ReplicationGroupData {
  id: string;
  arn: string | null;
  /** `redis` or `valkey` (reported by newer API versions); `null` when not reported. */
  engine: string | null;
  status: string | null;
  /** `TransitEncryptionEnabled`; `null` when not reported. */
  transitEncryption: boolean | null;
  /** `preferred` (both plain and TLS connections accepted, during a migration) or `required`. */
  transitEncryptionMode: string | null;
  /** `AtRestEncryptionEnabled`; `null` when not reported. */
  atRestEncryption: boolean | null;
  kmsKeyId: string | null;
  /** `AuthTokenEnabled` (Redis AUTH); `null` when not reported. */
  authTokenEnabled: boolean | null;
  /** RBAC user groups associated with the group. */
  userGroupIds: string[];
  /** Member cluster ids. */
  memberClusters: string[];
  clusterMode: string | null;
}

/** `aws.elasticache.cache-cluster` */
export interface CacheClusterData {
  id: string;
  arn: string | null;
  /** `memcached`, `redis` or `valkey`. */
  engine: string | null;
  engineVersion: string | null;
  status: string | null;
  /** The replication group the cluster is a member of; `null` for a standalone cluster. */
  replicationGroupId: string | null;
  transitEncryption: boolean | null;
  transitEncryptionMode: string | null;
  atRestEncryption: boolean | null;
  authTokenEnabled: boolean | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface ElastiCacheDataByType {
  [ELASTICACHE_REPLICATION_GROUP]: ReplicationGroupData;
  [ELASTICACHE_CACHE_CLUSTER]: CacheClusterData;
}

export const ELASTICACHE_TYPES: TypeTable<ElastiCacheDataByType> = {
  [ELASTICACHE_REPLICATION_GROUP]: {
    provider: 'aws',
    scope: 'regional',
    version: 1,
    description: 'ElastiCache replication groups (in-transit and at-rest encryption, AUTH / RBAC)',
  },
  [ELASTICACHE_CACHE_CLUSTER]: { provider: 'aws', scope: 'regional', version: 1, description: 'ElastiCache cache clusters (Memcached and Redis nodes)' },
};
