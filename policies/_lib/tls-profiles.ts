/**
 * Mozilla server-side TLS guidelines v6.0 as data (mozilla/ssl-config-generator
 * `src/static/guidelines/6.0.json`), and a classification of cipher suites by weakness.
 */
import type { TlsAcceptedSuite, TlsKeyExchange, TlsProtocol } from '../../src/model/tls.js';

export type MozillaProfileName = 'modern' | 'intermediate';

export interface MozillaProfile {
  name: MozillaProfileName;
  guidelines: '6.0';
  protocols: TlsProtocol[];
  /** IANA names. */
  tls13Suites: string[];
  /** IANA names of the TLS 1.2 suites allowed (none in modern). */
  tls12Suites: string[];
  /** Key-exchange groups (IANA names). */
  groups: string[];
  certificateKeyTypes: string[];
  certificateSignatures: string[];
  /** Minimum RSA key and DH group sizes (bits); null when RSA / DHE are not allowed at all. */
  rsaKeySize: number | null;
  dhParamSize: number | null;
  maxCertLifespanDays: number;
  hstsMaxAge: number;
}

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const GROUPS = ['X25519MLKEM768', 'X25519', 'secp256r1', 'secp384r1'];

export const MOZILLA_PROFILES: Record<MozillaProfileName, MozillaProfile> = {
  modern: {
    name: 'modern',
    guidelines: '6.0',
    protocols: ['tls1_3'],
    tls13Suites: TLS13,
    tls12Suites: [],
    groups: GROUPS,
    certificateKeyTypes: ['ecdsa'],
    certificateSignatures: ['ecdsa-with-SHA256', 'ecdsa-with-SHA384', 'ecdsa-with-SHA512'],
    rsaKeySize: null,
    dhParamSize: null,
    maxCertLifespanDays: 90,
    hstsMaxAge: 63072000,
  },
  intermediate: {
    name: 'intermediate',
    guidelines: '6.0',
    protocols: ['tls1_2', 'tls1_3'],
    tls13Suites: TLS13,
    tls12Suites: [
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    ],
    groups: GROUPS,
    certificateKeyTypes: ['ecdsa', 'rsa'],
    certificateSignatures: ['sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'ecdsa-with-SHA384', 'ecdsa-with-SHA512'],
    rsaKeySize: 2048,
    dhParamSize: 2048,
    maxCertLifespanDays: 366,
    hstsMaxAge: 63072000,
  },
};

/** JSON Schema fragment for the `profile` rule option. */
export const PROFILE_OPTION = { enum: ['intermediate', 'modern'], description: 'Mozilla server-side TLS profile (guidelines v6.0)' } as const;

export const MOZILLA_REFERENCE = 'https://wiki.mozilla.org/Security/Server_Side_TLS';

/**
 * Why a suite is weak. The first group is broken or trivially attackable; `CBC` and `no-FS` are
 * obsolete (Lucky13/padding-oracle history; a stolen key decrypts recorded traffic).
 */
export type SuiteWeakness = 'NULL' | 'aNULL' | 'EXPORT' | 'RC4' | '3DES' | 'DES' | 'MD5' | 'DH<2048' | 'CBC' | 'no-FS';
export const INSECURE: ReadonlySet<SuiteWeakness> = new Set(['NULL', 'aNULL', 'EXPORT', 'RC4', '3DES', 'DES', 'MD5', 'DH<2048']);

/** TLS 1.3 suites have no key exchange or authentication in their name (`TLS_AES_128_GCM_SHA256`). */
export function isTls13Suite(iana: string): boolean {
  return /^TLS_(AES|CHACHA20|SM4)_/.test(iana) && !iana.includes('_WITH_');
}

/** Ephemeral (EC)DH or TLS 1.3. Anonymous DH is ephemeral too (and flagged aNULL). */
export function hasForwardSecrecy(iana: string): boolean {
  return isTls13Suite(iana) || /^TLS_(ECDHE|DHE|ECDH_anon|DH_anon|ECCPWD)_/.test(iana);
}

/**
 * Weaknesses of one suite, from its IANA name (so names from other scanners work too) and, when
 * known, the collector's facts: the key exchange of the handshake that accepted it and its forward secrecy.
 */
export function suiteWeaknesses(suite: Pick<TlsAcceptedSuite, 'iana'> & Partial<Pick<TlsAcceptedSuite, 'keyExchange' | 'forwardSecrecy'>>): SuiteWeakness[] {
  const n = suite.iana.toUpperCase();
  const out: SuiteWeakness[] = [];
  if (/_WITH_NULL_|^TLS_NULL_/.test(n)) out.push('NULL');
  if (/_ANON_/.test(n)) out.push('aNULL');
  if (/EXPORT/.test(n)) out.push('EXPORT');
  if (/_RC4_/.test(n)) out.push('RC4');
  if (/3DES|_DES_EDE/.test(n)) out.push('3DES');
  else if (/_DES_|_DES40_/.test(n)) out.push('DES');
  if (/_MD5$/.test(n)) out.push('MD5');
  const kx = suite.keyExchange;
  if (kx && kx.type === 'DH' && kx.size > 0 && kx.size < 2048) out.push('DH<2048');
  if (/_CBC_/.test(n)) out.push('CBC');
  if (!(suite.forwardSecrecy ?? hasForwardSecrecy(suite.iana))) out.push('no-FS');
  return out;
}

// OpenSSL's names for the groups (`getEphemeralKeyInfo`) → the IANA names the guidelines use.
const GROUP_ALIASES: Record<string, string> = {
  prime256v1: 'secp256r1',
  'p-256': 'secp256r1',
  'p-384': 'secp384r1',
  'p-521': 'secp521r1',
  x25519: 'X25519',
  x448: 'X448',
};

/** IANA name of a negotiated key-exchange group: `secp256r1`, `X25519`, `ffdhe2048`; `DH-1024` for custom DH parameters. */
export function groupName(kx: TlsKeyExchange): string {
  if (kx.name) return GROUP_ALIASES[kx.name.toLowerCase()] ?? kx.name;
  return kx.type === 'DH' ? `DH-${kx.size}` : `${kx.type}-${kx.size}`;
}

/**
 * Why a negotiated key exchange falls outside the profile (`group secp521r1 not in the profile`), or null.
 * Every group the guidelines list is elliptic-curve (or hybrid): finite-field DH is outside both profiles.
 */
export function keyExchangeOutsideProfile(profile: MozillaProfile, kx: TlsKeyExchange | null | undefined): string | null {
  if (!kx) return null;
  const name = groupName(kx);
  return profile.groups.some((g) => g.toLowerCase() === name.toLowerCase()) ? null : `group ${name} (${kx.size} bits) not in the profile`;
}

/** Whether a suite accepted on a protocol is allowed by the profile. */
export function allowedByProfile(profile: MozillaProfile, protocol: TlsProtocol, iana: string): boolean {
  if (!profile.protocols.includes(protocol)) return false;
  return protocol === 'tls1_3' ? profile.tls13Suites.includes(iana) : profile.tls12Suites.includes(iana);
}
