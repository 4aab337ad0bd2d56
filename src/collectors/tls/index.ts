import pLimit from 'p-limit';
import type { CoverageEntry, Resource } from '../../model/types.js';
import { TLS_ENDPOINT_TYPE } from '../../model/tls.js';
import { InputError } from '../../util/errors.js';
import { redact } from '../errors.js';
import type { CollectorOutput, ProgressListener } from '../types.js';
import { scanEndpoint } from './endpoint.js';
import { parseTargetArgs, type TlsTarget } from './targets.js';
import { loadTrustStore } from './trust.js';

export { loadTargetsFile, parseTarget, parseTargetArgs, parseTargetList, type TlsTarget } from './targets.js';

/** Live TLS endpoint scanning. Contacts only the given targets. */
export interface TlsCollectOptions {
  /** `host:port`, `[::1]:443`, optional `@sni` suffix and `https://` / `tls://` prefix (comma-separated lists allowed), or parsed targets. */
  targets: Array<string | TlsTarget>;
  onProgress?: ProgressListener;
  /** TCP connect deadline per handshake (default 5000 ms). */
  connectTimeoutMs?: number;
  /** TLS handshake deadline once connected (default 5000 ms). */
  handshakeTimeoutMs?: number;
  /** Deadline for the HSTS GET response head (default: handshakeTimeoutMs). */
  httpTimeoutMs?: number;
  /** Endpoints scanned at once (default 16). */
  concurrency?: number;
  /** Handshakes in flight per endpoint (default 8). */
  probeConcurrency?: number;
  /** PEM bundle of extra trust anchors, added to Node's root store. */
  caFile?: string;
  /**
   * Fetch `Strict-Transport-Security` with one GET. Default: for port 443 and `https://` targets.
   * `true`/`false` applies to every target without a scheme; a scheme always wins.
   */
  checkHsts?: boolean;
  /**
   * `each` (default): one handshake per candidate suite. `eliminate`: offer every remaining candidate,
   * record the one the server picks, drop it, repeat (n+1 handshakes; for large fleets).
   */
  suiteStrategy?: 'each' | 'eliminate';
  /** Host name → address; default: the system resolver (`dns.lookup`). Tests pass their own to stay off DNS. */
  resolve?: (host: string) => Promise<string>;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new InputError(`${name} must be a positive number (got ${value})`, undefined, `tls.${name}`, `set tls.${name} to e.g. ${fallback}`);
  return value;
}

export async function collectTls(options: TlsCollectOptions): Promise<CollectorOutput> {
  const connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs, 5000);
  const handshakeTimeoutMs = positive('handshakeTimeoutMs', options.handshakeTimeoutMs, 5000);
  const httpTimeoutMs = positive('httpTimeoutMs', options.httpTimeoutMs, handshakeTimeoutMs);
  const concurrency = Math.floor(positive('concurrency', options.concurrency, 16));
  const probeConcurrency = Math.floor(positive('probeConcurrency', options.probeConcurrency, 8));
  const suiteStrategy = options.suiteStrategy ?? 'each';
  if (suiteStrategy !== 'each' && suiteStrategy !== 'eliminate')
    throw new InputError(`unknown suiteStrategy "${suiteStrategy}"`, undefined, 'tls.suiteStrategy', 'use "each" or "eliminate"');

  const byId = new Map<string, TlsTarget>();
  for (const t of options.targets) for (const parsed of typeof t === 'string' ? parseTargetArgs([t]) : [t]) byId.set(parsed.id, parsed);
  const targets = [...byId.values()];
  const trust = await loadTrustStore(options.caFile);

  const resources: Resource[] = [];
  const coverage: CoverageEntry[] = [];
  let handshakes = 0;
  let httpRequests = 0;
  const limit = pLimit(concurrency);
  await Promise.all(
    targets.map((target) =>
      limit(async () => {
        const step = `tls ${target.id}`;
        options.onProgress?.({ provider: 'tls', step, state: 'start' });
        try {
          const https = target.https ?? options.checkHsts ?? target.port === 443;
          const r = await scanEndpoint(target, {
            connectTimeoutMs,
            handshakeTimeoutMs,
            httpTimeoutMs,
            probeConcurrency,
            suiteStrategy,
            https,
            trust,
            ...(options.resolve ? { resolve: options.resolve } : {}),
          });
          if (r.resource) resources.push(r.resource as unknown as Resource);
          coverage.push(...r.coverage);
          handshakes += r.handshakes;
          httpRequests += r.httpRequests;
          options.onProgress?.({ provider: 'tls', step, state: r.resource ? 'done' : 'failed' });
        } catch (err) {
          // A bug must not sink the other targets, nor pass this one.
          coverage.push({
            provider: 'tls',
            account: 'tls',
            region: 'global',
            service: 'tls',
            operation: 'handshake',
            resourceTypes: [TLS_ENDPOINT_TYPE],
            status: 'error',
            errorCode: 'SCAN_ERROR',
            message: redact((err as Error).message),
            resourceId: target.id,
          });
          options.onProgress?.({ provider: 'tls', step, state: 'failed' });
        }
      }),
    ),
  );
  const order = new Map(targets.map((t, i) => [t.id, i]));
  resources.sort((a, b) => order.get(a.ref.id)! - order.get(b.ref.id)!);
  return {
    scopes: [{ provider: 'tls', account: 'tls', regions: ['global'], detail: { targets: targets.map((t) => t.id) } }],
    resources,
    coverage,
    apiCalls: { 'tls:handshake': handshakes, 'tls:GET': httpRequests },
  };
}
