/**
 * `data` of the Redshift resource types, written by src/collectors/aws/redshift.ts (per region).
 *
 * - `aws.redshift.cluster` (`ref.id` = cluster identifier): encryption, public accessibility and the
 *   parameter groups of a provisioned cluster (DescribeClusters).
 * - `aws.redshift.cluster-parameter-group` (`ref.id` = group name): the TLS parameter of a parameter group
 *   some cluster of the region uses (DescribeClusterParameters, once per group, not per cluster).
 */
import type { TypeTable } from '../type-info.js';

export const REDSHIFT_CLUSTER = 'aws.redshift.cluster' as const;
export const REDSHIFT_CLUSTER_PARAMETER_GROUP = 'aws.redshift.cluster-parameter-group' as const;

/** `aws.redshift.cluster` */
export interface RedshiftClusterData {
  id: string;
  arn: string;
  status: string | null;
  /** `Encrypted`; `null` when not reported. */
  encrypted: boolean | null;
  kmsKeyId: string | null;
  /** `PubliclyAccessible`; `null` when not reported. */
  publiclyAccessible: boolean | null;
  vpcId: string | null;
  endpointAddress: string | null;
  endpointPort: number | null;
  /** Names of the cluster's parameter groups, with their apply status (`in-sync`, `pending-reboot`, …). */
  parameterGroups: Array<{ name: string; applyStatus: string | null }>;
}

/** `aws.redshift.cluster-parameter-group` */
export interface RedshiftParameterGroupData {
  name: string;
  /**
   * Value of `require_ssl` (`true` / `false`); `null` when the group's parameters do not list it or could
   * not be read (then `readable` is false and the coverage has the gap).
   */
  requireSsl: string | null;
  /** Where the value comes from: `engine-default`, `user`. */
  requireSslSource: string | null;
  /** Whether DescribeClusterParameters answered for this group. */
  readable: boolean;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface RedshiftDataByType {
  [REDSHIFT_CLUSTER]: RedshiftClusterData;
  [REDSHIFT_CLUSTER_PARAMETER_GROUP]: RedshiftParameterGroupData;
}

export const REDSHIFT_TYPES: TypeTable<RedshiftDataByType> = {
  [REDSHIFT_CLUSTER]: { provider: 'aws', scope: 'regional', version: 1, description: 'Redshift provisioned clusters (encryption, public access)' },
  [REDSHIFT_CLUSTER_PARAMETER_GROUP]: {
    provider: 'aws',
    scope: 'regional',
    version: 1,
    description: 'Redshift cluster parameter groups in use (require_ssl)',
  },
};
