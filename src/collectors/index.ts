import { runSecrets } from '../model/redaction.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { type AwsCollectOptions, awsResourceTypes, collectAws } from './aws/index.js';
import { type OrganizationScanOptions, collectOrganization } from './aws/fleet.js';
import { type GcpCollectOptions, collectGcp } from './gcp/index.js';
import { type TlsCollectOptions, collectTls } from './tls/index.js';
import type { CollectorOutput, ProgressListener } from './types.js';

export interface CollectOptions {
  aws?: AwsCollectOptions;
  /** With `aws`: audit every (selected) account of the AWS Organization instead of the caller's account. */
  awsOrganization?: OrganizationScanOptions;
  gcp?: GcpCollectOptions;
  tls?: TlsCollectOptions;
  onProgress?: ProgressListener;
}

/** Runs the requested collectors (concurrently) and merges them into one snapshot. */
export async function collect(options: CollectOptions): Promise<Snapshot> {
  const startedAt = new Date().toISOString();
  const outputs: Promise<CollectorOutput>[] = [];
  if (options.aws) {
    const aws = { onProgress: options.onProgress, ...options.aws };
    if (options.awsOrganization) {
      outputs.push(
        collectOrganization(aws, options.awsOrganization, collectAws, awsResourceTypes(aws.services)).then(({ fleet, ...o }) => ({ ...o, stats: { fleet } })),
      );
    } else outputs.push(collectAws(aws));
  }
  if (options.gcp) outputs.push(collectGcp({ onProgress: options.onProgress, ...options.gcp }));
  if (options.tls) outputs.push(collectTls({ onProgress: options.onProgress, ...options.tls }));
  return mergeOutputs(await Promise.all(outputs), startedAt);
}

/**
 * Merges collector outputs into one snapshot. The credential values this run signed with are removed from
 * every string of it (src/model/redaction.ts): an echo in an error message or in returned data never reaches
 * the snapshot, nor anything built from it.
 */
export function mergeOutputs(outputs: CollectorOutput[], startedAt: string, finishedAt = new Date().toISOString()): Snapshot {
  const apiCalls: Record<string, number> = {};
  for (const o of outputs) for (const [k, v] of Object.entries(o.apiCalls ?? {})) apiCalls[k] = (apiCalls[k] ?? 0) + v;
  return runSecrets.redactInPlace<Snapshot>({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt,
    finishedAt,
    scopes: outputs.flatMap((o) => o.scopes),
    resources: outputs.flatMap((o) => o.resources),
    coverage: outputs.flatMap((o) => o.coverage),
    stats: { ...Object.assign({}, ...outputs.map((o) => o.stats ?? {})), apiCalls },
  });
}
