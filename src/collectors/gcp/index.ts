import { GCP_RESOURCE_TYPES } from '../../model/gcp.js';
import type { CoverageEntry, Resource, SnapshotScope } from '../../model/types.js';
import { InputError } from '../../util/errors.js';
import type { CollectorOutput, ProgressListener } from '../types.js';
import { readExports } from './export-reader.js';
import { GcpInventory } from './inventory.js';
import { type GcpRetryOptions, collectLive, parseScope } from './live.js';

export type { GcpRetryOptions } from './live.js';

/** GCP collection through the Cloud Asset API (live) or `gcloud asset export` files (offline). */
export interface GcpCollectOptions {
  /** `organizations/123`, `folders/456` or `projects/my-proj` (live). */
  scope?: string;
  /** Offline export files (JSON lines of `gcloud asset export`, or JSON of `search-all-iam-policies`). */
  exportFiles?: string[];
  /** `host:port` of another Cloud Asset endpoint (tests): REST over HTTP, no credentials sent. */
  endpoint?: string;
  /** Live page size (default: the API maximum, 1000 for ListAssets and 500 for SearchAllIamPolicies). */
  pageSize?: number;
  /** Live backoff on RESOURCE_EXHAUSTED / UNAVAILABLE (default 5 retries from 1 s, doubling, capped at 32 s). */
  retry?: GcpRetryOptions;
  /** Live asset types listed concurrently (default 3). */
  concurrency?: number;
  /** Live per-request timeout in ms (default 60000). */
  timeoutMs?: number;
  onProgress?: ProgressListener;
}

export interface GcpCollectorOutput extends CollectorOutput {
  /** Records that could not be read (with `file:line` or the API step), for the terminal. */
  warnings: string[];
}

/**
 * Offline only: a content type absent from every file (no IAM policy at all, or no resource at all) is
 * not "nothing to report" but "not given": record it, per project seen, so dependent rules are unknown.
 * (A single asset type absent from a resource export is taken as "none exist": exports include every
 * type unless `--asset-types` filtered them.)
 */
function missingContentGaps(inventory: GcpInventory, resources: Resource[], coverage: CoverageEntry[], warnings: string[]): void {
  const accounts = [...new Set(resources.map((r) => r.ref.account))];
  const add = (resourceTypes: string[], message: string) => {
    warnings.push(message);
    for (const account of accounts.length ? accounts : ['unknown']) {
      coverage.push({ provider: 'gcp', account, region: 'global', service: 'cloudasset', operation: 'ReadExport', resourceTypes, status: 'error', errorCode: 'NotInExport', message });
    }
  };
  if (inventory.policyRecords === 0) {
    add(['gcp.iam.policy'], 'no IAM policies in the export files: add the output of `gcloud asset export --content-type=iam-policy` (or `gcloud asset search-all-iam-policies --format=json`) to check IAM');
  }
  if (inventory.resourceRecords === 0) {
    add(GCP_RESOURCE_TYPES.filter((t) => t !== 'gcp.iam.policy'), 'no resources in the export files: add the output of `gcloud asset export --content-type=resource` to check firewalls, SQL, buckets, keys and TLS policies');
  }
}

/**
 * Collects GCP resources from the live Cloud Asset API (`scope`), from export files
 * (`exportFiles`), or both, into one set of normalized `gcp.*` resources.
 */
export async function collectGcp(options: GcpCollectOptions): Promise<GcpCollectorOutput> {
  const files = options.exportFiles ?? [];
  if (!options.scope && files.length === 0) {
    throw new InputError('nothing to collect for GCP', undefined, '--provider gcp', 'pass --gcp-scope organizations/N|folders/N|projects/ID, or --gcp-export FILE (repeatable)');
  }
  const live = options.scope ? parseScope(options.scope) : undefined;
  const inventory = new GcpInventory();
  let apiCalls: Record<string, number> = {};

  if (files.length > 0) {
    options.onProgress?.({ provider: 'gcp', step: `export ${files.length} file(s)`, state: 'start' });
    try {
      await readExports(files, { inventory });
    } catch (err) {
      options.onProgress?.({ provider: 'gcp', step: `export ${files.length} file(s)`, state: 'failed' });
      throw err;
    }
    options.onProgress?.({ provider: 'gcp', step: `export ${files.length} file(s)`, state: 'done' });
  }
  if (live) {
    apiCalls = await collectLive(
      { scope: live.scope, endpoint: options.endpoint, pageSize: options.pageSize, retry: options.retry, concurrency: options.concurrency, timeoutMs: options.timeoutMs, onProgress: options.onProgress },
      inventory,
    );
  }

  const { resources, coverage, warnings } = inventory.finish();
  if (!live) missingContentGaps(inventory, resources, coverage, warnings);
  const regionsOf = (account?: string) => [...new Set(resources.filter((r) => account === undefined || r.ref.account === account).map((r) => r.ref.region))].sort();
  const scopes: SnapshotScope[] = [];
  if (live) {
    scopes.push({ provider: 'gcp', account: inventory.mapAccount(live.account), regions: regionsOf(), detail: { scope: live.scope, source: 'cloud-asset-api', ...(options.endpoint ? { endpoint: options.endpoint } : {}) } });
  }
  if (files.length > 0) {
    const accounts = [...new Set(resources.map((r) => r.ref.account))].sort();
    for (const account of accounts.length ? accounts : ['unknown']) {
      if (live && account === inventory.mapAccount(live.account)) continue;
      scopes.push({ provider: 'gcp', account, regions: regionsOf(account), detail: { source: 'asset-export', files } });
    }
  }
  return { scopes, resources, coverage, apiCalls, warnings };
}
