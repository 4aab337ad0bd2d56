import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CoverageEntry, CoverageStatus, Resource } from '../../model/types.js';
import {
  TLS_ENDPOINT_TYPE,
  TLS_PROTOCOLS,
  type ProbeOutcome,
  type TlsAcceptedSuite,
  type TlsCertificate,
  type TlsEndpointData,
  type TlsHsts,
  type TlsProtocol,
  type TlsSuiteScan,
} from '../../model/tls.js';
import { classifyError, redact } from '../errors.js';
import { analyzeCertificate } from './certificate.js';
import { ALL_LEGACY, clientContext, handshake, type HandshakeOk, type HandshakeResult, TLS13_SUITES } from './handshake.js';
import { checkHostname } from './hostname.js';
import { fetchHsts } from './hsts.js';
import { acceptedSuite, candidatesFor, PROTOCOL_KEY, protocolSpec, suiteSpec, tableOrder } from './suites.js';
import type { TlsTarget } from './targets.js';
import { judgeTrust, type TrustStore } from './trust.js';
import type { InputType } from '../../model/registry.js';

export interface EndpointScanOptions {
  connectTimeoutMs: number;
  handshakeTimeoutMs: number;
  httpTimeoutMs: number;
  /** Handshakes in flight for this endpoint. */
  probeConcurrency: number;
  /** `each`: one handshake per candidate suite; `eliminate`: offer all, drop the chosen one, repeat. */
  suiteStrategy: 'each' | 'eliminate';
  /** Fetch the HSTS header (HTTPS target). */
  https: boolean;
  trust: TrustStore;
  /** Host name → address (default: the system resolver, `dns.lookup`). */
  resolve?: (host: string) => Promise<string>;
}

const systemResolve = async (host: string): Promise<string> => (await lookup(host)).address;

export interface EndpointScanResult {
  resource: Resource<TlsEndpointData> | null;
  coverage: CoverageEntry[];
  handshakes: number;
  httpRequests: number;
}

export const SSL_NOTE = "SSLv2/SSLv3 not probed: Node's OpenSSL 3 cannot offer them";
export const SUITE_NOTE = 'Suites this OpenSSL cannot offer (3DES, RC4, DES, EXPORT, IDEA, SEED) and PSK/SRP suites were not probed';

const EMPTY_SCAN: TlsSuiteScan = { accepted: [], inconclusive: [], candidates: 0 };

