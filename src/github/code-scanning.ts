import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../util/errors.js';
import { GitHubClient, GitHubError, type GitHubResponse, checkApiUrl } from './http.js';
import type { CheckedSarif } from './sarif-check.js';

export { GitHubClient, GitHubError, scrub } from './http.js';

/** A SARIF upload id as GitHub returns it (a UUID). */
const SARIF_ID = /^[A-Za-z0-9_-]{1,100}$/;
export { CODE_SCANNING_LIMITS, checkDistinctAcrossFiles, checkSarif, loadSarif, runCategory, type CheckedSarif } from './sarif-check.js';

/** Where an upload goes: repository, Git ref and commit (FACTS.md "3. Upload REST API"). */
export interface UploadTarget {
  owner: string;
  repo: string;
  /** `refs/heads/<b>`, `refs/tags/<t>`, `refs/pull/<n>/merge` or `refs/pull/<n>/head`. */
  ref: string;
  commitSha: string;
  /** `file:` URI of the checkout, used by GitHub to relativize absolute `file:` URIs. */
  checkoutUri?: string;
}

export interface UploadSettings extends UploadTarget {
  apiUrl: string;
  token: string;
}

/** The flags of `vigil upload` that have an environment default. */
export interface UploadFlags {
  repo?: string;
  ref?: string;
  commit?: string;
  apiUrl?: string;
  checkoutUri?: string | true;
}

const REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const REF = /^refs\/(heads\/\S+|tags\/\S+|pull\/\d+\/(merge|head))$/;
const SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Resolves the upload target from flags, falling back on the GitHub Actions environment (`GITHUB_REPOSITORY`,
 * `GITHUB_REF`, `GITHUB_SHA`, `GITHUB_API_URL`, `GITHUB_WORKSPACE`). The token comes only from `GITHUB_TOKEN`
 * or `GH_TOKEN`. Throws {@link InputError} naming the flag.
 */
export function resolveUploadSettings(flags: UploadFlags, env: NodeJS.ProcessEnv, cwd: string, needToken = true): UploadSettings {
  const repo = flags.repo ?? env.GITHUB_REPOSITORY;
  const ref = flags.ref ?? env.GITHUB_REF;
  const commit = flags.commit ?? env.GITHUB_SHA;
  const apiUrl = flags.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com';
  if (!repo) throw new InputError('no repository given', undefined, '--repo', 'pass --repo OWNER/NAME (GitHub Actions sets GITHUB_REPOSITORY)');
  const [, owner, name] = REPO.exec(repo) ?? [];
  if (owner === undefined || name === undefined || name === '.' || name === '..')
    throw new InputError(`${JSON.stringify(repo)} is not OWNER/NAME`, undefined, '--repo', 'pass e.g. --repo octo-org/cloud-audit');
  if (!ref) throw new InputError('no Git ref given', undefined, '--ref', 'pass --ref refs/heads/main (GitHub Actions sets GITHUB_REF)');
  if (!REF.test(ref))
    throw new InputError(
      `${JSON.stringify(ref)} is not a full Git ref`,
      undefined,
      '--ref',
      'use refs/heads/BRANCH, refs/tags/TAG, or refs/pull/N/merge | refs/pull/N/head',
    );
  if (!commit)
    throw new InputError(
      'no commit given',
      undefined,
      '--commit',
      'pass --commit with the full SHA of the commit the results belong to (GitHub Actions sets GITHUB_SHA)',
    );
  if (!SHA.test(commit))
    throw new InputError(`${JSON.stringify(commit)} is not a full commit SHA`, undefined, '--commit', 'pass all 40 hex digits, e.g. $(git rev-parse HEAD)');
  let checkoutUri: string | undefined;
  if (flags.checkoutUri !== undefined) {
    const raw = flags.checkoutUri === true ? (env.GITHUB_WORKSPACE ?? cwd) : flags.checkoutUri;
    checkoutUri = raw.startsWith('file:') ? raw : isAbsolute(raw) ? pathToFileURL(raw).href.replace(/\/?$/, '/') : '';
    if (!checkoutUri)
      throw new InputError(
        `${JSON.stringify(raw)} is neither a file: URI nor an absolute path`,
        undefined,
        '--checkout-uri',
        'pass e.g. --checkout-uri file:///home/runner/work/repo/repo/',
      );
  }
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || '';
  checkApiUrl(apiUrl, token); // also on --dry-run: no credentials in it, https (plain http to loopback only)
  if (needToken && !token) {
    throw new InputError(
      'no GitHub token in the environment',
      undefined,
      'GITHUB_TOKEN',
      'set GITHUB_TOKEN (or GH_TOKEN): in Actions `env: { GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} }` with `permissions: security-events: write`; locally `export GITHUB_TOKEN=$(gh auth token)`',
    );
  }
  return { owner, repo: name, ref, commitSha: commit, apiUrl, token, ...(checkoutUri ? { checkoutUri } : {}) };
}

