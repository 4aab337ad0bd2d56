import type { EvaluationResult } from '../engine/types.js';

export type ReportFormat = 'json' | 'sarif' | 'html' | 'csv' | 'ocsf' | 'asff';

/** Every format, in the order `--format` documents them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'html', 'json', 'csv', 'ocsf', 'asff'];

export interface ReportFile {
  /** File name inside the output directory, e.g. `findings.json`, `vigil.sarif`. */
  name: string;
  content: string;
}

/** One earlier run, from the history store (issue 15): its scores per framework and its open failures per severity. */
export interface HistoryRun {
  runId: string;
  /** ISO time the run started. */
  startedAt: string;
  /** Framework id → compliance score (0..1), `null` when the framework had nothing automated to score. */
  scores: Record<string, number | null>;
  openBySeverity: Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>;
}

/** Scan history for the trend section: runs oldest first, the current run last. */
export interface ReportHistory {
  runs: HistoryRun[];
  /** Stable finding ids that are new since the previous run, and ids that failed then and do not now. */
  sincePrevious?: { newIds: string[]; resolvedIds: string[] };
}

/**
 * What reporters render: the evaluation plus optional context that is not part of it. `history` comes from
 * the history store when there is one; without it the trend section is simply absent.
 */
export interface ReportInput extends EvaluationResult {
  history?: ReportHistory;
}

/** One output format. Reporters are pure: they turn an evaluation result into file contents; the caller writes them atomically. */
export interface Reporter {
  format: ReportFormat;
  render(result: ReportInput): ReportFile[];
}
