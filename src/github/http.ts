import { stripControls } from '../util/text.js';
import { InputError } from '../util/errors.js';
import { runSecrets } from '../model/redaction.js';
import { TOOL_VERSION } from '../version.js';

/** A failure talking to GitHub: the CLI prints `message` (already free of the token) and exits 1. */
export class GitHubError extends Error {
  constructor(
    message: string,
    /** HTTP status, when GitHub answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

export interface GitHubClientOptions {
  /** API root, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`. */
  apiUrl: string;
  token: string;
  /** Per-request timeout. Default 60 s. */
  requestTimeoutMs?: number;
  /** Attempts per request, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff delay on 5xx / network errors (doubles each attempt, with jitter). Default 1 s. */
  baseDelayMs?: number;
  /** Longest single wait (a rate limit's reset can be an hour away). Default 120 s. */
  maxDelayMs?: number;
  /** Wall-clock limit (ms since epoch) no retry may wait past. */
  deadline?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told about each retry (for a log line). */
  onRetry?: (info: { attempt: number; waitMs: number; reason: string }) => void;
}

export interface GitHubResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when empty / not JSON. */
  body: unknown;
  /** A rate limit that outlasted the retries (a 403 then is not a permission problem). */
  rateLimited: boolean;
}

const TOKEN_PATTERNS = [/\b(gh[pousr]_)[A-Za-z0-9]{20,}/g, /\b(github_pat_)[A-Za-z0-9_]{20,}/g, /(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi];

/** Removes the token (and anything shaped like a GitHub token) and terminal control characters from text we print. */
export function scrub(text: string, token?: string): string {
  let out = text;
  if (token && token.length >= 4) out = out.split(token).join('***');
  for (const re of TOKEN_PATTERNS) out = out.replace(re, '$1***');
  return stripControls(out);
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Only loopback may be spoken to over plain HTTP: the token must never cross a network in clear text. */
export function checkApiUrl(apiUrl: string, token?: string): URL {
  const fix = 'pass the REST API root, e.g. https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server';
  const shown = JSON.stringify(scrub(apiUrl, token).replace(/\/\/[^/@]*@/, '//***@'));
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new InputError(`${shown} is not a URL`, undefined, '--api-url', fix);
  }
  if (url.username || url.password || url.search || url.hash)
    throw new InputError(`${shown} must not carry credentials, a query or a fragment`, undefined, '--api-url', fix);
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(
      `${shown} must use https:// (plain http only to 127.0.0.1, [::1] or localhost): the token would cross the network in clear text`,
      undefined,
      '--api-url',
      fix,
    );
  }
  return url;
}

/** Seconds to wait before retrying a rate-limited response, from `retry-after` or `x-ratelimit-reset`. */
function rateLimitWaitMs(res: Response, now: number): number | undefined {
  const after = res.headers.get('retry-after');
  if (after !== null) {
    const s = Number(after);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  if (res.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now) + 1000;
  }
  return undefined;
}

/**
 * Primary and secondary rate limits: 429, or 403 with `retry-after` / `x-ratelimit-remaining: 0` / a message
 * naming the rate limit (GitHub docs, "Rate limits for the REST API"). A 403 without those is a permission error.
 */
function isRateLimited(res: Response, body: unknown): boolean {
  if (res.status === 429) return true;
  if (res.status !== 403) return false;
  const msg = typeof (body as { message?: unknown })?.message === 'string' ? (body as { message: string }).message : '';
  return res.headers.has('retry-after') || res.headers.get('x-ratelimit-remaining') === '0' || /rate limit/i.test(msg);
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}

