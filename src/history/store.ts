/**
 * The history store: every recorded run with its findings (by stable id), framework scores, control statuses and
 * coverage gaps, in SQLite or PostgreSQL. One transaction per run under the store's write lock: a run is recorded
 * whole or not at all, and a run id is recorded once.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FindingsDoc } from '../engine/diff.js';
import type { JsonFinding } from '../engine/findings-file.js';
import { SEVERITIES, type ControlStatus, type Severity, type Status } from '../engine/types.js';
import type { TrendPoint } from '../engine/history-types.js';
import { type ShardSnapshot, fleetOf } from '../fleet/merge.js';
import type { Snapshot, SnapshotScope } from '../model/types.js';
import { InputError } from '../util/errors.js';
import { type Driver, openDriver, storeError } from './driver.js';
import { CONTROL_COLUMNS, FINDING_COLUMNS, GAP_COLUMNS, SCORE_COLUMNS, type RunRecord } from './record.js';
import { migrate } from './schema.js';
import type { StoreSpec } from './url.js';

export interface Retention {
  /** Keep only the newest N runs. */
  keepRuns?: number;
  /** Remove runs that started more than N days ago. */
  keepDays?: number;
}

/** One recorded run without its findings. */
export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  evaluatedAt: string;
  recordedAt: string;
  durationMs: number;
  command: string;
  toolVersion: string;
  scopes: SnapshotScope[];
  rules: { id: string; pack: string; severity: Severity; resourceTypes: string[] }[];
  resourceCount: number;
  findings: number;
  byStatus: Record<Status, number>;
  suppressed: number;
  openBySeverity: Record<Severity, number>;
  coverageGaps: number;
  /** Framework id → score 0..1 (null: nothing automated assessed), with the framework's title and version. */
  frameworks: { id: string; title: string; version: string; score: number | null }[];
  /** Merged fleet runs. */
  shards?: { count: number; missing: number[] };
}

export interface RecordOutcome {
  runId: string;
  /** Run ids removed by retention. */
  removed: string[];
}

type RunRow = Record<string, string | number | null>;
const num = (v: unknown): number => Number(v ?? 0);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const TABLES = ['vigil_findings', 'vigil_framework_scores', 'vigil_controls', 'vigil_coverage_gaps', 'vigil_runs'];
const ORDER = 'ORDER BY started_at DESC, recorded_at DESC, run_id DESC';

export class HistoryStore {
  private constructor(
    readonly spec: StoreSpec,
    private readonly d: Driver,
  ) {}

  /** The store URL as it may be printed (user-info scrubbed). */
  get label(): string {
    return this.spec.label;
  }
  get dialect(): Driver['dialect'] {
    return this.d.dialect;
  }

  /**
   * Opens (with `create`, creates) the store and migrates it to the current schema. Without `create`, a SQLite
   * file that does not exist is an input error (reading commands never create an empty store).
   */
  static async open(spec: StoreSpec, o: { create: boolean }): Promise<HistoryStore> {
    const d = await openDriver(spec, o);
    const store = new HistoryStore(spec, d);
    try {
      await d.writeTransaction(() => migrate(d, spec.label));
    } catch (err) {
      await d.close().catch(() => undefined);
      throw storeError(spec, 'cannot prepare the history store', err);
    }
    return store;
  }

