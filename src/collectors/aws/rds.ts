/**
 * RDS collector (per region): DB instances, DB clusters, and the TLS parameters of the parameter groups
 * they use.
 *
 * Instances and clusters are two paged calls. Parameters have no batch API: each parameter group in use
 * costs DescribeDBParameters / DescribeDBClusterParameters (every page: a group lists hundreds of
 * parameters), under the shared per-resource cap. Only `rds.force_ssl` and `require_secure_transport` are
 * kept. A parameter that is not listed at all (moto lists only the parameters a user changed) stays absent,
 * and the TLS rule says `unknown` for it.
 */
import type { DBCluster, DBInstance, Parameter } from '@aws-sdk/client-rds';
import {
  type DbClusterData,
  type DbInstanceData,
  type DbParameterGroupData,
  RDS_DB_CLUSTER,
  RDS_DB_CLUSTER_PARAMETER_GROUP,
  RDS_DB_INSTANCE,
  RDS_DB_PARAMETER_GROUP,
  RDS_TLS_PARAMETERS,
  type RdsDatabaseData,
} from '../../model/aws/rds.js';
import type { Resource, ResourceRef } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource, tagRecord } from './per-resource.js';
import type { InputType, ResourceType } from '../../model/registry.js';

export interface RdsScope {
  partition: string;
  account: string;
  region: string;
}

// ------------------------------------------------------------------ toModel (pure)

function makeRef(scope: RdsScope, type: ResourceType, id: string, arn: string, tags: DBInstance['TagList']): ResourceRef {
  const ref: ResourceRef = { provider: 'aws', account: scope.account, region: scope.region, type, id, arn, name: id };
  const t = tagRecord(tags);
  if (t) ref.tags = t;
  return ref;
}

/** The fields DescribeDBInstances and DescribeDBClusters name alike. */
type SharedFields = Pick<
  DBInstance & DBCluster,
  'Engine' | 'EngineVersion' | 'StorageEncrypted' | 'KmsKeyId' | 'PubliclyAccessible' | 'BackupRetentionPeriod' | 'DeletionProtection' | 'MultiAZ'
>;

function databaseToModel(raw: SharedFields, identifier: string, arn: string, status: string | undefined): RdsDatabaseData {
  return {
    identifier,
    arn,
    engine: raw.Engine ?? null,
    engineVersion: raw.EngineVersion ?? null,
    status: status ?? null,
    storageEncrypted: raw.StorageEncrypted ?? null,
    kmsKeyId: raw.KmsKeyId ?? null,
    publiclyAccessible: raw.PubliclyAccessible ?? null,
    backupRetentionPeriod: raw.BackupRetentionPeriod ?? null,
    deletionProtection: raw.DeletionProtection ?? null,
    multiAz: raw.MultiAZ ?? null,
  };
}

export function dbInstanceToModel(raw: DBInstance, scope: RdsScope): Resource<DbInstanceData> {
  const id = raw.DBInstanceIdentifier!;
  const arn = raw.DBInstanceArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.account}:db:${id}`;
  return {
    ref: makeRef(scope, RDS_DB_INSTANCE, id, arn, raw.TagList),
    data: {
      ...databaseToModel(raw, id, arn, raw.DBInstanceStatus),
      instanceClass: raw.DBInstanceClass ?? null,
      clusterIdentifier: raw.DBClusterIdentifier ?? null,
      readReplicaSourceIdentifier: raw.ReadReplicaSourceDBInstanceIdentifier ?? raw.ReadReplicaSourceDBClusterIdentifier ?? null,
      parameterGroups: (raw.DBParameterGroups ?? [])
        .filter((g) => g.DBParameterGroupName)
        .map((g) => ({ name: g.DBParameterGroupName!, applyStatus: g.ParameterApplyStatus ?? null })),
      endpointAddress: raw.Endpoint?.Address ?? null,
      port: raw.Endpoint?.Port ?? raw.DbInstancePort ?? null,
    },
  };
}

export function dbClusterToModel(raw: DBCluster, scope: RdsScope): Resource<DbClusterData> {
  const id = raw.DBClusterIdentifier!;
  const arn = raw.DBClusterArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.account}:cluster:${id}`;
  return {
    ref: makeRef(scope, RDS_DB_CLUSTER, id, arn, raw.TagList),
    data: {
      ...databaseToModel(raw, id, arn, raw.Status),
      engineMode: raw.EngineMode ?? null,
      parameterGroup: raw.DBClusterParameterGroup ?? null,
      members: (raw.DBClusterMembers ?? []).map((m) => m.DBInstanceIdentifier).filter((m): m is string => !!m),
    },
  };
}

