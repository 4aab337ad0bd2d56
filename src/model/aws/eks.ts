/**
 * `data` of `aws.eks.cluster`, written by src/collectors/aws/eks.ts (per region).
 *
 * `ref.id` is the cluster name, `ref.arn` its ARN. ListClusters returns names; each cluster costs one
 * DescribeCluster (a failure is a gap for that cluster; it is then listed with its settings `null`).
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const EKS_CLUSTER = 'aws.eks.cluster' as const;
/** Virtual input type (coverage entries only): a cluster's DescribeCluster, read per cluster. */
export const EKS_CLUSTER_DETAILS = 'aws.eks.cluster-details' as const;

/** The Kubernetes control-plane log types EKS can send to CloudWatch Logs. */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** `aws.eks.cluster` */
export interface EksClusterData {
  name: string;
  arn: string;
  /** Kubernetes version, e.g. `1.31`. */
  version: string | null;
  /** `ACTIVE`, `CREATING`, `UPDATING`, `DELETING`, `FAILED`, `PENDING`; `null` when not read. */
  status: string | null;
  /** The API server endpoint is reachable from the internet (`endpointPublicAccess`); `null` when not read. */
  endpointPublicAccess: boolean | null;
  /** Reachable from the cluster's VPC (`endpointPrivateAccess`). */
  endpointPrivateAccess: boolean | null;
  /**
   * CIDR blocks allowed to reach the public endpoint (`publicAccessCidrs`; AWS reports `0.0.0.0/0` when
   * unrestricted). `null` when not read.
   */
  publicAccessCidrs: string[] | null;
  /**
   * Envelope encryption of Kubernetes objects with a KMS key: the `resources` of each `encryptionConfig`
   * entry (`secrets`) with its key ARN. `[]`: none. `null` when not read.
   */
  encryption: Array<{ resources: string[]; keyArn: string | null }> | null;
  /** Control-plane log types that are enabled (`api`, `audit`, `authenticator`, `controllerManager`, `scheduler`); `null` when not read. */
  enabledLogTypes: string[] | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface EksDataByType {
  [EKS_CLUSTER]: EksClusterData;
}

export const EKS_TYPES: TypeTable<EksDataByType> = {
  [EKS_CLUSTER]: { provider: 'aws', scope: 'regional', version: 1, description: 'EKS clusters (endpoint access, secrets encryption, control-plane logging)' },
};

export const EKS_INPUT_TYPES = {
  [EKS_CLUSTER_DETAILS]: { provider: 'aws', scope: 'regional', description: "A cluster's endpoint access, encryption and logging (DescribeCluster)" },
} as const satisfies Record<string, InputTypeInfo>;
