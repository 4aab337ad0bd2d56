/**
 * `data` of the RDS resource types written by src/collectors/aws/rds.ts (per region).
 *
 * - `aws.rds.db-instance` (`ref.id` = DB instance identifier) and `aws.rds.db-cluster` (`ref.id` = cluster
 *   identifier). Aurora members carry `clusterIdentifier`: storage encryption, backups, deletion protection
 *   and the TLS parameters of an Aurora database are cluster settings, evaluated on the cluster.
 * - `aws.rds.db-parameter-group` / `aws.rds.db-cluster-parameter-group` (`ref.id` = group name): only the
 *   parameters that decide transport encryption are kept.
 */
import type { TypeTable } from '../type-info.js';

export const RDS_DB_INSTANCE = 'aws.rds.db-instance' as const;
export const RDS_DB_CLUSTER = 'aws.rds.db-cluster' as const;
export const RDS_DB_PARAMETER_GROUP = 'aws.rds.db-parameter-group' as const;
export const RDS_DB_CLUSTER_PARAMETER_GROUP = 'aws.rds.db-cluster-parameter-group' as const;

/** Parameters that force TLS: `rds.force_ssl` (PostgreSQL, SQL Server), `require_secure_transport` (MySQL, MariaDB). */
export const RDS_TLS_PARAMETERS = ['rds.force_ssl', 'require_secure_transport'] as const;

/** Settings DB instances and DB clusters share (same meaning, same API field names). */
export interface RdsDatabaseData {
  /** DB instance or DB cluster identifier. */
  identifier: string;
  arn: string | null;
  /** `postgres`, `mysql`, `mariadb`, `aurora-postgresql`, `aurora-mysql`, `sqlserver-se`, `oracle-ee`, … */
  engine: string | null;
  engineVersion: string | null;
  status: string | null;
  storageEncrypted: boolean | null;
  kmsKeyId: string | null;
  /** Instances, and Multi-AZ DB clusters; Aurora reports public access per instance. */
  publiclyAccessible: boolean | null;
  /** Days of automated backups; `0` disables them. */
  backupRetentionPeriod: number | null;
  deletionProtection: boolean | null;
  multiAz: boolean | null;
}

/** `aws.rds.db-instance` */
export interface DbInstanceData extends RdsDatabaseData {
  instanceClass: string | null;
  /** Set for Aurora (and Multi-AZ DB cluster) members. */
  clusterIdentifier: string | null;
  /** Set for read replicas: the source instance. */
  readReplicaSourceIdentifier: string | null;
  /** DB parameter groups applied to the instance, with their apply status (`in-sync`, `pending-reboot`, …). */
  parameterGroups: Array<{ name: string; applyStatus: string | null }>;
  endpointAddress: string | null;
  port: number | null;
}

/** `aws.rds.db-cluster` */
export interface DbClusterData extends RdsDatabaseData {
  /** `provisioned`, `serverless`, `parallelquery`, `global`, `multimaster`. */
  engineMode: string | null;
  /** DB cluster parameter group name. */
  parameterGroup: string | null;
  /** Identifiers of the member instances. */
  members: string[];
}

/** One TLS-relevant parameter as DescribeDBParameters / DescribeDBClusterParameters returned it. */
export interface RdsParameter {
  name: string;
  /** `null` when the parameter is listed without a value (engine default not stated). */
  value: string | null;
  /** `user`, `system`, `engine-default`. */
  source: string | null;
}

/** `aws.rds.db-parameter-group` and `aws.rds.db-cluster-parameter-group` */
export interface DbParameterGroupData {
  name: string;
  kind: 'instance' | 'cluster';
  /**
   * The TLS parameters found in the group (every page read). A parameter absent here was not listed at all,
   * so its value cannot be established. `null` when the parameters could not be read (coverage entry).
   */
  tlsParameters: RdsParameter[] | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface RdsDataByType {
  [RDS_DB_INSTANCE]: DbInstanceData;
  [RDS_DB_CLUSTER]: DbClusterData;
  [RDS_DB_PARAMETER_GROUP]: DbParameterGroupData;
  [RDS_DB_CLUSTER_PARAMETER_GROUP]: DbParameterGroupData;
}

export const RDS_TYPES: TypeTable<RdsDataByType> = {
  [RDS_DB_INSTANCE]: { provider: 'aws', scope: 'regional', version: 1, description: 'RDS DB instances' },
  [RDS_DB_CLUSTER]: { provider: 'aws', scope: 'regional', version: 1, description: 'RDS / Aurora DB clusters' },
  [RDS_DB_PARAMETER_GROUP]: { provider: 'aws', scope: 'regional', version: 1, description: 'DB parameter groups (transport-encryption parameters)' },
  [RDS_DB_CLUSTER_PARAMETER_GROUP]: {
    provider: 'aws',
    scope: 'regional',
    version: 1,
    description: 'DB cluster parameter groups (transport-encryption parameters)',
  },
};
