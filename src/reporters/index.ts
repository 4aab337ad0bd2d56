import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluationResult } from '../engine/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import type { ReportFile, ReportFormat, Reporter } from './types.js';

export type { ReportFile, ReportFormat, Reporter } from './types.js';

export const reporters: Record<ReportFormat, Reporter> = {
  json: jsonReporter,
  sarif: sarifReporter,
  html: htmlReporter,
};

/** `vigil-2.sarif`, `vigil-3.sarif`, …: the extra SARIF files a large run splits into. */
const SPLIT_SARIF = /^vigil-\d+\.sarif$/;

/**
 * Renders every requested format first (a reporter that throws leaves the output directory untouched), then
 * writes each file atomically (readers see the old or the new report, never half of one). Returns the paths
 * written. SARIF split files left over from an earlier, larger run are removed, so a directory upload never
 * mixes runs from two audits.
 */
export async function writeReports(result: EvaluationResult, outDir: string, formats: ReportFormat[], registry: Record<ReportFormat, Reporter> = reporters): Promise<string[]> {
  const files: ReportFile[] = [];
  for (const format of [...new Set(formats)]) {
    const reporter = registry[format];
    if (!reporter) throw new Error(`no reporter for format "${format}"`);
    files.push(...reporter.render(result));
  }
  const written: string[] = [];
  for (const file of files) {
    const path = join(outDir, file.name);
    await writeFileAtomic(path, file.content);
    written.push(path);
  }
  if (formats.includes('sarif')) {
    const names = new Set(files.map((f) => f.name));
    for (const name of await readdir(outDir)) if (SPLIT_SARIF.test(name) && !names.has(name)) await rm(join(outDir, name), { force: true });
  }
  return written;
}
