import { Command, Option } from 'commander';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { manifestFiles } from '../reporters/index.js';
import {
  type CheckedSarif,
  GitHubClient,
  GitHubError,
  type UploadFlags,
  checkDistinctAcrossFiles,
  loadSarif,
  resolveUploadSettings,
  uploadSarif,
  waitForProcessing,
} from '../github/code-scanning.js';
import { ExitCode, InputError } from '../util/errors.js';
import { setExitCode } from './exit.js';
import { collectList, parsePositiveInt } from './options.js';

/** Where a command reads its environment and writes its output (tests pass their own). */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  cwd: () => string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processIo = (): CommandIo => ({
  env: process.env,
  cwd: () => process.cwd(),
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
});

interface Flags extends UploadFlags {
  sarif?: string[];
  wait?: boolean;
  timeout: number;
  pollInterval: number;
  dryRun?: boolean;
}

const DEFAULT_DIR = 'vigil-out';

/**
 * The SARIF files (`vigil.sarif` and the split files of a large audit) that the last run wrote into
 * `vigil-out/`, as its manifest lists them: never a file an earlier run left there.
 */
async function defaultSarifFiles(cwd: string): Promise<string[]> {
  if (!existsSync(join(cwd, DEFAULT_DIR)))
    throw new InputError(
      `no SARIF file given and no ${DEFAULT_DIR}/ directory`,
      undefined,
      '--sarif',
      'pass --sarif FILE (repeatable), or run `vigil audit --format sarif` first',
    );
  const found = await manifestFiles(join(cwd, DEFAULT_DIR), 'sarif');
  if (!found.length)
    throw new InputError(
      `no SARIF file given and the last run in ${DEFAULT_DIR}/ wrote none`,
      undefined,
      '--sarif',
      'pass --sarif FILE (repeatable), or run `vigil audit --format sarif` first',
    );
  return found.map((p) => relative(cwd, p));
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600)
    throw new InputError(`"${value}" is not a number of seconds between 0 and 3600`, undefined, '--poll-interval', 'pass e.g. --poll-interval 5');
  return n;
}

const kb = (n: number): string => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`);

export function uploadCommand(io: CommandIo = processIo()): Command {
  const cmd = new Command('upload')
    .description('upload SARIF to GitHub code scanning (token from GITHUB_TOKEN or GH_TOKEN)')
    .option('--sarif <file>', 'SARIF file to upload; repeatable (default vigil-out/vigil.sarif and its split files)', collectList)
    .option('--repo <owner/name>', 'repository (default $GITHUB_REPOSITORY)')
    .option('--ref <ref>', 'Git ref: refs/heads/B, refs/tags/T, refs/pull/N/merge (default $GITHUB_REF)')
    .option('--commit <sha>', 'full commit SHA the results belong to (default $GITHUB_SHA)')
    .option(
      '--checkout-uri [uri]',
      'file: URI (or absolute path) of the checkout, to relativize absolute file: URIs (default $GITHUB_WORKSPACE or the current directory)',
    )
    .option('--api-url <url>', 'GitHub REST API root (default $GITHUB_API_URL or https://api.github.com)')
    .option('--wait', 'wait until GitHub has processed the upload; exit 1 if processing failed')
    .option('--timeout <seconds>', 'limit for the whole command, retries and --wait included', parsePositiveInt('--timeout'), 300)
    .addOption(new Option('--poll-interval <seconds>', 'seconds between status checks with --wait').argParser(parseSeconds).default(5))
    .option('--dry-run', 'check the files and the target, upload nothing (no token needed)');

  cmd.action(async (flags: Flags) => {
    const started = Date.now();
    const deadline = started + flags.timeout * 1000;
    const cwd = io.cwd();
    const files = [...new Set(flags.sarif?.length ? flags.sarif : await defaultSarifFiles(cwd))];
    const checked: CheckedSarif[] = [];
    for (const f of files) {
      const c = await loadSarif(isAbsolute(f) ? f : join(cwd, f));
      c.file = f;
      for (const w of c.warnings) io.err(`vigil: ${f}: warning: ${w}`);
      checked.push(c);
    }
    checkDistinctAcrossFiles(checked);
    const s = resolveUploadSettings(flags, io.env, cwd, !flags.dryRun);
    const target = `${s.owner}/${s.repo} ${s.ref} @ ${s.commitSha.slice(0, 12)}`;
    for (const c of checked) io.out(`${c.file}: ${c.runs} run(s), ${c.results} result(s), ${kb(c.gzip.length)} gzipped: passes GitHub's SARIF checks`);
    if (flags.dryRun) {
      io.out(`dry run: would upload ${checked.length} file(s) to ${target} via ${s.apiUrl}`);
      setExitCode(cmd, ExitCode.Ok);
      return;
    }

    const client = new GitHubClient({
      apiUrl: s.apiUrl,
      token: s.token,
      deadline,
      onRetry: ({ attempt, waitMs, reason }) => io.err(`vigil: GitHub ${reason}; retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s`),
    });
    let failed = false;
    try {
      for (const c of checked) {
        const receipt = await uploadSarif(client, s, c);
        io.out(`${c.file}: uploaded to ${target}: SARIF id ${receipt.id}${receipt.url ? ` (${receipt.url})` : ''}`);
        if (!flags.wait) continue;
        let lastShown = '';
        const status = await waitForProcessing(client, s, receipt.id, {
          deadline,
          pollIntervalMs: flags.pollInterval * 1000,
          onPoll: (st) => {
            const now = st ? st.processingStatus : 'not visible yet';
            if (now !== lastShown && now !== 'complete' && now !== 'failed') io.out(`${c.file}: processing ${now}…`);
            lastShown = now;
          },
        });
        if (status.timedOut) {
          io.err(
            `vigil: ${c.file}: still processing after ${flags.timeout} s (--timeout); GitHub may finish later: GET ${client.url(`/repos/${s.owner}/${s.repo}/code-scanning/sarifs/${receipt.id}`).href}`,
          );
          failed = true;
        } else if (status.processingStatus === 'failed') {
          io.err(`vigil: ${c.file}: GitHub could not process the SARIF:`);
          for (const e of status.errors.length ? status.errors : ['(no error given)']) io.err(`  - ${e}`);
          failed = true;
        } else {
          io.out(`${c.file}: processing complete${status.analysesUrl ? ` (${status.analysesUrl})` : ''}`);
          for (const e of status.errors) io.err(`vigil: ${c.file}: GitHub noted: ${e}`);
        }
      }
    } catch (err) {
      if (!(err instanceof GitHubError)) throw new Error(client.scrub((err as Error).message));
      io.err(`vigil: ${err.message}`);
      failed = true;
    }
    setExitCode(cmd, failed ? ExitCode.Findings : ExitCode.Ok);
  });
  return cmd;
}