const repoPath = (t: UploadTarget): string => `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}/code-scanning/sarifs`;

/** GitHub's error message, its `errors[]` and documentation link, as one line. */
function githubMessage(body: unknown): string {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown; documentation_url?: unknown };
  const parts: string[] = [];
  if (typeof b.message === 'string') parts.push(b.message);
  if (Array.isArray(b.errors)) {
    for (const e of b.errors.slice(0, 10))
      parts.push(
        typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : JSON.stringify(e),
      );
  }
  if (typeof b.documentation_url === 'string') parts.push(`(${b.documentation_url})`);
  return parts.join('; ').slice(0, 1000) || '(no message)';
}

/** A clear message for a non-2xx answer. */
export function httpError(client: GitHubClient, what: string, res: GitHubResponse, t: UploadTarget, sarif?: CheckedSarif): GitHubError {
  const said = `GitHub said: ${githubMessage(res.body)}`;
  const repo = `${t.owner}/${t.repo}`;
  let text: string;
  if (res.rateLimited) text = `${what}: rate limited by GitHub (HTTP ${res.status}) and still limited after retries; try again later. ${said}`;
  else {
    switch (res.status) {
      case 400:
        text = `${what}: GitHub rejected the SARIF as invalid (400). ${said}`;
        break;
      case 401:
        text = `${what}: the token was not accepted (401): it is invalid or expired. ${said}`;
        break;
      case 403:
        text =
          `${what}: forbidden (403): the token may not upload code scanning results to ${repo}. A classic token needs the \`security_events\` scope ` +
          `(\`public_repo\` is enough only for public repositories); GITHUB_TOKEN in Actions needs \`permissions: security-events: write\`; ` +
          `a fine-grained token needs "Code scanning alerts: read and write". Private repositories also need GitHub Code Security / Advanced Security. ${said}`;
        break;
      case 404:
        text = `${what}: not found (404): ${repo} does not exist, or the token cannot see it (check --repo, --api-url for GitHub Enterprise Server, and the token's repository access). ${said}`;
        break;
      case 413:
        text = `${what}: too large (413)${sarif ? `: ${sarif.gzip.length} bytes gzipped` : ''}; GitHub accepts at most 10 MB gzipped per file: split the runs over several files. ${said}`;
        break;
      case 422:
        text = `${what}: GitHub refused the request (422): check that --ref (${t.ref}) and --commit (${t.commitSha}) exist in ${repo} and that code scanning is enabled. ${said}`;
        break;
      default:
        text =
          res.status >= 500
            ? `${what}: GitHub failed (HTTP ${res.status}) on every attempt; try again later. ${said}`
            : `${what}: unexpected HTTP ${res.status}. ${said}`;
    }
  }
  return new GitHubError(client.scrub(text), res.status);
}

export interface UploadReceipt {
  id: string;
  url?: string;
}

