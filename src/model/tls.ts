/**
 * `data` of resources of type `tls.endpoint` (written by src/collectors/tls).
 *
 * Convention: `null` means "not probed or inconclusive" (with a coverage entry naming the probe),
 * never "no". Rules turn `null` into `unknown`.
 */
import type { TypeTable } from './type-info.js';

export const TLS_ENDPOINT_TYPE = 'tls.endpoint' as const;

/** Protocol keys, oldest first. */
export type TlsProtocol = 'tls1_0' | 'tls1_1' | 'tls1_2' | 'tls1_3';
export const TLS_PROTOCOLS: readonly TlsProtocol[] = ['tls1_0', 'tls1_1', 'tls1_2', 'tls1_3'];

/** Readable protocol names (`TLSv1.2`), as OpenSSL and reports spell them. */
export const TLS_PROTOCOL_NAMES: Record<TlsProtocol, string> = { tls1_0: 'TLSv1', tls1_1: 'TLSv1.1', tls1_2: 'TLSv1.2', tls1_3: 'TLSv1.3' };

/** Result of one pinned-version handshake: accepted, refused, or `null` when inconclusive. */
export type ProbeOutcome = boolean | null;

/** The ephemeral key exchange of one handshake (`tls.TLSSocket#getEphemeralKeyInfo()`). */
export interface TlsKeyExchange {
  /** `ECDH` or `DH`. */
  type: string;
  /** Group name for ECDH (`X25519`, `prime256v1`); absent for finite-field DH. */
  name?: string;
  /** Size in bits (253 for X25519, 2048 for ffdhe2048). */
  size: number;
}

/** One accepted cipher suite. */
export interface TlsAcceptedSuite {
  /** IANA name, e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`. */
  iana: string;
  /** OpenSSL name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`. */
  openssl: string;
  /** IANA code point (`0xC02F`). */
  code: string;
  /** OpenSSL key exchange (`ECDH`/`DH` are ephemeral, `RSA` is not, `any` for TLS 1.3). */
  kx: string;
  /** Authentication (`RSA`, `ECDSA`, `DSS`, `None` = anonymous). */
  auth: string;
  /** Bulk cipher (`AESGCM`, `AES` = CBC, `CHACHA20/POLY1305`, `Camellia`, `None`). */
  enc: string;
  /** `AEAD` or the MAC hash of a CBC suite. */
  mac: string;
  /** Whether the suite provides forward secrecy. */
  forwardSecrecy: boolean;
  /** Ephemeral key of the handshake that accepted it (null for RSA key transport). */
  keyExchange: TlsKeyExchange | null;
}

/** Cipher suites accepted for one protocol version. */
export interface TlsSuiteScan {
  accepted: TlsAcceptedSuite[];
  /** Candidate suites (OpenSSL names) whose probe was inconclusive (timeout, connection failure). */
  inconclusive: string[];
  /** How many candidate suites were probed for this protocol (0 when the protocol is off). */
  candidates: number;
}

/** Facts about one certificate, parsed from its DER. Strings are attacker-controlled. */
export interface TlsCertificate {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** `RSA`, `RSA-PSS`, `EC`, `Ed25519`, `Ed448`, `DSA`, or the SPKI algorithm OID. */
  keyType: string;
  /** Key size in bits (RSA modulus, EC field size); null when unknown. */
  keyBits: number | null;
  /** Named curve for EC keys (`P-256`). */
  curve?: string;
  /** e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, or the OID. */
  signatureAlgorithm: string;
  /** Hash of the signature (`sha256`, `sha1`, `md5`), or null when unknown. */
  signatureHash: string | null;
  notBefore: string;
  notAfter: string;
  /** Whole days from scan time to notAfter (negative once expired). */
  daysToExpiry: number;
  /** notAfter − notBefore in days. */
  lifetimeDays: number;
  /** subjectAltName dNSName entries. */
  dnsNames: string[];
  /** subjectAltName iPAddress entries. */
  ipAddresses: string[];
  /** Subject CN, when present. */
  commonName: string | null;
  /** basicConstraints cA. */
  isCA: boolean;
  /** Issuer equals subject and the signature verifies with the certificate's own key. */
  selfSigned: boolean;
  fingerprintSha256: string;
}

export interface TlsHostnameCheck {
  /** The name checked: the SNI name, else the host. */
  name: string;
  matches: boolean;
  /** The SAN or CN entry that matched. */
  matchedBy: string | null;
}

export interface TlsTrust {
  /**
   * The chain leads to a trust anchor (Node's root store plus the CA file) with valid signatures.
   * Validity dates are judged by the expiry rules, not here.
   */
  trusted: boolean;
  /** OpenSSL's verify error from the handshake (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …); null when it verified. */
  verifyError: string | null;
  /** Whether a `--ca-file` was added to the root store. */
  customCa: boolean;
}

export interface TlsHsts {
  /** HTTP status of the one GET sent. */
  statusCode: number;
  present: boolean;
  /** The first Strict-Transport-Security header, truncated. */
  header: string | null;
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
}

export interface TlsEndpointData {
  host: string;
  port: number;
  /** SNI name sent (null: none, e.g. for IP targets without `@sni`). */
  sni: string | null;
  /** Address actually connected to. */
  address: string;
  /** Whether the target is treated as HTTPS (port 443, `https://`, or the collector option): HSTS applies. */
  https: boolean;
  protocols: Record<TlsProtocol, ProbeOutcome>;
  /** Never probed: Node's OpenSSL 3 cannot offer SSLv2/SSLv3. */
  sslv2: null;
  sslv3: null;
  /** Why some facts are missing, e.g. the SSLv2/SSLv3 note. */
  notes: string[];
  /** Accepted suites per protocol; null when that protocol's support is unknown. */
  suites: Record<TlsProtocol, TlsSuiteScan | null>;
  /** Every accepted suite offers forward secrecy; null when a suite scan is incomplete. */
  forwardSecrecy: boolean | null;
  /** Negotiated with a default modern client offer (best protocol). */
  negotiated: { protocol: string; cipher: string; keyExchange: TlsKeyExchange | null } | null;
  /** Leaf first, then the rest of the chain as seen by the client. */
  chain: TlsCertificate[] | null;
  hostname: TlsHostnameCheck | null;
  /** Where Vigil found the target when it derived it (`--tls-discover`); such targets have no expected name. */
  origin?: string;
  trust: TlsTrust | null;
  /** null when not an HTTPS target or when the GET failed (see coverage). */
  hsts: TlsHsts | null;
  /** Milliseconds spent on this endpoint and handshakes made. */
  scan: { ms: number; handshakes: number };
}

/** Data of the TLS resource types, by type name. */
export interface TlsDataByType {
  [TLS_ENDPOINT_TYPE]: TlsEndpointData;
}

export const TLS_TYPES: TypeTable<TlsDataByType> = {
  [TLS_ENDPOINT_TYPE]: { provider: 'tls', scope: 'global', version: 1, description: 'Live TLS endpoints probed with real handshakes' },
};
