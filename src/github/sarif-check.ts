import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { jsonErrorPlace } from '../model/schema.js';
import { InputError } from '../util/errors.js';

/**
 * GitHub code scanning's ingestion limits (FACTS.md "SARIF and GitHub code scanning", sections 0, 1 and
 * "runAutomationDetails"). Over any of them GitHub rejects the whole file, so we refuse before uploading.
 */
export const CODE_SCANNING_LIMITS = {
  maxRunsPerFile: 20,
  maxResultsPerRun: 25_000,
  /** GitHub says "10 MB" gzipped; we reject only past 10 MiB and warn past 10,000,000 bytes. */
  maxGzipBytes: 10 * 1024 * 1024,
  warnGzipBytes: 10_000_000,
};

export type CodeScanningLimits = typeof CODE_SCANNING_LIMITS;

/** A SARIF file that passed the checks, ready to upload. */
export interface CheckedSarif {
  file: string;
  /** The file's bytes, gzip-compressed (the API wants base64 of this). */
  gzip: Buffer;
  runs: number;
  results: number;
  /** `tool/category` of each run, as GitHub keys its analyses. */
  analysisKeys: string[];
  /** Earliest `invocations[].startTimeUtc` of the runs, when present: sent as `started_at`. */
  startedAt?: string;
  /** Non-fatal remarks (e.g. close to the size limit). */
  warnings: string[];
}

// A URI scheme per RFC 3986: `arn:`, `https:`, `file:`, and also a Windows drive `C:`.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * GitHub's category of a run: `automationDetails.id` up to its last `/` (`vigil/aws-1/` → `vigil/aws-1`); an id
 * without `/` names a run, not a category, so it has none.
 */
export function runCategory(run: Record<string, unknown>): string {
  const id = isObject(run.automationDetails) ? run.automationDetails.id : undefined;
  if (typeof id !== 'string') return '';
  const slash = id.lastIndexOf('/');
  return slash < 0 ? '' : id.slice(0, slash);
}

function fail(file: string, place: string, message: string, fix: string): never {
  throw new InputError(message, file, place, fix);
}

/** Why a result's location would make GitHub reject the file, or undefined when it is fine. */
function locationProblem(result: Record<string, unknown>): { place: string; message: string } | undefined {
  const locs = result.locations;
  if (!Array.isArray(locs) || locs.length === 0) return { place: '.locations', message: 'result has no location (GitHub: "expected at least one location")' };
  const loc = locs[0];
  const phys = isObject(loc) ? loc.physicalLocation : undefined;
  if (!isObject(phys))
    return { place: '.locations[0].physicalLocation', message: 'first location has no physicalLocation (GitHub: "expected a physical location")' };
  const art = phys.artifactLocation;
  const uri = isObject(art) ? art.uri : undefined;
  const at = '.locations[0].physicalLocation.artifactLocation.uri';
  if (typeof uri !== 'string' || uri.trim() === '') return { place: at, message: 'artifact URI is missing or empty (GitHub: "expected artifact location")' };
  const scheme = SCHEME.exec(uri);
  if (scheme)
    return {
      place: at,
      message: `artifact URI ${JSON.stringify(uri.slice(0, 80))} has the scheme "${scheme[0].slice(0, -1)}"; GitHub rejects URIs with a scheme ("did not match the checkout URI scheme")`,
    };
  if (uri.startsWith('/') || uri.startsWith('\\'))
    return { place: at, message: `artifact URI ${JSON.stringify(uri.slice(0, 80))} is absolute; GitHub needs a repository-relative path` };
  return undefined;
}

/**
 * Checks a SARIF document against GitHub's ingestion rules and returns it ready to upload.
 * Throws {@link InputError} naming the file, the JSON path and the fix.
 */
