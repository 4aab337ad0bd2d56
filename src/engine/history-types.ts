/**
 * Types shared by the history store (src/history/) and its consumers (signals, the HTML report's trend section).
 * Both the store helper and the signals helper create this file with EXACTLY this content (copy it byte for byte,
 * then run prettier on it); extend it only in a separate file of your own.
 */
import type { Severity } from './types.js';

/** One recorded run as a point of a trend. */
export interface TrendPoint {
  runId: string;
  /** ISO 8601 start time of the run. */
  startedAt: string;
  /** Framework id → compliance score 0..100, or null when no control of it was assessed. */
  scores: Record<string, number | null>;
  /** Findings with status `fail` (not suppressed), by severity. */
  openBySeverity: Record<Severity, number>;
  /** Findings with status `unknown`. */
  unknown: number;
  /** Coverage gaps recorded for the run. */
  coverageGaps: number;
}

/** A finding as a delta reports it. All strings are cloud-supplied (attacker-controlled): escape on output. */
export interface DeltaFinding {
  id: string;
  ruleId: string;
  severity: Severity;
  title: string;
  resourceId: string;
  resourceName?: string;
  account?: string;
  region?: string;
}

/** What changed since a baseline run. */
export interface RunDelta {
  /** The baseline run's id, or null when there was no earlier run (then nothing is "new" by comparison). */
  baselineRunId: string | null;
  /** Failing now, not failing (or absent) in the baseline. */
  newFindings: DeltaFinding[];
  /** Failing in the baseline, passing now. Never a finding whose resource or coverage was lost (that is not "resolved"). */
  resolvedFindings: DeltaFinding[];
  /** Failing in the baseline, now unknown or not collected: coverage lost, never counted as resolved. */
  coverageLost: DeltaFinding[];
}

/** History a report or signal may show. */
export interface HistoryContext {
  /** Oldest first, the current run last. */
  trend: TrendPoint[];
  delta: RunDelta | null;
}
