import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportInput } from './types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { asffReporter } from './asff.js';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { ocsfReporter } from './ocsf.js';
import { sarifReporter } from './sarif.js';
import type { ReportFile, ReportFormat, Reporter } from './types.js';

export type { HistoryRun, ReportFile, ReportFormat, ReportHistory, ReportInput, Reporter } from './types.js';
export { REPORT_FORMATS } from './types.js';

export const reporters: Record<ReportFormat, Reporter> = {
  json: jsonReporter,
  sarif: sarifReporter,
  html: htmlReporter,
  csv: csvReporter,
  ocsf: ocsfReporter,
  asff: asffReporter,
};

/** `vigil-2.sarif`, `vigil-3.sarif`, …: the extra SARIF files a large run splits into. */
const SPLIT_SARIF = /^vigil-\d+\.sarif$/;

/**
 * Renders every requested format first (a reporter that throws leaves the output directory untouched), then
 * writes each file atomically (readers see the old or the new report, never half of one). Returns the paths
 * written. SARIF split files left over from an earlier, larger run are removed, so a directory upload never
 * mixes runs from two audits.
 */
export async function writeReports(result: ReportInput, outDir: string, formats: ReportFormat[], registry: Record<ReportFormat, Reporter> = reporters): Promise<string[]> {
  const files: ReportFile[] = [];
  for (const format of [...new Set(formats)]) {
    const reporter = registry[format];
    if (!reporter) throw new Error(`no reporter for format "${format}"`);
    files.push(...reporter.render(result));
  }
  const written: string[] = [];
  for (const file of files) {
    const path = join(outDir, file.name);
    await writeOutput(path, file.content, '--out');
    written.push(path);
  }
  // Files an earlier run wrote that this run's formats own but did not produce: SARIF split files of a larger
  // run (a directory upload would mix two audits), and compliance.json when no framework was evaluated this
  // time (it would sit next to a findings.json it does not describe).
  const names = new Set(files.map((f) => f.name));
  const stale = (name: string): boolean =>
    !names.has(name) && ((formats.includes('sarif') && SPLIT_SARIF.test(name)) || (formats.includes('json') && name === 'compliance.json'));
  for (const name of await readdir(outDir)) if (stale(name)) await rm(join(outDir, name), { force: true });
  return written;
}

/** Creates the output directory up front (before a long collection), as an input error when it cannot be. */
export async function ensureOutputDir(dir: string, flag: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new InputError(`cannot create the output directory (${code})`, dir, undefined, `choose a writable location with ${flag}`);
  }
}

/**
 * Writes one output file atomically; a file-system refusal (missing permission, a file where a directory
 * should be, a full disk) becomes an input error naming the path and the flag to change, not a stack trace.
 */
export async function writeOutput(path: string, content: string, flag: string): Promise<void> {
  try {
    await writeFileAtomic(path, content);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new InputError(`cannot write the file (${code}: ${(err as Error).message.replace(/^\w+: /, '')})`, path, undefined, `choose a writable location with ${flag}`);
  }
}