  async close(): Promise<void> {
    await this.d.close().catch(() => undefined);
  }

  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw storeError(this.spec, what, err);
    }
  }

  /** Records one run in one transaction, then applies retention in the same transaction. */
  async record(rec: RunRecord, retention: Retention = {}): Promise<RecordOutcome> {
    const runId = String(rec.run.run_id);
    return this.guard(`cannot record run ${runId}`, () =>
      this.d.writeTransaction(async () => {
        const seen = await this.d.all('SELECT run_id FROM vigil_runs WHERE run_id = ?', [runId]);
        if (seen.length)
          throw new InputError(
            `run ${runId} is already recorded in the history store: not recorded again`,
            this.label,
            '--run-id',
            'each run needs its own run id (leave --run-id out for a fresh one); two jobs of one schedule must not share it',
          );
        const cols = Object.keys(rec.run);
        await this.d.insertMany('vigil_runs', cols, [cols.map((c) => rec.run[c])]);
        await this.d.insertMany('vigil_findings', FINDING_COLUMNS, rec.findings);
        await this.d.insertMany('vigil_framework_scores', SCORE_COLUMNS, rec.scores);
        await this.d.insertMany('vigil_controls', CONTROL_COLUMNS, rec.controls);
        await this.d.insertMany('vigil_coverage_gaps', GAP_COLUMNS, rec.gaps);
        const removed = await this.applyRetention(retention, runId);
        return { runId, removed };
      }),
    );
  }

  /** Removes the runs retention leaves out (never `keep`, the run just recorded). Inside a write transaction. */
  private async applyRetention(r: Retention, keep: string): Promise<string[]> {
    const gone = new Set<string>();
    if (r.keepRuns !== undefined) {
      const rows = await this.d.all<{ run_id: string }>(`SELECT run_id FROM vigil_runs ${ORDER}`);
      for (const row of rows.slice(r.keepRuns)) gone.add(row.run_id);
    }
    if (r.keepDays !== undefined) {
      const cutoff = new Date(Date.now() - r.keepDays * 86_400_000).toISOString();
      for (const row of await this.d.all<{ run_id: string }>('SELECT run_id FROM vigil_runs WHERE started_at < ?', [cutoff])) gone.add(row.run_id);
    }
    gone.delete(keep);
    for (const id of gone) {
      for (const t of TABLES) await this.d.run(`DELETE FROM ${t} WHERE run_id = ?`, [id]);
      await this.d.run('DELETE FROM vigil_run_shards WHERE run_id = ?', [id]);
    }
    return [...gone];
  }

  private async summaries(rows: RunRow[]): Promise<RunSummary[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => String(r.run_id));
    const scores = await this.d.all<RunRow>(
      `SELECT run_id, framework_id, title, version, score FROM vigil_framework_scores WHERE run_id IN (${ids.map(() => '?').join(', ')}) ORDER BY framework_id`,
      ids,
    );
    const byRun = new Map<string, RunSummary['frameworks']>();
    for (const s of scores) {
      const list = byRun.get(String(s.run_id)) ?? [];
      list.push({ id: str(s.framework_id), title: str(s.title), version: str(s.version), score: s.score === null ? null : Number(s.score) });
      byRun.set(String(s.run_id), list);
    }
    return rows.map((r) => ({
      runId: str(r.run_id),
      startedAt: str(r.started_at),
      finishedAt: str(r.finished_at),
      evaluatedAt: str(r.evaluated_at),
      recordedAt: str(r.recorded_at),
      durationMs: num(r.duration_ms),
      command: str(r.command),
      toolVersion: str(r.tool_version),
      scopes: JSON.parse(str(r.scopes_json) || '[]') as SnapshotScope[],
      rules: JSON.parse(str(r.rules_json) || '[]') as RunSummary['rules'],
      resourceCount: num(r.resource_count),
      findings: num(r.findings_total),
      byStatus: { pass: num(r.pass_count), fail: num(r.fail_count), unknown: num(r.unknown_count), not_applicable: num(r.not_applicable_count) },
      suppressed: num(r.suppressed_count),
      openBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, num(r[`open_${s}`])])) as Record<Severity, number>,
      coverageGaps: num(r.gap_count),
      frameworks: byRun.get(String(r.run_id)) ?? [],
      ...(r.shard_count !== null && r.shard_count !== undefined
        ? { shards: { count: num(r.shard_count), missing: JSON.parse(str(r.shards_missing_json) || '[]') as number[] } }
        : {}),
    }));
  }

  /** Recorded runs, newest first. */
  async runs(limit?: number): Promise<RunSummary[]> {
    return this.guard('cannot read the history store', async () =>
      this.summaries(await this.d.all<RunRow>(`SELECT * FROM vigil_runs ${ORDER}${limit ? ` LIMIT ${Math.floor(limit)}` : ''}`)),
    );
  }

  async run(runId: string): Promise<RunSummary | undefined> {
    return this.guard(
      'cannot read the history store',
      async () => (await this.summaries(await this.d.all<RunRow>('SELECT * FROM vigil_runs WHERE run_id = ?', [runId])))[0],
    );
  }

  /**
   * A run by reference: `last` (the newest recorded run), `previous` (the one before it) or a run id. Undefined when
   * `last` / `previous` do not exist yet; an unknown run id is an input error.
   */
  async resolve(ref: string, flag: string): Promise<RunSummary | undefined> {
    if (ref === 'last' || ref === 'previous') {
      const rows = await this.runs(2);
      return rows[ref === 'last' ? 0 : 1];
    }
    const run = await this.run(ref);
    if (!run)
      throw new InputError(`no run ${ref} in the history store`, this.label, flag, 'run `vigil history list` for the recorded runs, or use last / previous');
    return run;
  }

  /** The last `n` runs as trend points, oldest first; with `upTo`, only runs up to that one (in start order). */
  async trend(n: number, upTo?: string): Promise<TrendPoint[]> {
    const all = (await this.runs()).reverse();
    const end = upTo === undefined ? all.length : all.findIndex((r) => r.runId === upTo) + 1;
    return all.slice(Math.max(0, end - n), end).map(trendPoint);
  }

  /** A recorded run in the shape of a findings.json, for `vigil diff` and the baseline. */
  async findingsDoc(run: RunSummary): Promise<FindingsDoc> {
    return this.guard(`cannot read run ${run.runId}`, async () => {
      const id = run.runId;
      const rows = await this.d.all<RunRow>('SELECT * FROM vigil_findings WHERE run_id = ? ORDER BY finding_id', [id]);
      const gaps = await this.d.all<RunRow>('SELECT * FROM vigil_coverage_gaps WHERE run_id = ? ORDER BY seq', [id]);
      const controls = await this.d.all<RunRow>('SELECT * FROM vigil_controls WHERE run_id = ? ORDER BY framework_id, control_id', [id]);
      const findings: JsonFinding[] = rows.map((f) => ({
        id: str(f.finding_id),
        ruleId: str(f.rule_id),
        status: str(f.status) as Status,
        severity: str(f.severity) as Severity,
        title: str(f.title),
        messageId: str(f.message_id),
        message: str(f.message),
        resource: {
          provider: str(f.provider),
          account: str(f.account),
          region: str(f.region),
          type: str(f.resource_type),
          id: str(f.resource_id),
          arn: f.resource_arn === null ? null : str(f.resource_arn),
          name: f.resource_name === null ? null : str(f.resource_name),
        },
        evidence: null,
        ...(num(f.suppressed) ? { suppressed: { justification: '(recorded as suppressed)' } } : {}),
      }));
      return {
        file: `run ${id}`,
        formatVersion: 1,
        tool: { name: 'vigil', version: run.toolVersion },
        evaluatedAt: run.evaluatedAt,
        snapshot: {
          scopes: run.scopes.map((s) => ({ provider: s.provider, account: s.account, regions: s.regions })),
          coverage: {
            gaps: gaps.map((g) => ({
              provider: str(g.provider),
              account: str(g.account),
              region: str(g.region),
              service: str(g.service),
              operation: str(g.operation),
              resourceTypes: JSON.parse(str(g.resource_types_json) || '[]') as string[],
              status: str(g.status),
              ...(g.error_code !== null ? { errorCode: str(g.error_code) } : {}),
              ...(g.resource_id !== null ? { resourceId: str(g.resource_id) } : {}),
            })),
          },
        },
        rules: run.rules.map((r) => ({ id: r.id, resourceTypes: r.resourceTypes })),
        findings,
        ...(run.frameworks.length
          ? {
              compliance: run.frameworks.map((fw) => ({
                id: fw.id,
                title: fw.title,
                score: fw.score,
                controls: controls
                  .filter((c) => c.framework_id === fw.id)
                  .map((c) => ({ id: str(c.control_id), title: str(c.title), status: str(c.status) as ControlStatus })),
              })),
            }
          : {}),
      };
    });
  }

  /** Coverage gaps of a run (for `history show`). */
  async gaps(runId: string): Promise<FindingsDoc['snapshot']['coverage']['gaps']> {
    const run = await this.run(runId);
    return run ? (await this.findingsDoc(run)).snapshot.coverage.gaps : [];
  }

  // ───────────── fleet shards (issue 16) ─────────────

  /**
   * Records one shard's snapshot under its run id, for `vigil report --run`. The same shard index again (a retried
   * Kubernetes index) replaces the earlier copy when it finished later, in one locked transaction.
   */
  async recordShard(snapshot: Snapshot): Promise<{ runId: string; index: number; count: number; replaced: boolean }> {
    const fleet = fleetOf(snapshot);
    const runId = fleet?.runId;
    if (!fleet || !runId)
      throw new InputError(
        'only a fleet shard with a run id is recorded as a shard',
        this.label,
        '--run-id',
        'pass --aws-organization --shard i/N --run-id ID',
      );
    const index = fleet.shard?.index ?? 0;
    const count = fleet.shard?.count ?? 1;
    const blob = gzipSync(JSON.stringify(snapshot));
    return this.guard(`cannot record shard ${index} of run ${runId}`, () =>
      this.d.writeTransaction(async () => {
        if ((await this.d.all('SELECT run_id FROM vigil_runs WHERE run_id = ?', [runId])).length)
          throw new InputError(
            `run ${runId} was already merged and recorded: shard ${index} is not added to it`,
            this.label,
            '--run-id',
            'start a new run with a new run id',
          );
        const prev = await this.d.all<RunRow>('SELECT finished_at, shard_count FROM vigil_run_shards WHERE run_id = ? AND shard_index = ?', [runId, index]);
        const other = await this.d.all<RunRow>('SELECT shard_count FROM vigil_run_shards WHERE run_id = ? LIMIT 1', [runId]);
        if (other[0] && num(other[0].shard_count) !== count)
          throw new InputError(
            `run ${runId} has shards of ${num(other[0].shard_count)}; this one says ${count}`,
            this.label,
            '--shard',
            'every shard of one run uses the same --shard i/N count',
          );
        const p = prev[0];
        if (p && str(p.finished_at) >= snapshot.finishedAt) return { runId, index, count, replaced: false };
        if (p) await this.d.run('DELETE FROM vigil_run_shards WHERE run_id = ? AND shard_index = ?', [runId, index]);
        await this.d.insertMany(
          'vigil_run_shards',
          ['run_id', 'shard_index', 'shard_count', 'started_at', 'finished_at', 'recorded_at', 'tool_version', 'snapshot_gz'],
          [[runId, index, count, snapshot.startedAt, snapshot.finishedAt, new Date().toISOString(), snapshot.tool.version, blob]],
        );
        return { runId, index, count, replaced: !!p };
      }),
    );
  }

  /** The shard snapshots recorded for a run (empty when none). */
  async shardSnapshots(runId: string): Promise<ShardSnapshot[]> {
    return this.guard(`cannot read the shards of run ${runId}`, async () => {
      const rows = await this.d.all<{ shard_index: number; shard_count: number; snapshot_gz: Uint8Array }>(
        'SELECT shard_index, shard_count, snapshot_gz FROM vigil_run_shards WHERE run_id = ? ORDER BY shard_index',
        [runId],
      );
      return rows.map((r) => ({
        source: `store shard ${num(r.shard_index)}/${num(r.shard_count)}`,
        snapshot: JSON.parse(gunzipSync(r.snapshot_gz).toString('utf8')) as Snapshot,
      }));
    });
  }
}

export function trendPoint(r: RunSummary): TrendPoint {
  return {
    runId: r.runId,
    startedAt: r.startedAt,
    scores: Object.fromEntries(r.frameworks.map((f) => [f.id, f.score === null ? null : Math.round(f.score * 1000) / 10])),
    openBySeverity: { ...r.openBySeverity },
    unknown: r.byStatus.unknown,
    coverageGaps: r.coverageGaps,
  };
}
