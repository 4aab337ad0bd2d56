/** Builders of `tls.endpoint` resources for the tls-* rule tests (shaped like the collector's output). */
import type { CoverageEntry, Resource } from '../../../src/model/types.js';
import type { TlsAcceptedSuite, TlsCertificate, TlsEndpointData } from '../../../src/model/tls.js';
import { gap } from '../../support/rule-tester.js';

/** Evaluation time used by the certificate tests. */
export const NOW = new Date('2026-02-01T00:00:00Z');

export function suite(iana: string, extra: Partial<TlsAcceptedSuite> = {}): TlsAcceptedSuite {
  const tls13 = !iana.includes('_WITH_');
  const fs = tls13 || /^TLS_(ECDHE|DHE)_/.test(iana);
  return {
    iana,
    openssl: iana,
    code: '0x0000',
    kx: tls13 ? 'any' : fs ? 'ECDH' : 'RSA',
    auth: tls13 ? 'any' : 'RSA',
    enc: /GCM/.test(iana) ? 'AESGCM' : 'AES',
    mac: /GCM|CHACHA/.test(iana) ? 'AEAD' : 'SHA1',
    forwardSecrecy: fs,
    keyExchange: fs ? { type: 'ECDH', name: 'X25519', size: 253 } : null,
    ...extra,
  };
}

export function cert(extra: Partial<TlsCertificate> = {}): TlsCertificate {
  return {
    subject: 'O=Vigil test, CN=www.example.test',
    issuer: 'O=Vigil test, CN=Vigil Test CA',
    serialNumber: '01',
    keyType: 'RSA',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureHash: 'sha256',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2026-03-31T00:00:00.000Z',
    daysToExpiry: 58,
    lifetimeDays: 89,
    dnsNames: ['www.example.test'],
    ipAddresses: [],
    commonName: 'www.example.test',
    isCA: false,
    selfSigned: false,
    fingerprintSha256: 'ab'.repeat(32),
    ...extra,
  };
}

const CA = cert({
  subject: 'O=Vigil test, CN=Vigil Test CA',
  keyType: 'EC',
  keyBits: 256,
  curve: 'P-256',
  signatureAlgorithm: 'ecdsa-with-SHA256',
  isCA: true,
  selfSigned: true,
  notAfter: '2036-01-01T00:00:00.000Z',
  lifetimeDays: 3652,
  dnsNames: [],
  commonName: 'Vigil Test CA',
});

/** A good endpoint: TLS 1.2 + 1.3 with profile suites, valid trusted certificate, HSTS two years. */
export function goodData(): TlsEndpointData {
  return {
    host: 'www.example.test',
    port: 443,
    sni: 'www.example.test',
    address: '127.0.0.1',
    https: true,
    protocols: { tls1_0: false, tls1_1: false, tls1_2: true, tls1_3: true },
    sslv2: null,
    sslv3: null,
    notes: ['SSLv2/SSLv3 not probed'],
    suites: {
      tls1_0: { accepted: [], inconclusive: [], candidates: 0 },
      tls1_1: { accepted: [], inconclusive: [], candidates: 0 },
      tls1_2: { accepted: [suite('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'), suite('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')], inconclusive: [], candidates: 89 },
      tls1_3: {
        accepted: [suite('TLS_AES_128_GCM_SHA256'), suite('TLS_AES_256_GCM_SHA384'), suite('TLS_CHACHA20_POLY1305_SHA256')],
        inconclusive: [],
        candidates: 5,
      },
    },
    forwardSecrecy: true,
    negotiated: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', keyExchange: { type: 'ECDH', name: 'X25519', size: 253 } },
    chain: [cert(), CA],
    hostname: { name: 'www.example.test', matches: true, matchedBy: 'DNS:www.example.test' },
    trust: { trusted: true, verifyError: null, customCa: true },
    hsts: { statusCode: 200, present: true, header: 'max-age=63072000; includeSubDomains', maxAge: 63072000, includeSubDomains: true, preload: false },
    scan: { ms: 100, handshakes: 100 },
  };
}

/** A `tls.endpoint` resource: the good endpoint with `change` applied. */
export function endpoint(change: (d: TlsEndpointData) => void = () => undefined, id = 'www.example.test:443'): Resource {
  const data = goodData();
  change(data);
  return {
    ref: { provider: 'tls', account: 'tls', region: 'global', type: 'tls.endpoint', id, name: data.sni ?? data.host },
    data: data as unknown as Record<string, unknown>,
  };
}

/** The collector's coverage entry for a target it could not reach. */
export function unreachable(id = 'down.example.test:443'): CoverageEntry {
  return gap(['tls.endpoint'], {
    provider: 'tls',
    account: 'tls',
    region: 'global',
    service: 'tls',
    operation: 'handshake',
    status: 'unreachable',
    errorCode: 'ECONNREFUSED',
    resourceId: id,
  });
}
