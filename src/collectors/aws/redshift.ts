/**
 * Redshift collector (per region): provisioned clusters, and the `require_ssl` parameter of every
 * parameter group a cluster of the region uses.
 *
 * Calls: DescribeClusters (paged); then DescribeClusterParameters (paged) once per parameter group in use,
 * not per cluster (clusters usually share a few groups; AWS has no call spanning groups), under the shared
 * per-resource cap. A group whose parameters could not be read is kept with `readable: false`, so the
 * rule over the clusters that use it says unknown.
 */
import type { Cluster, Parameter } from '@aws-sdk/client-redshift';
import { REDSHIFT_CLUSTER, REDSHIFT_CLUSTER_PARAMETER_GROUP, type RedshiftClusterData, type RedshiftParameterGroupData } from '../../model/aws/redshift.js';
import type { InputType } from '../../model/registry.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

type Scope = { partition: string; account: string; region: string };

// ------------------------------------------------------------------ toModel (pure)

export function redshiftClusterToModel(raw: Cluster, scope: Scope): Resource<RedshiftClusterData> {
  const id = raw.ClusterIdentifier!;
  const arn = `arn:${scope.partition}:redshift:${scope.region}:${scope.account}:cluster:${id}`;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: REDSHIFT_CLUSTER, id, name: id, arn },
    data: {
      id,
      arn,
      status: raw.ClusterStatus ?? null,
      encrypted: raw.Encrypted ?? null,
      kmsKeyId: raw.KmsKeyId || null,
      publiclyAccessible: raw.PubliclyAccessible ?? null,
      vpcId: raw.VpcId || null,
      endpointAddress: raw.Endpoint?.Address ?? null,
      endpointPort: raw.Endpoint?.Port ?? null,
      parameterGroups: (raw.ClusterParameterGroups ?? [])
        .filter((g) => g.ParameterGroupName)
        .map((g) => ({ name: g.ParameterGroupName!, applyStatus: g.ParameterApplyStatus ?? null })),
    },
  };
}

/** `parameters`: every parameter DescribeClusterParameters listed for the group, or `null` when it failed. */
export function redshiftParameterGroupToModel(name: string, parameters: Parameter[] | null, scope: Scope): Resource<RedshiftParameterGroupData> {
  const p = parameters?.find((x) => x.ParameterName === 'require_ssl');
  return {
    ref: {
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: REDSHIFT_CLUSTER_PARAMETER_GROUP,
      id: name,
      name,
      arn: `arn:${scope.partition}:redshift:${scope.region}:${scope.account}:parametergroup:${name}`,
    },
    data: { name, requireSsl: p?.ParameterValue ?? null, requireSslSource: p?.Source ?? null, readable: parameters !== null },
  };
}

// ------------------------------------------------------------------ fetch

export const redshift: AwsServiceCollector = {
  service: 'redshift',
  scope: 'regional',
  resourceTypes: [REDSHIFT_CLUSTER, REDSHIFT_CLUSTER_PARAMETER_GROUP],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { RedshiftClient, paginateDescribeClusterParameters, paginateDescribeClusters } = await import('@aws-sdk/client-redshift');
    const client = ctx.client(RedshiftClient, region);
    const scope: Scope = { partition: ctx.partition, account: ctx.account, region };
    const paging = { client, pageSize: 100, stopOnSameToken: true };
    const step = (operation: string, type: InputType) => ({ service: 'redshift', region, operation, resourceTypes: [type] });

    const raw = await ctx.attempt(step('DescribeClusters', REDSHIFT_CLUSTER), () => allPages(paginateDescribeClusters(paging, {}), (p) => p.Clusters));
    if (raw === undefined) {
      ctx.record({
        ...step('DescribeClusters', REDSHIFT_CLUSTER_PARAMETER_GROUP),
        status: 'error',
        errorCode: 'NotListed',
        message: 'clusters could not be listed',
      });
      return [];
    }
    const clusters = raw.filter((c) => c.ClusterIdentifier).map((c) => redshiftClusterToModel(c, scope));
    const groups = [...new Set(clusters.flatMap((c) => c.data.parameterGroups.map((g) => g.name)))].sort();
    const params = await perResource(
      ctx,
      step('DescribeClusterParameters', REDSHIFT_CLUSTER_PARAMETER_GROUP),
      groups,
      (g) => g,
      (g) => allPages(paginateDescribeClusterParameters(paging, { ParameterGroupName: g }), (p) => p.Parameters),
    );
    return [...clusters, ...groups.map((g) => redshiftParameterGroupToModel(g, params.get(g) ?? null, scope))];
  },
};
