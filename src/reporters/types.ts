import type { HistoryContext } from '../engine/history-types.js';
import type { EvaluationResult } from '../engine/types.js';

export type ReportFormat = 'json' | 'sarif' | 'html' | 'csv' | 'ocsf' | 'asff';

/** Every format, in the order `--format` documents them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'html', 'json', 'csv', 'ocsf', 'asff'];

export interface ReportFile {
  /** File name inside the output directory, e.g. `findings.json`, `vigil.sarif`. */
  name: string;
  content: string;
}

/**
 * What reporters render: the evaluation plus optional context that is not part of it. `history` comes from
 * the history store when there is one; without it the trend section is simply absent.
 */
export interface ReportInput extends EvaluationResult {
  /** Trend (oldest run first, the current one last) and the delta since the baseline run, from the history store. */
  history?: HistoryContext;
}

/** One output format. Reporters are pure: they turn an evaluation result into file contents; the caller writes them atomically. */
export interface Reporter {
  format: ReportFormat;
  render(result: ReportInput): ReportFile[];
}
