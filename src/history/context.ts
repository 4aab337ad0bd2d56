/** What the reports and signals read from the history: the trend of the last runs and the delta against a baseline. */
import { type DiffItem, type FindingsDoc, diffFindings } from '../engine/diff.js';
import type { DeltaFinding, HistoryContext, RunDelta } from '../engine/history-types.js';
import { severityRank, type Severity } from '../engine/types.js';
import type { HistoryStore, RunSummary } from './store.js';

const deltaFinding = (f: DiffItem): DeltaFinding => ({
  id: f.id,
  ruleId: f.ruleId,
  severity: f.severity,
  title: f.title,
  resourceId: f.resource.id,
  ...(f.resource.name ? { resourceName: f.resource.name } : {}),
  account: f.resource.account,
  region: f.resource.region,
});

/**
 * Current against baseline, by stable finding id, with the semantics of `vigil diff` (src/engine/diff.ts): a failure
 * whose resource turned unknown or was not collected is coverage lost, never resolved. New findings exclude
 * suppressed ones (they do not count for `--fail-on-new` either).
 */
export function runDelta(baseline: FindingsDoc | null, baselineRunId: string | null, current: FindingsDoc): RunDelta {
  if (!baseline) return { baselineRunId: null, newFindings: [], resolvedFindings: [], coverageLost: [] };
  const diff = diffFindings(baseline, current);
  return {
    baselineRunId,
    newFindings: diff.newFailures.filter((f) => !f.suppressed).map(deltaFinding),
    resolvedFindings: diff.resolved.map(deltaFinding),
    coverageLost: diff.coverageLost.filter((f) => f.was === 'fail').map(deltaFinding),
  };
}

/** New findings at or above a severity. */
export function newAtOrAbove(delta: RunDelta, threshold: Severity): DeltaFinding[] {
  return delta.newFindings.filter((f) => severityRank(f.severity) <= severityRank(threshold));
}

export interface HistoryContextOptions {
  /** Trend length: the last N runs, the current one included (default 10). */
  last?: number;
  /**
   * The baseline to compare with (`--baseline`), with its findings when read before the current run was recorded
   * (retention may have removed it since); null: none. Default: the run recorded before the current one.
   */
  baseline?: { run: RunSummary; doc?: FindingsDoc } | null;
}

/**
 * The history context of a recorded run: the trend of the last N runs up to it, and its delta against the baseline
 * (the given one, else the run before it). The CLI calls it right after recording the run.
 */
export async function historyContextFor(store: HistoryStore, currentRunId: string, o: HistoryContextOptions = {}): Promise<HistoryContext> {
  const current = await store.run(currentRunId);
  if (!current) throw new Error(`run ${currentRunId} is not in the history store`);
  const trend = await store.trend(o.last ?? 10, currentRunId);
  let baseline = o.baseline;
  if (baseline === undefined) {
    const runs = (await store.runs()).reverse();
    const at = runs.findIndex((r) => r.runId === currentRunId);
    const before = at > 0 ? runs[at - 1] : undefined;
    baseline = before ? { run: before } : null;
  }
  if (baseline?.run.runId === currentRunId) baseline = null;
  const baseDoc = baseline ? (baseline.doc ?? (await store.findingsDoc(baseline.run))) : null;
  const delta = runDelta(baseDoc, baseline?.run.runId ?? null, await store.findingsDoc(current));
  return { trend, delta };
}
