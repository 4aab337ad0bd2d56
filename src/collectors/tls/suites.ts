import type { SecureVersion } from 'node:tls';
import type { TlsAcceptedSuite, TlsKeyExchange, TlsProtocol } from '../../model/tls.js';
import { CIPHER_TABLE, type CipherInfo } from './cipher-table.js';
import { ALL_LEGACY, canOffer, type ContextSpec, TLS13_SUITES } from './handshake.js';

export const SECURE_VERSION: Record<TlsProtocol, SecureVersion> = { tls1_0: 'TLSv1', tls1_1: 'TLSv1.1', tls1_2: 'TLSv1.2', tls1_3: 'TLSv1.3' };
export const PROTOCOL_KEY: Record<string, TlsProtocol> = { TLSv1: 'tls1_0', 'TLSv1.1': 'tls1_1', 'TLSv1.2': 'tls1_2', 'TLSv1.3': 'tls1_3' };

const BY_NAME = new Map(CIPHER_TABLE.map((c) => [c.openssl, c]));

/** Ephemeral key exchange (ECDHE, DHE, TLS 1.3): the session keys survive a later theft of the server key. */
export function isForwardSecret(c: Pick<CipherInfo, 'kx'>): boolean {
  return ['ECDH', 'DH', 'any', 'ECDHEPSK', 'DHEPSK'].includes(c.kx);
}

// PSK and SRP suites need a shared secret or password the scanner does not have: a handshake cannot tell anything.
function needsSecret(c: CipherInfo): boolean {
  return /PSK|SRP/.test(c.kx) || c.auth === 'PSK' || c.auth === 'SRP';
}

/** Context for one pinned protocol offering the given suites (OpenSSL names). */
export function suiteSpec(p: TlsProtocol, names: string[], ca?: ContextSpec['ca']): ContextSpec {
  const v = SECURE_VERSION[p];
  const ciphers = p === 'tls1_3' ? names.join(':') : `${names.join(':')}:@SECLEVEL=0`;
  return { min: v, max: v, ciphers, ...(ca ? { ca } : {}) };
}

/** Context for the protocol probe: pinned version, every suite this OpenSSL can offer. */
export function protocolSpec(p: TlsProtocol, ca?: ContextSpec['ca']): ContextSpec {
  return suiteSpec(p, p === 'tls1_3' ? TLS13_SUITES : [ALL_LEGACY.replace(/:@SECLEVEL=0$/, '')], ca);
}

const cache = new Map<TlsProtocol, CipherInfo[]>();

/**
 * Candidate suites for a protocol: the static table filtered to suites that exist in that version,
 * that need no pre-shared secret, and that this OpenSSL can put in a ClientHello.
 */
export function candidatesFor(p: TlsProtocol): CipherInfo[] {
  let list = cache.get(p);
  if (!list) {
    list = CIPHER_TABLE.filter((c) => {
      if (needsSecret(c)) return false;
      if (p === 'tls1_3') return c.minVersion === 'TLSv1.3';
      if (c.minVersion === 'TLSv1.3') return false;
      if (p !== 'tls1_2' && c.minVersion === 'TLSv1.2') return false;
      return canOffer(suiteSpec(p, [c.openssl]));
    });
    cache.set(p, list);
  }
  return list;
}

/** The table entry for a negotiated OpenSSL cipher name, shaped for the model. */
export function acceptedSuite(openssl: string, keyExchange: TlsKeyExchange | null): TlsAcceptedSuite {
  const c = BY_NAME.get(openssl);
  if (!c)
    return {
      iana: openssl,
      openssl,
      code: 'unknown',
      kx: 'unknown',
      auth: 'unknown',
      enc: 'unknown',
      mac: 'unknown',
      forwardSecrecy: keyExchange !== null,
      keyExchange,
    };
  return {
    iana: c.iana,
    openssl: c.openssl,
    code: `0x${c.code.toString(16).toUpperCase().padStart(4, '0')}`,
    kx: c.kx,
    auth: c.auth,
    enc: c.enc,
    mac: c.mac,
    forwardSecrecy: isForwardSecret(c),
    keyExchange,
  };
}

/** Orders accepted suites like the table (strongest first, as OpenSSL lists them). */
export function tableOrder(a: TlsAcceptedSuite, b: TlsAcceptedSuite): number {
  const ia = CIPHER_TABLE.findIndex((c) => c.openssl === a.openssl);
  const ib = CIPHER_TABLE.findIndex((c) => c.openssl === b.openssl);
  return (ia < 0 ? 1e6 : ia) - (ib < 0 ? 1e6 : ib);
}