/** `POST /repos/{owner}/{repo}/code-scanning/sarifs`: one checked SARIF file, gzip + base64. Resolves on 202. */
export async function uploadSarif(client: GitHubClient, t: UploadTarget, sarif: CheckedSarif): Promise<UploadReceipt> {
  const body = {
    commit_sha: t.commitSha,
    ref: t.ref,
    sarif: sarif.gzip.toString('base64'),
    ...(t.checkoutUri ? { checkout_uri: t.checkoutUri } : {}),
    ...(sarif.startedAt ? { started_at: sarif.startedAt } : {}),
    tool_name: 'Vigil',
    validate: true,
  };
  const res = await client.request('POST', repoPath(t), body);
  if (res.status < 200 || res.status >= 300) throw httpError(client, `upload of ${sarif.file}`, res, t, sarif);
  const r = res.body as { id?: unknown; url?: unknown } | undefined;
  if (typeof r?.id !== 'string' || r.id === '')
    throw new GitHubError(client.scrub(`upload of ${sarif.file}: GitHub answered ${res.status} without a SARIF id`), res.status);
  // The id is printed and put in a URL path: anything but an id's characters is not one (a token, escape codes).
  if (!SARIF_ID.test(r.id))
    throw new GitHubError(
      client.scrub(
        `upload of ${sarif.file}: GitHub answered ${res.status} with a SARIF id that is not one (${JSON.stringify(client.scrub(r.id).slice(0, 40))}…)`,
      ),
      res.status,
    );
  // An id's characters, but the run's token (whole or in part of it): refused, and not shown.
  if (client.scrub(r.id) !== r.id)
    throw new GitHubError(`upload of ${sarif.file}: GitHub answered ${res.status} with a SARIF id that carries the token (not shown)`, res.status);
  return { id: r.id, ...(typeof r.url === 'string' ? { url: client.scrub(r.url) } : {}) };
}

export type ProcessingStatus = 'pending' | 'complete' | 'failed';

export interface SarifStatus {
  processingStatus: ProcessingStatus;
  analysesUrl?: string;
  /** Processing errors GitHub reported (free of control characters and the token). */
  errors: string[];
}

/** `GET /repos/{owner}/{repo}/code-scanning/sarifs/{id}`; `undefined` on 404 (not visible yet). */
export async function sarifStatus(client: GitHubClient, t: UploadTarget, id: string): Promise<SarifStatus | undefined> {
  const res = await client.request('GET', `${repoPath(t)}/${encodeURIComponent(id)}`);
  if (res.status === 404 && !res.rateLimited) return undefined;
  if (res.status < 200 || res.status >= 300) throw httpError(client, `status of SARIF ${id}`, res, t);
  const b = (res.body ?? {}) as { processing_status?: unknown; analyses_url?: unknown; errors?: unknown };
  const s = b.processing_status;
  const errors = Array.isArray(b.errors) ? b.errors.map((e) => client.scrub(typeof e === 'string' ? e : JSON.stringify(e))) : [];
  return {
    processingStatus: s === 'complete' || s === 'failed' ? s : 'pending',
    ...(typeof b.analyses_url === 'string' ? { analysesUrl: client.scrub(b.analyses_url) } : {}),
    errors,
  };
}

export interface WaitOptions {
  /** Wall-clock limit (ms since epoch). */
  deadline: number;
  /** Default 5 s (as GitHub's own upload action). */
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onPoll?: (status: SarifStatus | undefined) => void;
}

/** Polls until processing is `complete` or `failed`; returns `timedOut` when the deadline comes first. */
export async function waitForProcessing(client: GitHubClient, t: UploadTarget, id: string, o: WaitOptions): Promise<SarifStatus & { timedOut: boolean }> {
  const interval = o.pollIntervalMs ?? 5_000;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last: SarifStatus | undefined;
  for (;;) {
    last = await sarifStatus(client, t, id);
    o.onPoll?.(last);
    if (last && last.processingStatus !== 'pending') return { ...last, timedOut: false };
    const left = o.deadline - Date.now();
    if (left <= 0) return { processingStatus: 'pending', errors: [], ...last, timedOut: true };
    await sleep(Math.min(interval, left));
  }
}
