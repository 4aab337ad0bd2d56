/** What one run leaves in the history store, derived from its evaluation. Pure. */
import { randomBytes } from 'node:crypto';
import { SEVERITIES, type EvaluationResult, type Severity } from '../engine/types.js';
import { RUN_ID } from '../fleet/merge.js';
import { InputError } from '../util/errors.js';

export interface RunMeta {
  runId: string;
  /** `audit`, `evaluate` or `report` (a merged fleet run). */
  command: string;
  /** Wall time of the run (collection and evaluation), ms. */
  durationMs: number;
  /** Merged fleet runs: the shard count and the shards that never reported. */
  shards?: { count: number; missing: number[] };
  /** Default: now. */
  recordedAt?: Date;
}

export interface RunRecord {
  run: Record<string, unknown>;
  findings: unknown[][];
  scores: unknown[][];
  controls: unknown[][];
  gaps: unknown[][];
}

export const FINDING_COLUMNS = [
  'run_id',
  'finding_id',
  'rule_id',
  'status',
  'severity',
  'title',
  'message_id',
  'message',
  'provider',
  'account',
  'region',
  'resource_type',
  'resource_id',
  'resource_arn',
  'resource_name',
  'suppressed',
];
export const SCORE_COLUMNS = ['run_id', 'framework_id', 'title', 'version', 'score'];
export const CONTROL_COLUMNS = ['run_id', 'framework_id', 'control_id', 'title', 'status'];
export const GAP_COLUMNS = [
  'run_id',
  'seq',
  'provider',
  'account',
  'region',
  'service',
  'operation',
  'resource_types_json',
  'status',
  'error_code',
  'resource_id',
  'message',
];

/** A fresh run id: the start time and 48 random bits, e.g. `20261203T184312Z-9f3a0c11d2e4`. */
export function newRunId(startedAt: string | Date): string {
  const t = new Date(startedAt);
  const stamp = (Number.isNaN(t.getTime()) ? new Date() : t)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(6).toString('hex')}`;
}

export function checkRunId(id: string, flag: string): string {
  if (!RUN_ID.test(id)) throw new InputError(`"${id}" is not a usable run id`, undefined, flag, 'use 1–128 characters of letters, digits and ._:-');
  if (id === 'last' || id === 'previous') throw new InputError(`"${id}" is reserved (it names a recorded run)`, undefined, flag, 'choose another run id');
  return id;
}

const iso = (s: string): string => {
  const t = new Date(s);
  return Number.isNaN(t.getTime()) ? s : t.toISOString();
};

/** Rows of every table for one run. Evidence is not stored (the reports hold it); no field of a finding holds a secret. */
export function runRecord(result: EvaluationResult, meta: RunMeta): RunRecord {
  const id = meta.runId;
  const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const s = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  for (const f of result.findings) {
    s[f.status]++;
    if (f.status === 'fail' && !f.suppressed) open[f.severity]++;
  }
  const run: Record<string, unknown> = {
    run_id: id,
    started_at: iso(result.snapshot.startedAt),
    finished_at: iso(result.snapshot.finishedAt),
    evaluated_at: iso(result.evaluatedAt),
    recorded_at: (meta.recordedAt ?? new Date()).toISOString(),
    duration_ms: Math.max(0, Math.round(meta.durationMs)),
    command: meta.command,
    tool_version: result.tool.version,
    scopes_json: JSON.stringify(result.snapshot.scopes),
    rules_json: JSON.stringify(result.rules.map((r) => ({ id: r.id, pack: r.pack, severity: r.severity, resourceTypes: r.resourceTypes }))),
    resource_count: result.snapshot.resourceCount,
    findings_total: result.findings.length,
    pass_count: s.pass,
    fail_count: s.fail,
    unknown_count: s.unknown,
    not_applicable_count: s.not_applicable,
    suppressed_count: result.findings.filter((f) => f.status === 'fail' && f.suppressed).length,
    open_critical: open.critical,
    open_high: open.high,
    open_medium: open.medium,
    open_low: open.low,
    open_info: open.info,
    gap_count: result.snapshot.coverage.gaps.length,
    shard_count: meta.shards?.count ?? null,
    shards_missing_json: meta.shards ? JSON.stringify(meta.shards.missing) : null,
  };
  const findings = result.findings.map((f) => {
    const r = f.resource;
    return [
      id,
      f.id,
      f.ruleId,
      f.status,
      f.severity,
      f.title,
      f.messageId,
      f.message,
      r.provider,
      r.account,
      r.region,
      r.type,
      r.id,
      r.arn ?? null,
      r.name ?? null,
      f.suppressed ? 1 : 0,
    ];
  });
  const scores = (result.compliance ?? []).map((fw) => [id, fw.id, fw.title, fw.version, fw.score]);
  const controls = (result.compliance ?? []).flatMap((fw) => fw.controls.map((c) => [id, fw.id, c.id, c.title, c.status]));
  const gaps = result.snapshot.coverage.gaps.map((g, i) => [
    id,
    i,
    g.provider,
    g.account,
    g.region,
    g.service,
    g.operation,
    JSON.stringify(g.resourceTypes),
    g.status,
    g.errorCode ?? null,
    g.resourceId ?? null,
    g.message ?? null,
  ]);
  return { run, findings, scores, controls, gaps };
}
