import { createHash } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReportInput } from './types.js';
import { type StagedFile, checkWritable, commitStaged, discardStaged, makeDir, removeStaleTemps, stageFile, writeFileAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { runSecrets } from '../model/redaction.js';
import { asffReporter } from './asff.js';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { ocsfReporter } from './ocsf.js';
import { sarifReporter } from './sarif.js';
import type { ReportFormat, Reporter } from './types.js';

export type { ReportFile, ReportFormat, ReportInput, Reporter } from './types.js';
export type { DeltaFinding, HistoryContext, RunDelta, TrendPoint } from '../engine/history-types.js';
export { REPORT_FORMATS } from './types.js';

export const reporters: Record<ReportFormat, Reporter> = {
  json: jsonReporter,
  sarif: sarifReporter,
  html: htmlReporter,
  csv: csvReporter,
  ocsf: ocsfReporter,
  asff: asffReporter,
};

/** Names only Vigil's reporters write (`vigil-2.sarif`, … are the split files of a large run): when this run did not write one, it is an earlier run's. */
const REPORT_NAME = /^(vigil(-\d+)?\.sarif|report\.html|findings\.json|compliance\.json)$/;

/** `vigil-manifest.json`: the files one run wrote into the directory, with their hashes. */
export const MANIFEST_NAME = 'vigil-manifest.json';

export interface ReportManifest {
  tool: { name: string; version: string };
  evaluatedAt: string;
  files: Array<{ name: string; format: ReportFormat; bytes: number; sha256: string }>;
}

const sha256 = (content: string): string => createHash('sha256').update(content).digest('hex');

/**
 * Writes one run's report set so that the directory holds that run as a whole or the earlier one:
 * - each format is rendered and written and synced under a temporary name in turn, its text released before
 *   the next is rendered (a reporter that throws, or a full disk, fails here, before anything is replaced), then the earlier manifest is removed, the files renamed into place, and the new
 *   `vigil-manifest.json` (names, sizes, SHA-256) renamed in last: a run killed in between leaves no
 *   manifest, or one whose hashes do not match, which readers (`vigil upload`) refuse;
 * - report files of an earlier run that this run did not write (other formats, SARIF split files of a
 *   larger run, a compliance.json without frameworks) are removed, and so are temporary files that
 *   killed runs left behind.
 * Returns the paths of the reports written (not the manifest).
 */
export async function writeReports(
  result: ReportInput,
  outDir: string,
  formats: ReportFormat[],
  registry: Record<ReportFormat, Reporter> = reporters,
): Promise<string[]> {
  await ensureOutputDir(outDir, '--out');
  await removeStaleTemps(outDir);
  const earlier = await readManifest(outDir).catch(() => undefined);
  // One format at a time: rendered, redacted, hashed and staged to disk, then its strings are released before
  // the next format is rendered, so peak memory is one report's text, not every format's at once.
  const entries: ReportManifest['files'] = [];
  const staged: StagedFile[] = [];
  try {
    for (const format of [...new Set(formats)]) {
      const reporter = registry[format];
      if (!reporter) throw new Error(`no reporter for format "${format}"`);
      for (const f of reporter.render(result)) {
        // The boundary where reports are stored: no credential value of this run survives it (src/model/redaction.ts).
        const content = runSecrets.redact(f.content);
        entries.push({ name: f.name, format, bytes: Buffer.byteLength(content), sha256: sha256(content) });
        staged.push(await guardWrite(join(outDir, f.name), '--out', () => stageFile(join(outDir, f.name), content)));
      }
    }
    const manifest: ReportManifest = { tool: result.tool, evaluatedAt: result.evaluatedAt, files: entries };
    staged.push(await guardWrite(join(outDir, MANIFEST_NAME), '--out', () => stageFile(join(outDir, MANIFEST_NAME), JSON.stringify(manifest, null, 1) + '\n')));
    await rm(join(outDir, MANIFEST_NAME), { force: true });
    await guardWrite(outDir, '--out', () => commitStaged(staged));
  } finally {
    await discardStaged(staged);
  }
  const all = [...entries, { name: MANIFEST_NAME }];
  const names = new Set(all.map((f) => f.name));
  const stale = (name: string): boolean => !names.has(name) && (REPORT_NAME.test(name) || !!earlier?.files.some((f) => f.name === name));
  for (const name of await readdir(outDir)) if (stale(name)) await rm(join(outDir, name), { force: true });
  return entries.map((f) => join(outDir, f.name));
}

/** Reads a directory's `vigil-manifest.json` (throws when absent or malformed). */
export async function readManifest(dir: string): Promise<ReportManifest> {
  const m = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8')) as ReportManifest;
  if (
    !Array.isArray(m?.files) ||
    m.files.some((f) => typeof f?.name !== 'string' || typeof f.sha256 !== 'string' || f.name.includes('/') || f.name.includes('\\'))
  ) {
    throw new InputError(
      'malformed report manifest',
      join(dir, MANIFEST_NAME),
      undefined,
      're-run `vigil audit` or `vigil evaluate` to write the directory again',
    );
  }
  return m;
}

/**
 * The files of `format` that the manifest in `dir` lists, each checked against its recorded SHA-256:
 * a missing manifest or a mismatch means the directory does not hold one complete run (an interrupted
 * write, or files from two runs), which is an input error.
 */
export async function manifestFiles(dir: string, format: ReportFormat): Promise<string[]> {
  const fix = 're-run `vigil audit` / `vigil evaluate` into that directory, or name the files explicitly';
  const m = await readManifest(dir).catch((err: unknown) => {
    if (err instanceof InputError) throw err;
    throw new InputError(`no ${MANIFEST_NAME}: the directory does not hold a complete report set`, dir, undefined, fix);
  });
  const out: string[] = [];
  for (const f of m.files.filter((x) => x.format === format)) {
    const path = join(dir, f.name);
    const content = await readFile(path, 'utf8').catch(() => undefined);
    if (content === undefined || sha256(content) !== f.sha256) {
      throw new InputError(
        `${f.name} is not the file this run's manifest lists (${content === undefined ? 'missing' : 'changed'}): the report set is incomplete or mixed`,
        path,
        undefined,
        fix,
      );
    }
    out.push(path);
  }
  return out;
}

/** Creates the output directory up front (before a long collection), as an input error when it cannot be. */
export async function ensureOutputDir(dir: string, flag: string): Promise<void> {
  try {
    await makeDir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new InputError(`cannot create the output directory (${code})`, dir, undefined, `choose a writable location with ${flag}`);
  }
}

/** A file-system refusal (missing permission, a file where a directory should be, a full disk) as an input error naming the path and the flag. */
async function guardWrite<T>(path: string, flag: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new InputError(
      `cannot write the file (${code}: ${(err as Error).message.replace(/^\w+: /, '')})`,
      path,
      undefined,
      `choose a writable location with ${flag}`,
    );
  }
}

/** Checks before a long collection that `path` can be written later (an input error naming it and the flag otherwise). */
export async function checkOutputFile(path: string, flag: string): Promise<void> {
  await guardWrite(path, flag, () => checkWritable(path));
}

/**
 * Writes one output file atomically; a file-system refusal (missing permission, a file where a directory
 * should be, a full disk) becomes an input error naming the path and the flag to change, not a stack trace.
 */
export async function writeOutput(path: string, content: string, flag: string): Promise<void> {
  await guardWrite(path, flag, async () => {
    await removeStaleTemps(dirname(path));
    await writeFileAtomic(path, runSecrets.redact(content));
  });
}