export function checkSarif(text: string, file: string, limits: CodeScanningLimits = CODE_SCANNING_LIMITS): CheckedSarif {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    fail(
      file,
      jsonErrorPlace(text, err as Error) ?? '',
      `not valid JSON (${(err as Error).message})`,
      'pass a SARIF file written by `vigil audit --format sarif` (vigil-out/vigil.sarif)',
    );
  }
  const regen = 'write the file again with `vigil audit` / `vigil evaluate --format sarif`';
  if (!isObject(doc)) fail(file, '$', 'a SARIF log must be a JSON object', regen);
  if (doc.version !== '2.1.0')
    fail(file, '$.version', `must be "2.1.0" (found ${JSON.stringify(doc.version)?.slice(0, 40)})`, 'GitHub accepts SARIF 2.1.0 only');
  if (!Array.isArray(doc.runs)) fail(file, '$.runs', 'missing or not an array', regen);
  if (doc.runs.length > limits.maxRunsPerFile) {
    fail(
      file,
      '$.runs',
      `${doc.runs.length} runs; GitHub accepts at most ${limits.maxRunsPerFile} per file`,
      'split the runs over several files and upload each (vigil splits automatically: vigil.sarif, vigil-2.sarif, …)',
    );
  }

  const runs: unknown[] = doc.runs;
  const keys = new Map<string, number>();
  let results = 0;
  let startedAt: string | undefined;
  runs.forEach((run, i) => {
    const at = `$.runs[${i}]`;
    if (!isObject(run)) fail(file, at, 'a run must be an object', regen);
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver) || typeof driver.name !== 'string' || driver.name === '')
      fail(file, `${at}.tool.driver.name`, 'missing: every run needs its tool name', regen);
    if (!Array.isArray(run.results)) fail(file, `${at}.results`, 'missing or not an array (it may be empty, but must be present)', regen);
    if (run.results.length > limits.maxResultsPerRun) {
      fail(
        file,
        `${at}.results`,
        `${run.results.length} results; GitHub accepts at most ${limits.maxResultsPerRun} per run`,
        'split the run (e.g. by account or region) or raise the severity threshold',
      );
    }
    run.results.forEach((r: unknown, j: number) => {
      if (!isObject(r)) fail(file, `${at}.results[${j}]`, 'a result must be an object', regen);
      const p = locationProblem(r);
      if (p)
        fail(
          file,
          `${at}.results[${j}]${p.place}`,
          p.message,
          "give every result a repository-relative path without a scheme, e.g. cloud/aws/123456789012/us-east-1/s3/bucket/my-bucket (vigil's SARIF reporter does this); put ARNs in logicalLocations or properties",
        );
    });
    results += run.results.length;

    const key = `${driver.name}/${runCategory(run)}`;
    const prev = keys.get(key);
    if (prev !== undefined) {
      const id = (r: unknown): string => JSON.stringify((isObject(r) && isObject(r.automationDetails) ? r.automationDetails.id : undefined) ?? null);
      fail(
        file,
        `${at}.automationDetails.id`,
        `runs ${prev} and ${i} share tool "${driver.name}" and category "${runCategory(run) || '(none)'}" (automationDetails.id ${id(runs[prev])} and ${id(run)}); GitHub rejects a file whose runs share a tool and category`,
        'give each run a distinct automationDetails.id ending in "/", e.g. "vigil/aws-123456789012/"',
      );
    }
    keys.set(key, i);

    const invocations = Array.isArray(run.invocations) ? run.invocations : [];
    for (const inv of invocations) {
      const t = isObject(inv) ? inv.startTimeUtc : undefined;
      if (typeof t === 'string' && ISO_TIME.test(t) && !Number.isNaN(Date.parse(t)) && (!startedAt || Date.parse(t) < Date.parse(startedAt))) startedAt = t;
    }
  });

  const gzip = gzipSync(Buffer.from(text, 'utf8'));
  const warnings: string[] = [];
  if (gzip.length > limits.maxGzipBytes) {
    fail(
      file,
      '(whole file)',
      `${gzip.length} bytes gzipped; GitHub accepts at most 10 MB gzipped (HTTP 413)`,
      'split the runs over several files, or report fewer results (e.g. a higher severity threshold)',
    );
  }
  if (gzip.length > limits.warnGzipBytes) warnings.push(`${gzip.length} bytes gzipped is close to GitHub's 10 MB limit`);
  return { file, gzip, runs: runs.length, results, analysisKeys: [...keys.keys()], ...(startedAt ? { startedAt } : {}), warnings };
}

/** Reads and checks one SARIF file; see {@link checkSarif}. */
export async function loadSarif(file: string, limits: CodeScanningLimits = CODE_SCANNING_LIMITS): Promise<CheckedSarif> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read SARIF file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      file,
      undefined,
      'check the path; `vigil audit` writes vigil-out/vigil.sarif',
    );
  }
  // A UTF-8 byte-order mark is legal in files but not in JSON.parse.
  return checkSarif(text.replace(/^\uFEFF/, ''), file, limits);
}

/**
 * Several files uploaded for one commit: GitHub keeps one analysis per tool and category, so a later file with
 * the same pair would silently replace the results of an earlier one.
 */
export function checkDistinctAcrossFiles(files: CheckedSarif[]): void {
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const key of f.analysisKeys) {
      const other = seen.get(key);
      if (other !== undefined && other !== f.file) {
        const [tool, ...cat] = key.split('/');
        throw new InputError(
          `a run with tool "${tool}" and category "${cat.join('/') || '(none)'}" is also in ${other}; the second upload would replace the first one's results`,
          f.file,
          '$.runs[*].automationDetails.id',
          'upload each file once, or give the runs distinct automationDetails.id categories',
        );
      }
      seen.set(key, f.file);
    }
  }
}
