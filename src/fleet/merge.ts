import type { CoverageEntry, Snapshot, SnapshotScope } from '../model/types.js';
import { InputError } from '../util/errors.js';
import type { FleetAccount, FleetInfo } from './types.js';

/** What `--run-id` accepts: safe in file names, labels and SQL alike. */
export const RUN_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface ShardSnapshot {
  /** Where it came from (file name, store row): named in errors and in the merge summary. */
  source: string;
  snapshot: Snapshot;
}

export interface MergeSummary {
  runId: string | null;
  /** Shard count of the run (1 when unsharded); null when no input was a fleet snapshot. */
  shardCount: number | null;
  present: number[];
  missing: number[];
  /** Sources left out: another run, or an older copy of a shard that was retried. */
  skipped: { source: string; reason: string }[];
  /** Accounts no shard reported, each now a coverage gap. */
  missingAccounts: FleetAccount[];
}

export interface MergedRun {
  snapshot: Snapshot;
  summary: MergeSummary;
}

/** `stats.fleet` of a snapshot, when it is a fleet snapshot. */
export function fleetOf(s: Snapshot): FleetInfo | undefined {
  const f = s.stats?.fleet as FleetInfo | undefined;
  return f && typeof f === 'object' && Array.isArray(f.accounts) ? f : undefined;
}

/**
 * Merges the shard snapshots of one fleet run (plus any plain snapshots, e.g. GCP or TLS, given alongside)
 * into one snapshot, so the run is evaluated and reported once. Pure.
 *
 * - Without `runId`, the inputs must belong to one run; with it, other runs' snapshots are skipped.
 * - Two snapshots of the same shard (a retried Kubernetes index): the one that finished last is kept.
 * - The accounts a missing shard owns are known from any present shard's listing (each lists the whole
 *   organization): each becomes a coverage gap over every AWS type, so its rules report unknown, never pass.
 */
