import type { EvaluationResult } from '../engine/types.js';

export type ReportFormat = 'json' | 'sarif' | 'html' | 'csv' | 'ocsf' | 'asff';

/** Every format, in the order `--format` documents them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'html', 'json', 'csv', 'ocsf', 'asff'];

export interface ReportFile {
  /** File name inside the output directory, e.g. `findings.json`, `vigil.sarif`. */
  name: string;
  content: string;
}

/** One output format. Reporters are pure: they turn an evaluation result into file contents; the caller writes them atomically. */
export interface Reporter {
  format: ReportFormat;
  render(result: EvaluationResult): ReportFile[];
}
