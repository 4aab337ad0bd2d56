import { runSecrets } from '../model/redaction.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../model/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { AwsCollectOptions } from './aws/index.js';
import type { OrganizationScanOptions } from './aws/fleet.js';
import type { GcpCollectOptions } from './gcp/index.js';
import type { TlsCollectOptions } from './tls/index.js';
import type { CollectorOutput, ProgressListener } from './types.js';

export interface CollectOptions {
  aws?: AwsCollectOptions;
  /** With `aws`: audit every (selected) account of the AWS Organization instead of the caller's account. */
  awsOrganization?: OrganizationScanOptions;
  gcp?: GcpCollectOptions;
  tls?: TlsCollectOptions;
  onProgress?: ProgressListener;
}

/**
 * Runs the requested collectors (concurrently) and merges them into one snapshot. Each provider's collector
 * is imported only when that provider is collected (an AWS audit never loads the GCP client library).
 */
export async function collect(options: CollectOptions): Promise<Snapshot> {
  const startedAt = new Date().toISOString();
  const outputs: Promise<CollectorOutput>[] = [];
  if (options.aws) {
    const aws = { onProgress: options.onProgress, ...options.aws };
    const awsOrganization = options.awsOrganization;
    outputs.push(
      import('./aws/index.js').then(async ({ awsResourceTypes, collectAws }) => {
        if (!awsOrganization) return collectAws(aws);
        const { collectOrganization } = await import('./aws/fleet.js');
        const { fleet, ...o } = await collectOrganization(aws, awsOrganization, collectAws, awsResourceTypes(aws.services));
        return { ...o, stats: { fleet } };
      }),
    );
  }
  const gcp = options.gcp;
  if (gcp) outputs.push(import('./gcp/index.js').then(({ collectGcp }) => collectGcp({ onProgress: options.onProgress, ...gcp })));
  const tls = options.tls;
  if (tls) outputs.push(import('./tls/index.js').then(({ collectTls }) => collectTls({ onProgress: options.onProgress, ...tls })));
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