export function mergeShardSnapshots(inputs: ShardSnapshot[], options: { runId?: string; awsTypes: string[] }): MergedRun {
  if (inputs.length === 0) throw new InputError('no snapshot to merge', undefined, '--from', 'pass shard snapshot files or a directory holding them');
  const skipped: MergeSummary['skipped'] = [];
  const fleetInputs = inputs.filter((i) => fleetOf(i.snapshot));
  const plain = inputs.filter((i) => !fleetOf(i.snapshot));

  const runs = [...new Set(fleetInputs.map((i) => fleetOf(i.snapshot)!.runId ?? ''))];
  let runId = options.runId ?? null;
  if (runId === null && runs.length > 1) {
    throw new InputError(
      `the snapshots belong to ${runs.length} runs: ${runs.map((r) => r || '(no run id)').join(', ')}`,
      undefined,
      '--run',
      'pass --run RUN_ID to pick one',
    );
  }
  if (runId === null && runs.length === 1 && runs[0]) runId = runs[0];
  const ofRun = fleetInputs.filter((i) => {
    const id = fleetOf(i.snapshot)!.runId ?? '';
    if (options.runId === undefined || id === options.runId) return true;
    skipped.push({ source: i.source, reason: `run ${id || '(no run id)'}` });
    return false;
  });
  if (options.runId !== undefined && ofRun.length === 0) {
    throw new InputError(
      `no shard of run ${options.runId} was found`,
      undefined,
      '--run',
      `runs found: ${runs.map((r) => r || '(no run id)').join(', ') || 'none'}`,
    );
  }

  // One snapshot per shard index; the shard count must agree.
  const counts = [...new Set(ofRun.map((i) => fleetOf(i.snapshot)!.shard?.count ?? 1))];
  if (counts.length > 1)
    throw new InputError(
      `the shards of run ${runId ?? '(no run id)'} disagree on the shard count (${counts.join(', ')})`,
      undefined,
      ofRun[0]?.source,
      'merge the snapshots of one run, started with one --shard i/N count',
    );
  const shardCount = counts[0] ?? null;
  const byShard = new Map<number, ShardSnapshot>();
  for (const i of ofRun) {
    const idx = fleetOf(i.snapshot)!.shard?.index ?? 0;
    const prev = byShard.get(idx);
    if (!prev) byShard.set(idx, i);
    else {
      const [older, newer] = prev.snapshot.finishedAt <= i.snapshot.finishedAt ? [prev, i] : [i, prev];
      skipped.push({ source: older.source, reason: `shard ${idx} again; ${newer.source} finished later` });
      byShard.set(idx, newer);
    }
  }
  const present = [...byShard.keys()].sort((a, b) => a - b);
  const missing = shardCount === null ? [] : Array.from({ length: shardCount }, (_, i) => i).filter((i) => !byShard.has(i));

  // Accounts: the union of every present shard's listing; the owner's outcome wins.
  const accounts = new Map<string, FleetAccount>();
  for (const [idx, i] of byShard) {
    for (const a of fleetOf(i.snapshot)!.accounts) {
      const owned = a.outcome === 'audited' || a.outcome === 'failed' || (a.outcome === 'inactive' && (a.shard ?? 0) === idx);
      const known = accounts.get(a.id);
      if (!known || (owned && known.outcome === 'other-shard')) accounts.set(a.id, { ...a });
    }
  }
  const missingAccounts = [...accounts.values()].filter((a) => a.outcome === 'other-shard');
  const gaps: CoverageEntry[] = [];
  const gapScopes: SnapshotScope[] = [];
  for (const a of missingAccounts) {
    const why =
      a.shard !== undefined && missing.includes(a.shard)
        ? `shard ${a.shard}/${shardCount} of run ${runId ?? '(no run id)'} did not report`
        : `no shard of the run reported it (the organization changed between shards)`;
    a.outcome = 'missing';
    a.reason = why;
    gaps.push({
      provider: 'aws',
      account: a.id,
      region: 'global',
      service: 'fleet',
      operation: 'shard',
      resourceTypes: options.awsTypes as CoverageEntry['resourceTypes'],
      status: 'error',
      errorCode: 'ShardMissing',
      message: `account ${a.id} was not audited: ${why}`,
    });
    gapScopes.push({ provider: 'aws', account: a.id, regions: [], detail: { accountName: a.name, ouPath: a.ouPath, fleetOutcome: 'missing' } });
  }

  const parts = [...[...byShard.values()].map((i) => i.snapshot), ...plain.map((i) => i.snapshot)];
  const [head] = parts;
  // Unreachable (inputs is not empty and every input is a shard of the run or a plain snapshot), but never merge nothing.
  if (!head) throw new InputError('no snapshot to merge', undefined, '--from', 'pass shard snapshot files or a directory holding them');
  const first = fleetOf(head);
  const apiCalls: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.stats?.apiCalls ?? {})) apiCalls[k] = (apiCalls[k] ?? 0) + v;
  const fleet: FleetInfo | undefined = first && {
    provider: 'aws',
    organizationId: first.organizationId,
    roleName: first.roleName,
    ...(runId ? { runId } : {}),
    accounts: [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
  const snapshot: Snapshot = {
    schemaVersion: head.schemaVersion,
    tool: head.tool,
    startedAt: parts.map((p) => p.startedAt).sort()[0] ?? head.startedAt,
    finishedAt: parts
      .map((p) => p.finishedAt)
      .sort()
      .at(-1)!,
    scopes: [...parts.flatMap((p) => p.scopes), ...gapScopes],
    resources: parts.flatMap((p) => p.resources),
    coverage: [...parts.flatMap((p) => p.coverage), ...gaps],
    stats: { apiCalls, ...(fleet ? { fleet: { ...fleet, shards: { count: shardCount, present, missing } } } : {}) },
  };
  return { snapshot, summary: { runId, shardCount, present, missing, skipped, missingAccounts } };
}