/** `parameters`: every parameter listed for the group, or `null` when they could not be read. */
export function parameterGroupToModel(
  name: string,
  kind: 'instance' | 'cluster',
  parameters: Parameter[] | null,
  scope: RdsScope,
): Resource<DbParameterGroupData> {
  const type = kind === 'instance' ? RDS_DB_PARAMETER_GROUP : RDS_DB_CLUSTER_PARAMETER_GROUP;
  const arn = `arn:${scope.partition}:rds:${scope.region}:${scope.account}:${kind === 'instance' ? 'pg' : 'cluster-pg'}:${name}`;
  const wanted = new Set<string>(RDS_TLS_PARAMETERS);
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type, id: name, arn, name },
    data: {
      name,
      kind,
      tlsParameters:
        parameters === null
          ? null
          : parameters
              .filter((p) => p.ParameterName && wanted.has(p.ParameterName))
              .map((p) => ({ name: p.ParameterName!, value: p.ParameterValue ?? null, source: p.Source ?? null })),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const rds: AwsServiceCollector = {
  service: 'rds',
  scope: 'regional',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER, RDS_DB_PARAMETER_GROUP, RDS_DB_CLUSTER_PARAMETER_GROUP],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { paginateDescribeDBClusterParameters, paginateDescribeDBClusters, paginateDescribeDBInstances, paginateDescribeDBParameters, RDSClient } =
      await import('@aws-sdk/client-rds');
    const client = ctx.client(RDSClient, region);
    const scope: RdsScope = { partition: ctx.partition, account: ctx.account, region };
    const paging = { client, pageSize: 100, stopOnSameToken: true };
    const step = (operation: string, type: InputType) => ({ service: 'rds', region, operation, resourceTypes: [type] });

    const [instances, clusters] = await Promise.all([
      ctx.attempt(step('DescribeDBInstances', RDS_DB_INSTANCE), () => allPages(paginateDescribeDBInstances(paging, {}), (p) => p.DBInstances)),
      ctx.attempt(step('DescribeDBClusters', RDS_DB_CLUSTER), () => allPages(paginateDescribeDBClusters(paging, {}), (p) => p.DBClusters)),
    ]);
    const out: Resource<any>[] = [];
    const inst = (instances ?? []).filter((i) => i.DBInstanceIdentifier).map((i) => dbInstanceToModel(i, scope));
    const clus = (clusters ?? []).filter((c) => c.DBClusterIdentifier).map((c) => dbClusterToModel(c, scope));
    out.push(...inst, ...clus);

    // Parameter groups that decide TLS: an instance's own group unless it belongs to a cluster; a cluster's group.
    const instanceGroups = [...new Set(inst.filter((i) => !i.data.clusterIdentifier).flatMap((i) => i.data.parameterGroups.map((g) => g.name)))];
    const clusterGroups = [...new Set(clus.map((c) => c.data.parameterGroup).filter((g): g is string => !!g))];
    const [iParams, cParams] = await Promise.all([
      perResource(
        ctx,
        step('DescribeDBParameters', RDS_DB_PARAMETER_GROUP),
        instanceGroups,
        (g) => g,
        (g) => allPages(paginateDescribeDBParameters(paging, { DBParameterGroupName: g }), (p) => p.Parameters),
      ),
      perResource(
        ctx,
        step('DescribeDBClusterParameters', RDS_DB_CLUSTER_PARAMETER_GROUP),
        clusterGroups,
        (g) => g,
        (g) => allPages(paginateDescribeDBClusterParameters(paging, { DBClusterParameterGroupName: g }), (p) => p.Parameters),
      ),
    ]);
    for (const g of instanceGroups) out.push(parameterGroupToModel(g, 'instance', iParams.get(g) ?? null, scope));
    for (const g of clusterGroups) out.push(parameterGroupToModel(g, 'cluster', cParams.get(g) ?? null, scope));
    return out;
  },
};