/** Scans one endpoint. Never throws for network conditions: they end up in `coverage`. */
export async function scanEndpoint(target: TlsTarget, opts: EndpointScanOptions): Promise<EndpointScanResult> {
  const started = performance.now();
  const coverage: CoverageEntry[] = [];
  let handshakes = 0;
  let httpRequests = 0;
  const record = (operation: string, status: CoverageStatus, resourceTypes: InputType[], code?: string, message?: string): void => {
    coverage.push({
      provider: 'tls',
      account: 'tls',
      region: 'global',
      service: 'tls',
      operation,
      resourceTypes,
      status,
      resourceId: target.id,
      ...(code ? { errorCode: code } : {}),
      ...(message ? { message: redact(message) } : {}),
    });
  };
  // A failure that loses the whole endpoint: every tls.endpoint rule is unknown for it.
  const lost = (status: CoverageStatus, code: string, message: string): EndpointScanResult => {
    record('handshake', status, [TLS_ENDPOINT_TYPE], code, message);
    return { resource: null, coverage, handshakes, httpRequests };
  };
  // A failure of one probe: the field stays null (rules read it as unknown); the entry documents why.
  const partial = (operation: string, r: { status: string; code: string; message: string }): void =>
    record(operation, (r.status === 'rejected' ? 'error' : r.status) as CoverageStatus, [], r.code, r.message);

  let address = target.host;
  if (!isIP(target.host)) {
    try {
      address = await withTimeout((opts.resolve ?? systemResolve)(target.host), opts.connectTimeoutMs);
    } catch (err) {
      const c = classifyError(err);
      return lost(c.status === 'error' ? 'unreachable' : c.status, c.code, `cannot resolve ${target.host}: ${c.message}`);
    }
  }
  const servername = target.sni ?? (isIP(target.host) ? undefined : target.host);
  const hs = (spec: Parameters<typeof clientContext>[0], extra: { wantChain?: boolean; keepOpen?: boolean } = {}): Promise<HandshakeResult> => {
    handshakes++;
    return handshake({
      address,
      port: target.port,
      servername,
      context: clientContext(spec),
      connectTimeoutMs: opts.connectTimeoutMs,
      handshakeTimeoutMs: opts.handshakeTimeoutMs,
      ...extra,
    });
  };
  // The endpoint answered once, so a connect failure or timeout now is noise (backlog, load): try once more.
  const probe = async (spec: Parameters<typeof clientContext>[0], extra: { wantChain?: boolean } = {}): Promise<HandshakeResult> => {
    const r = await hs(spec, extra);
    return r.ok || r.status === 'rejected' ? r : hs(spec, extra);
  };

  // 1. Baseline: everything offered at once. Gives reachability, the best protocol, the chain and trust.
  const ca = opts.trust.ca;
  const base = await hs(
    { min: 'TLSv1', max: 'TLSv1.3', ciphers: [...TLS13_SUITES, ALL_LEGACY].join(':'), ...(ca ? { ca } : {}) },
    { wantChain: true, keepOpen: opts.https },
  );
  if (!base.ok && (base.stage === 'connect' || base.status === 'timeout'))
    return lost(base.status === 'rejected' ? 'error' : base.status, base.code, base.message);

  const hostHeader = `${servername ?? (isIP(target.host) === 6 ? `[${target.host}]` : target.host)}${target.port === 443 ? '' : `:${target.port}`}`;
  const hstsPromise = base.ok && base.socket ? fetchHsts(base.socket, hostHeader, opts.httpTimeoutMs) : undefined;
  if (hstsPromise) {
    httpRequests++;
    hstsPromise.catch(() => undefined); // awaited below
  }

  // 2. Protocols. The server picked its best version from a full offer, so newer versions are off.
  const protocols = Object.fromEntries(TLS_PROTOCOLS.map((p) => [p, null])) as Record<TlsProtocol, ProbeOutcome>;
  const known: Partial<Record<TlsProtocol, HandshakeOk>> = {};
  const negotiated = base.ok ? PROTOCOL_KEY[base.protocol] : undefined;
  if (base.ok && negotiated) {
    protocols[negotiated] = true;
    known[negotiated] = base;
    for (const p of TLS_PROTOCOLS.slice(TLS_PROTOCOLS.indexOf(negotiated) + 1)) protocols[p] = false;
  }
  const limit = pLimit(opts.probeConcurrency);
  const suites = Object.fromEntries(TLS_PROTOCOLS.map((p) => [p, null])) as Record<TlsProtocol, TlsSuiteScan | null>;
  await Promise.all(
    TLS_PROTOCOLS.map(async (p) => {
      if (protocols[p] === null) {
        const r = await limit(() => probe(protocolSpec(p, ca), { wantChain: !base.ok }));
        if (r.ok) {
          protocols[p] = true;
          known[p] = r;
        } else if (r.status === 'rejected') protocols[p] = false;
        else partial(`protocol:${p}`, r);
      }
      if (protocols[p] === false) suites[p] = EMPTY_SCAN;
      else if (protocols[p] === true) suites[p] = await scanSuites(p, known[p]!, limit, probe, opts.suiteStrategy);
      if (suites[p]?.inconclusive.length)
        partial(`suites:${p}`, { status: 'timeout', code: 'INCONCLUSIVE', message: `${suites[p]!.inconclusive.length} suite probes inconclusive` });
    }),
  );

  // 3. Certificate chain, host name and trust, from the baseline (or the newest protocol that answered).
  const source = base.ok
    ? base
    : [...TLS_PROTOCOLS]
        .reverse()
        .map((p) => known[p])
        .find((r) => r !== undefined);
  let chain: TlsCertificate[] | null = null;
  if (!source) partial('certificate', { status: 'error', code: 'NO_HANDSHAKE', message: 'no handshake succeeded' });
  else {
    try {
      chain = source.chain.map((der) => analyzeCertificate(der));
      if (chain.length === 0) throw new Error('the server sent no certificate');
    } catch (err) {
      chain = null;
      partial('certificate', { status: 'error', code: 'CERT_PARSE', message: (err as Error).message });
    }
  }
  const name = target.sni ?? target.host;

  // 4. HSTS.
  let hsts: TlsHsts | null = null;
  if (opts.https) {
    if (!hstsPromise) partial('hsts', { status: 'error', code: 'NO_HANDSHAKE', message: 'no full handshake to send the GET over' });
    else {
      try {
        hsts = await hstsPromise;
        record('hsts', 'ok', []);
      } catch (err) {
        const c = classifyError(err);
        partial('hsts', { status: c.status, code: c.code, message: c.message });
      }
    }
  }

  record('handshake', 'ok', [TLS_ENDPOINT_TYPE]);
  const data: TlsEndpointData = {
    host: target.host,
    port: target.port,
    sni: servername ?? null,
    address,
    https: opts.https,
    protocols,
    sslv2: null,
    sslv3: null,
    notes: [SSL_NOTE, SUITE_NOTE],
    suites,
    forwardSecrecy: forwardSecrecy(suites),
    negotiated: base.ok ? { protocol: base.protocol, cipher: acceptedSuite(base.cipher, null).iana, keyExchange: base.keyExchange } : null,
    chain,
    hostname: chain?.[0] ? checkHostname(name, chain[0]) : null,
    ...(target.origin ? { origin: target.origin } : {}),
    trust: chain && source ? { trusted: judgeTrust(source.verifyError, source.chain, opts.trust), verifyError: source.verifyError, customCa: !!ca } : null,
    hsts,
    scan: { ms: Math.round(performance.now() - started), handshakes },
  };
  return {
    resource: { ref: { provider: 'tls', account: 'tls', region: 'global', type: TLS_ENDPOINT_TYPE, id: target.id, name }, data },
    coverage,
    handshakes,
    httpRequests,
  };
}

