import { GCP_IAM_POLICY, GCP_RESOURCE_TYPES } from '../../model/gcp.js';
import type { CoverageEntry, Resource, SnapshotScope } from '../../model/types.js';
import { InputError } from '../../util/errors.js';
import type { CollectorOutput } from '../types.js';
import { readExports } from './export-reader.js';
import { GcpInventory } from './inventory.js';
import { type GcpLiveOptions, collectLive, parseScope } from './live.js';
import type { InputType } from '../../model/registry.js';

export type { GcpRetryOptions } from './live.js';

/**
 * GCP collection through the Cloud Asset API (live) or `gcloud asset export` files (offline). The live
 * tuning options (endpoint override, page size, backoff, concurrency, timeout) are those of {@link GcpLiveOptions}.
 */
export interface GcpCollectOptions extends Pick<GcpLiveOptions, 'endpoint' | 'pageSize' | 'retry' | 'concurrency' | 'timeoutMs' | 'onProgress'> {
  /** `organizations/123`, `folders/456` or `projects/my-proj` (live). */
  scope?: string;
  /** Offline export files (JSON lines of `gcloud asset export`, or JSON of `search-all-iam-policies`). */
  exportFiles?: string[];
}

export interface GcpCollectorOutput extends CollectorOutput {
  /** Records that could not be read (with `file:line` or the API step), for the terminal. */
  warnings: string[];
}

/**
 * Offline coverage, per project seen: an `ok` ReadExport step for each content type the files gave, and
 * an `error` (NotInExport) for a content type absent from every file (no IAM policy at all, or no resource
 * at all): that is not "nothing to report" but "not given", so dependent rules are unknown.
 * (A single asset type absent from a resource export is taken as "none exist": exports include every
 * type unless `--asset-types` filtered them.)
 */
function exportCoverage(inventory: GcpInventory, resources: Resource[], files: string[], coverage: CoverageEntry[], warnings: string[]): void {
  const accounts = [...new Set(resources.map((r) => r.ref.account))];
  const entry = (resourceTypes: InputType[], ok: boolean, message: string) => {
    if (!ok) warnings.push(message);
    for (const account of accounts.length ? accounts : ['unknown']) {
      coverage.push({
        provider: 'gcp',
        account,
        region: 'global',
        service: 'cloudasset',
        operation: 'ReadExport',
        resourceTypes,
        status: ok ? 'ok' : 'error',
        ...(ok ? {} : { errorCode: 'NotInExport' }),
        message,
      });
    }
  };
  const read = `read from ${files.length} export file(s)`;
  const iamTypes = [GCP_IAM_POLICY];
  const resourceTypes = GCP_RESOURCE_TYPES.filter((t) => t !== GCP_IAM_POLICY);
  if (inventory.policyRecords > 0) entry(iamTypes, true, `IAM policies ${read}`);
  else
    entry(
      iamTypes,
      false,
      'no IAM policies in the export files: add the output of `gcloud asset export --content-type=iam-policy` (or `gcloud asset search-all-iam-policies --format=json`) to check IAM',
    );
  if (inventory.resourceRecords > 0) entry(resourceTypes, true, `resources ${read}`);
  else
    entry(
      resourceTypes,
      false,
      'no resources in the export files: add the output of `gcloud asset export --content-type=resource` to check firewalls, SQL, buckets, keys and TLS policies',
    );
}

/**
 * Collects GCP resources from the live Cloud Asset API (`scope`), from export files
 * (`exportFiles`), or both, into one set of normalized `gcp.*` resources.
 */
export async function collectGcp(options: GcpCollectOptions): Promise<GcpCollectorOutput> {
  const files = options.exportFiles ?? [];
  if (!options.scope && files.length === 0) {
    throw new InputError(
      'nothing to collect for GCP',
      undefined,
      '--provider gcp',
      'pass --gcp-scope organizations/N|folders/N|projects/ID, or --gcp-export FILE (repeatable)',
    );
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
    const { exportFiles: _files, scope: _scope, ...tuning } = options;
    apiCalls = await collectLive({ ...tuning, scope: live.scope }, inventory);
  }

  const { resources, coverage, warnings } = inventory.finish();
  if (!live) exportCoverage(inventory, resources, files, coverage, warnings);
  const regionsOf = (account?: string) =>
    [...new Set(resources.filter((r) => account === undefined || r.ref.account === account).map((r) => r.ref.region))].sort();
  const scopes: SnapshotScope[] = [];
  // Where each project sits (name, folders): the reports group an organization's findings by them.
  const hierarchy = inventory.hierarchy();
  const projects = Object.keys(hierarchy).length ? { projects: hierarchy } : {};
  if (live) {
    scopes.push({
      provider: 'gcp',
      account: inventory.mapAccount(live.account),
      regions: regionsOf(),
      detail: { scope: live.scope, source: 'cloud-asset-api', ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...projects },
    });
  }
  if (files.length > 0) {
    const accounts = [...new Set(resources.map((r) => r.ref.account))].sort();
    for (const account of accounts.length ? accounts : ['unknown']) {
      if (live && account === inventory.mapAccount(live.account)) continue;
      const where = hierarchy[account] ? { projectName: hierarchy[account].name, folders: hierarchy[account].folders } : {};
      scopes.push({ provider: 'gcp', account, regions: regionsOf(account), detail: { source: 'asset-export', files, ...where } });
    }
  }
  return { scopes, resources, coverage, apiCalls, warnings };
}