/** The error code of a failed `fetch` (`ECONNREFUSED`, `TimeoutError`, …). */
function networkCode(err: unknown): string {
  const e = err as { name?: string; code?: unknown; cause?: { code?: unknown; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  for (const c of [e?.cause?.code, e?.code]) if (typeof c === 'string') return c;
  return e?.cause?.name ?? e?.name ?? 'error';
}

/**
 * A minimal GitHub REST client over Node's fetch: bearer token, API version header, per-request timeout,
 * retries with backoff on 5xx, network errors and rate limits, and redirects followed only on the same
 * origin (the token is never sent to another host).
 */
export class GitHubClient {
  private readonly base: URL;
  private readonly o: Required<Omit<GitHubClientOptions, 'deadline' | 'onRetry'>> & Pick<GitHubClientOptions, 'deadline' | 'onRetry'>;

  constructor(options: GitHubClientOptions) {
    this.base = checkApiUrl(options.apiUrl, options.token);
    // The token is a credential of the run: whatever layer prints or stores text removes it.
    runSecrets.register(options.token);
    this.o = { requestTimeoutMs: 60_000, maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 120_000, sleep: defaultSleep, ...options };
  }

  /** Absolute URL of an API path such as `/repos/o/r/code-scanning/sarifs`. */
  url(path: string): URL {
    const base = this.base.href.endsWith('/') ? this.base.href : this.base.href + '/';
    return new URL(path.replace(/^\//, ''), base);
  }

  scrub(text: string): string {
    return scrub(text, this.o.token);
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GitHubResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let lastReason = '';
    for (let attempt = 1; ; attempt++) {
      let waitMs: number | undefined;
      try {
        const res = await this.send(method, this.url(path), payload);
        const parsed = await readBody(res);
        const limited = isRateLimited(res, parsed);
        if (!limited && res.status < 500) return { status: res.status, headers: res.headers, body: parsed, rateLimited: false };
        lastReason = limited ? `rate limited (HTTP ${res.status})` : `HTTP ${res.status}`;
        if (limited) waitMs = rateLimitWaitMs(res, Date.now()) ?? 60_000; // GitHub: wait at least a minute without a header
        if (attempt >= this.o.maxAttempts) return { status: res.status, headers: res.headers, body: parsed, rateLimited: limited };
      } catch (err) {
        if (err instanceof GitHubError) throw err;
        lastReason = `network error (${networkCode(err)})`;
        if (attempt >= this.o.maxAttempts) throw new GitHubError(this.scrub(`${method} ${this.url(path).pathname}: ${lastReason} after ${attempt} attempts`));
      }
      waitMs ??= Math.min(this.o.baseDelayMs * 2 ** (attempt - 1), 30_000) * (0.75 + Math.random() * 0.5);
      if (waitMs > this.o.maxDelayMs || (this.o.deadline !== undefined && Date.now() + waitMs > this.o.deadline)) {
        throw new GitHubError(
          this.scrub(`${method} ${this.url(path).pathname}: ${lastReason}; the next retry would wait ${Math.ceil(waitMs / 1000)} s, past the time limit`),
        );
      }
      this.o.onRetry?.({ attempt, waitMs, reason: lastReason });
      await this.o.sleep(waitMs);
    }
  }

  private async send(method: string, url: URL, payload: string | undefined): Promise<Response> {
    for (let hops = 0; ; hops++) {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        // Never outlive the command's deadline by more than a second.
        signal: AbortSignal.timeout(
          this.o.deadline === undefined ? this.o.requestTimeoutMs : Math.min(this.o.requestTimeoutMs, Math.max(1_000, this.o.deadline - Date.now())),
        ),
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${this.o.token}`,
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': `vigil/${TOOL_VERSION}`,
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: payload,
      });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return res;
      await res.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== this.base.origin)
        throw new GitHubError(this.scrub(`GitHub redirected ${url.pathname} to another host (${next.origin}); not following it with the token`), res.status);
      if (hops >= 3) throw new GitHubError(`too many redirects from ${url.pathname}`, res.status);
      // 301/302/303 turn a POST into a GET in browsers; GitHub uses 307/308 for non-GET moves.
      if (method !== 'GET' && res.status !== 307 && res.status !== 308)
        throw new GitHubError(`GitHub answered ${method} ${url.pathname} with a ${res.status} redirect to ${next.pathname}`, res.status);
      url = next;
    }
  }
}