type Probe = (spec: Parameters<typeof clientContext>[0]) => Promise<HandshakeResult>;

/** Accepted suites of one protocol that is known to be on; `first` is a handshake that already succeeded. */
async function scanSuites(p: TlsProtocol, first: HandshakeOk, limit: LimitFunction, probe: Probe, strategy: 'each' | 'eliminate'): Promise<TlsSuiteScan> {
  const candidates = candidatesFor(p);
  const accepted = new Map<string, TlsAcceptedSuite>([[first.cipher, acceptedSuite(first.cipher, first.keyExchange)]]);
  const inconclusive: string[] = [];
  let remaining = candidates.filter((c) => !accepted.has(c.openssl)).map((c) => c.openssl);
  if (strategy === 'each') {
    await Promise.all(
      remaining.map((name) =>
        limit(async () => {
          const r = await probe(suiteSpec(p, [name]));
          if (r.ok) accepted.set(r.cipher, acceptedSuite(r.cipher, r.keyExchange));
          else if (r.status !== 'rejected') inconclusive.push(name);
        }),
      ),
    );
  } else {
    while (remaining.length > 0) {
      const r = await limit(() => probe(suiteSpec(p, remaining)));
      if (!r.ok) {
        if (r.status !== 'rejected') inconclusive.push(...remaining);
        break;
      }
      accepted.set(r.cipher, acceptedSuite(r.cipher, r.keyExchange));
      const before = remaining.length;
      remaining = remaining.filter((n) => n !== r.cipher);
      if (remaining.length === before) break; // the server chose something we did not offer
    }
  }
  return { accepted: [...accepted.values()].sort(tableOrder), inconclusive: inconclusive.sort(), candidates: candidates.length };
}

function forwardSecrecy(suites: Record<TlsProtocol, TlsSuiteScan | null>): boolean | null {
  const scans = Object.values(suites);
  const all = scans.flatMap((s) => s?.accepted ?? []);
  if (all.some((s) => !s.forwardSecrecy)) return false;
  if (all.length === 0 || scans.some((s) => s === null || s.inconclusive.length > 0)) return null;
  return true;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
