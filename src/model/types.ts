/**
 * The snapshot: the only contract between collectors and rules.
 *
 * Collectors write it, the engine reads it. Raw cloud API dictionaries never
 * appear here: every collector turns its API responses into the normalized
 * `data` of a {@link Resource} in a pure `toModel` step.
 */

import type { InputType, ResourceType } from './registry.js';

/**
 * Bumped whenever the envelope or an existing type's data schema changes (see src/model/registry.ts);
 * older snapshots are migrated on load (src/model/schema.ts) or refused with the fix.
 */
export const SNAPSHOT_SCHEMA_VERSION = 3;

export type Provider = 'aws' | 'gcp' | 'tls';

/** Identity of one resource. Stable across runs: finding ids are derived from it. */
export interface ResourceRef {
  provider: Provider;
  /** AWS account id, GCP project (or org/folder) id, or `tls` for endpoints. */
  account: string;
  /** Region, zone or location; `global` for global services (IAM, GCP global resources). */
  region: string;
  /** Vigil resource type, e.g. `aws.ec2.security-group`, `gcp.compute.firewall`, `tls.endpoint` (src/model/registry.ts). */
  type: ResourceType;
  /** Provider id of the resource (e.g. `sg-0123`, a bucket name, `host:port`). */
  id: string;
  /** ARN, GCP full resource name, or URL-like identity. */
  arn?: string;
  /** Human name (tag `Name`, group name). Attacker-controlled: escape on output. */
  name?: string;
  /** Cloud tags / labels. Attacker-controlled: escape on output. */
  tags?: Record<string, string>;
}

/** One normalized resource. `data` is typed per resource type by the collector that writes it. */
export interface Resource<T = object> {
  ref: ResourceRef;
  data: T;
}

/**
 * Outcome of one collection step.
 * - `ok`: read in full;
 * - `denied`: AccessDenied / UnauthorizedOperation / PERMISSION_DENIED;
 * - `throttled`: still throttled after the retries;
 * - `timeout`: connect or read timeout;
 * - `unreachable`: endpoint could not be reached (DNS, refused, region disabled);
 * - `error`: any other failure;
 * - `not_applicable`: the step does not apply (e.g. service not offered in the region).
 */
export type CoverageStatus = 'ok' | 'denied' | 'throttled' | 'timeout' | 'unreachable' | 'error' | 'not_applicable';

/**
 * One (collector, service, region, operation) and how it went.
 * A failed entry makes every rule that reads `resourceTypes` in that scope `unknown`.
 * With `resourceId` set, the gap is limited to that one resource (e.g. one bucket's policy).
 */
export interface CoverageEntry {
  provider: Provider;
  account: string;
  region: string;
  /** Collector service name, e.g. `ec2`, `iam`, `s3`, `cloudasset`, `tls`. */
  service: string;
  /** API operation or probe name, e.g. `DescribeSecurityGroups`. */
  operation: string;
  /** Resource (or virtual input) types whose data this step feeds. */
  resourceTypes: InputType[];
  status: CoverageStatus;
  /** Provider error code (`AccessDenied`, `UnauthorizedOperation`, `ETIMEDOUT`, …). */
  errorCode?: string;
  /** Short, secret-free message. */
  message?: string;
  /** Limits the gap to one resource (its `ref.id`). */
  resourceId?: string;
}

/** What was scanned: one entry per provider account / project / target set. */
export interface SnapshotScope {
  provider: Provider;
  account: string;
  /** Regions or locations covered; `global` where it applies. */
  regions: string[];
  /** e.g. AWS partition, GCP scope (`organizations/123`), TLS target list. */
  detail?: Record<string, unknown>;
}

export interface Snapshot {
  schemaVersion: number;
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  scopes: SnapshotScope[];
  resources: Resource[];
  coverage: CoverageEntry[];
  /** Counters, e.g. `apiCalls["ec2:DescribeSecurityGroups"]`. Informational. */
  stats?: { apiCalls?: Record<string, number>; [k: string]: unknown };
}
