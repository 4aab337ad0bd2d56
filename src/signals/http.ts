/**
 * Delivery of signals over HTTP (webhooks, the Pushgateway): bounded per attempt and in total, retried
 * with exponential backoff and jitter on network errors, 408, 429 and 5xx, never on other answers (a 4xx
 * will not change by asking again). Nothing here throws: the caller turns a failed delivery into a warning
 * and a metric, never into a failed audit.
 */
import { stripControls } from '../util/text.js';

export interface DeliveryOptions {
  /** Bound on one attempt (connect, send, answer). Default 10 s. */
  attemptTimeoutMs?: number;
  /** Bound on all attempts and waits together. Default 30 s. */
  totalTimeoutMs?: number;
  /** Attempts, the first included. Default 4. */
  maxAttempts?: number;
  /** First backoff (doubles each retry, ±25 % jitter). Default 500 ms. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** Last HTTP status, when the server answered. */
  status?: number;
  /** Why it failed, free of the URL's secrets and of control characters. */
  error?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The URL with everything that may be a secret left out: user info, path, query and fragment (a Slack
 * webhook's path is its credential; so are tokens in a query). Only scheme, host and port remain.
 */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const hidden = u.username || u.password || (u.pathname && u.pathname !== '/') || u.search || u.hash;
    return `${u.protocol}//${u.host}${hidden ? '/…' : ''}`;
  } catch {
    return '(an invalid URL)';
  }
}

const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Seconds or an HTTP date; capped by the caller's remaining budget. */
function retryAfterMs(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(h);
  return Number.isFinite(t) ? Math.max(0, t - Date.now()) : undefined;
}

/** Node's fetch reports network failures as `TypeError: fetch failed` with the real cause beneath. */
function describeError(err: unknown, url: string): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  // Undici's messages can quote the URL; never print it.
  return stripControls(String(cause).split(url).join(redactUrl(url))).slice(0, 200);
}

/** fetch refuses URLs with user info: it becomes a Basic authorization header (the way curl treats it). */
function splitCredentials(raw: string): { url: string; auth?: string } {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw };
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  u.username = '';
  u.password = '';
  return { url: u.href, auth };
}

/** Sends one request with retries; resolves (never rejects) with the outcome. */
export async function deliver(
  url: string,
  init: { method: 'POST' | 'PUT'; headers: Record<string, string>; body: string },
  o: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const attemptTimeout = o.attemptTimeoutMs ?? 10_000;
  const deadline = Date.now() + (o.totalTimeoutMs ?? 30_000);
  const maxAttempts = o.maxAttempts ?? 4;
  const base = o.baseDelayMs ?? 500;
  const sleep = o.sleep ?? defaultSleep;
  let last: DeliveryResult = { ok: false, attempts: 0, error: 'not sent' };
  let target: { url: string; auth?: string };
  try {
    target = splitCredentials(url);
  } catch {
    return { ok: false, attempts: 0, error: 'not a valid URL' };
  }
  const headers = target.auth ? { ...init.headers, authorization: target.auth } : init.headers;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    let wait: number | undefined;
    try {
      const res = await fetch(target.url, { ...init, headers, redirect: 'error', signal: AbortSignal.timeout(Math.min(attemptTimeout, remaining)) });
      // The body is read (and dropped) so the connection is released; its text is never printed (it may echo the URL).
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt, status: res.status };
      last = { ok: false, attempts: attempt, status: res.status, error: `HTTP ${res.status}` };
      if (!retryable(res.status)) return last;
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (err) {
      last = { ok: false, attempts: attempt, error: describeError(err, target.url) };
    }
    if (attempt === maxAttempts) break;
    const backoff = base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
    const delay = Math.min(Math.max(wait ?? 0, backoff), deadline - Date.now());
    if (delay <= 0) break;
    await sleep(delay);
  }
  if (Date.now() >= deadline && last.error && !last.error.includes('time')) last = { ...last, error: `${last.error}; gave up at the time limit` };
  return last;
}
