import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, type SecureContext, type SecureVersion, type TLSSocket } from 'node:tls';
import type { TlsKeyExchange } from '../../model/tls.js';

/** Every RFC 8446 TLS 1.3 suite (Node enables only the first three by default). */
export const TLS13_SUITES = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_128_CCM_SHA256',
  'TLS_AES_128_CCM_8_SHA256',
];
/** Everything this OpenSSL can offer for TLS ≤ 1.2, including NULL / anonymous suites. */
export const ALL_LEGACY = 'ALL:COMPLEMENTOFALL:@SECLEVEL=0';

export interface ContextSpec {
  min: SecureVersion;
  max: SecureVersion;
  /** OpenSSL cipher string (TLS 1.3 names go to the TLS 1.3 list, the rest to the ≤ 1.2 list). */
  ciphers: string;
  /** Trust anchors: Node's roots plus a CA file (PEM); omitted = Node's default root store. */
  ca?: { key: string; pems: string[] };
}

// Contexts are immutable once built and cheap to share; building one with a custom CA list parses every root.
const contexts = new Map<string, SecureContext>();

/** A cached client context. Throws (e.g. ERR_SSL_NO_CIPHER_MATCH) when this OpenSSL cannot offer the ciphers. */
export function clientContext(spec: ContextSpec): SecureContext {
  const key = `${spec.min}|${spec.max}|${spec.ciphers}|${spec.ca?.key ?? ''}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = createSecureContext({ minVersion: spec.min, maxVersion: spec.max, ciphers: spec.ciphers, ...(spec.ca ? { ca: spec.ca.pems } : {}) });
    contexts.set(key, ctx);
  }
  return ctx;
}

/** Whether this OpenSSL can offer a suite at all (e.g. 3DES and RC4 are compiled out of Node's OpenSSL 3). */
export function canOffer(spec: ContextSpec): boolean {
  try {
    clientContext(spec);
    return true;
  } catch {
    return false;
  }
}

export interface HandshakeRequest {
  address: string;
  port: number;
  /** SNI; never an IP address. */
  servername?: string;
  context: SecureContext;
  connectTimeoutMs: number;
  handshakeTimeoutMs: number;
  /** Return DER of the peer chain (leaf first). */
  wantChain?: boolean;
  /** Keep the socket open and return it (the caller must destroy it). */
  keepOpen?: boolean;
}

export interface HandshakeOk {
  ok: true;
  /** `TLSv1.2` … */
  protocol: string;
  /** OpenSSL cipher name (IANA name for TLS 1.3). */
  cipher: string;
  keyExchange: TlsKeyExchange | null;
  /** OpenSSL's verify error without the host name check; null when the chain verified. */
  verifyError: string | null;
  chain: Buffer[];
  socket?: TLSSocket;
}

export interface HandshakeFailed {
  ok: false;
  /** `connect`: no TCP connection; `handshake`: connected, then the TLS handshake failed. */
  stage: 'connect' | 'handshake';
  /** `rejected`: the server refused this offer (alert, reset, close). */
  status: 'rejected' | 'timeout' | 'unreachable' | 'error';
  code: string;
  message: string;
}

export type HandshakeResult = HandshakeOk | HandshakeFailed;

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ECONNRESET']);

function peerChain(socket: TLSSocket): Buffer[] {
  const out: Buffer[] = [];
  const seen = new Set<string>();
  let c = socket.getPeerCertificate(true);
  while (c && c.raw && !seen.has(c.fingerprint256) && out.length < 10) {
    seen.add(c.fingerprint256);
    out.push(c.raw);
    c = c.issuerCertificate;
  }
  return out;
}

function keyExchange(socket: TLSSocket): TlsKeyExchange | null {
  const info = socket.getEphemeralKeyInfo() as { type?: string; name?: string; size?: number } | null;
  if (!info || !info.type) return null;
  return { type: info.type, ...(info.name ? { name: info.name } : {}), size: info.size ?? 0 };
}

/**
 * One TLS handshake with its own connect and handshake deadlines. Never rejects and never hangs:
 * every path ends in a result and a destroyed socket (unless `keepOpen` on success).
 */
export function handshake(req: HandshakeRequest): Promise<HandshakeResult> {
  return new Promise((resolve) => {
    let done = false;
    let stage: 'connect' | 'handshake' = 'connect';
    let secure: TLSSocket | undefined;
    const raw: Socket = netConnect({ host: req.address, port: req.port, noDelay: true });
    const finish = (r: HandshakeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!r.ok || !req.keepOpen) {
        secure?.destroy();
        raw.destroy();
      }
      resolve(r);
    };
    const fail = (err: NodeJS.ErrnoException | undefined, fallback: string): void => {
      const code = String(err?.code ?? fallback);
      const message = String(err?.message ?? fallback).slice(0, 300);
      if (stage === 'connect')
        finish({ ok: false, stage, status: UNREACHABLE.has(code) ? 'unreachable' : code === 'ETIMEDOUT' ? 'timeout' : 'error', code, message });
      else finish({ ok: false, stage, status: 'rejected', code, message });
    };
    let timer = setTimeout(
      () => finish({ ok: false, stage: 'connect', status: 'timeout', code: 'ETIMEDOUT', message: `TCP connect timed out after ${req.connectTimeoutMs} ms` }),
      req.connectTimeoutMs,
    );
    raw.on('error', (e) => fail(e, 'ECONNRESET'));
    raw.once('connect', () => {
      stage = 'handshake';
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          finish({
            ok: false,
            stage: 'handshake',
            status: 'timeout',
            code: 'HANDSHAKE_TIMEOUT',
            message: `TLS handshake timed out after ${req.handshakeTimeoutMs} ms`,
          }),
        req.handshakeTimeoutMs,
      );
      secure = tlsConnect({
        socket: raw,
        secureContext: req.context,
        ...(req.servername ? { servername: req.servername } : {}),
        rejectUnauthorized: false,
        // Host name matching is judged separately (RFC 6125, hostname.ts); here only the chain is verified.
        checkServerIdentity: () => undefined,
      });
      secure.on('error', (e) => fail(e, 'ECONNRESET'));
      secure.once('close', () => fail(undefined, 'ECONNRESET'));
      secure.once('secureConnect', () => {
        const s = secure!;
        const cipher = s.getCipher();
        const verifyError = s.authorized ? null : String(s.authorizationError ?? 'UNKNOWN');
        finish({
          ok: true,
          protocol: s.getProtocol() ?? 'unknown',
          cipher: cipher.name,
          keyExchange: keyExchange(s),
          verifyError,
          chain: req.wantChain ? peerChain(s) : [],
          ...(req.keepOpen ? { socket: s } : {}),
        });
      });
    });
  });
}
