import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { analyzeCertificate } from '../../../src/collectors/tls/certificate.js';
import { checkHostname, dnsPatternMatches } from '../../../src/collectors/tls/hostname.js';
import { chainReachesAnchor } from '../../../src/collectors/tls/trust.js';
import { makeCa, makeCertificate } from '../../../src/testing/tls-servers.js';

const DAY = 86_400_000;

describe('analyzeCertificate (DER made at test time)', () => {
  const ca = makeCa('Unit CA', 'ec256');
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date('2026-04-01T00:00:00Z');

  it('reads an RSA-2048 leaf signed by an EC CA', () => {
    const leaf = makeCertificate({
      commonName: 'www.example.test',
      altNames: ['www.example.test', '*.api.example.test', '192.0.2.7', '2001:db8::1'],
      issuer: ca,
      notBefore,
      notAfter,
    });
    const c = analyzeCertificate(leaf.der, new Date('2026-03-02T00:00:00Z'));
    expect(c).toMatchObject({
      subject: 'O=Vigil test, CN=www.example.test',
      issuer: 'O=Vigil test, CN=Unit CA',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'ecdsa-with-SHA256',
      signatureHash: 'sha256',
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      daysToExpiry: 30,
      lifetimeDays: 90,
      dnsNames: ['www.example.test', '*.api.example.test'],
      ipAddresses: ['192.0.2.7', '2001:db8::1'],
      commonName: 'www.example.test',
      isCA: false,
      selfSigned: false,
    });
    // Cross-check against OpenSSL's own parser.
    const x = new X509Certificate(leaf.der);
    // Leading zero nibbles are padding in either spelling (1 serial in 16 starts with one): compare without them.
    expect(c.serialNumber.toUpperCase().replace(/^0+/, '')).toBe(x.serialNumber.toUpperCase().replace(/^0+/, ''));
    expect(c.fingerprintSha256).toBe(x.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(x.checkIssued(new X509Certificate(ca.der))).toBe(true);
  });

  it('reads the CA: EC P-256, self-signed, cA', () => {
    expect(analyzeCertificate(ca.der)).toMatchObject({ keyType: 'EC', keyBits: 256, curve: 'P-256', isCA: true, selfSigned: true, dnsNames: [] });
  });

  it.each([
    ['rsa1024', 'sha1', { keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' }],
    ['rsa2048', 'md5', { keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'md5WithRSAEncryption', signatureHash: 'md5' }],
    ['ec384', 'sha384', { keyType: 'EC', keyBits: 384, curve: 'P-384', signatureAlgorithm: 'ecdsa-with-SHA384', signatureHash: 'sha384' }],
  ] as const)('self-signed %s with %s', (key, hash, expected) => {
    const c = analyzeCertificate(makeCertificate({ commonName: 'self.test', key, hash }).der);
    expect(c).toMatchObject({ ...expected, selfSigned: true, dnsNames: [], commonName: 'self.test' });
  });

  it('same subject as issuer but another key is not self-signed', () => {
    const other = makeCa('Unit CA', 'ec256');
    const leaf = makeCertificate({ commonName: 'Unit CA', issuer: other, key: 'ec256' });
    expect(analyzeCertificate(leaf.der).selfSigned).toBe(false);
  });

  it('computes negative days to expiry and long lifetimes', () => {
    const c = analyzeCertificate(
      makeCertificate({ commonName: 'old.test', notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2022-01-01T00:00:00Z') }).der,
      new Date('2022-01-11T00:00:00Z'),
    );
    expect(c.daysToExpiry).toBe(-10);
    expect(c.lifetimeDays).toBe(731);
  });

  it('handles GeneralizedTime after 2049', () => {
    const c = analyzeCertificate(
      makeCertificate({ commonName: 'far.test', notBefore: new Date('2049-06-01T00:00:00Z'), notAfter: new Date('2051-06-01T00:00:00Z') }).der,
    );
    expect(c.notAfter).toBe('2051-06-01T00:00:00.000Z');
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => analyzeCertificate(Buffer.from('not a certificate'))).toThrow();
  });
});

describe('hostname matching (RFC 6125)', () => {
  it.each([
    ['www.example.com', 'www.example.com', true],
    ['WWW.Example.COM.', 'www.example.com', true],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.com', 'example.com', false],
    ['w*.example.com', 'www.example.com', false],
    ['www.*.com', 'www.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['*.example.com', '.example.com', false],
  ])('%s vs %s → %s', (pattern, name, ok) => {
    expect(dnsPatternMatches(pattern, name)).toBe(ok);
  });

  it('uses the CN only without dNSName SANs', () => {
    expect(checkHostname('a.test', { dnsNames: [], ipAddresses: [], commonName: 'a.test' })).toEqual({ name: 'a.test', matches: true, matchedBy: 'CN:a.test' });
    expect(checkHostname('a.test', { dnsNames: ['b.test'], ipAddresses: [], commonName: 'a.test' }).matches).toBe(false);
  });

  it('matches IPs against iPAddress SANs only', () => {
    expect(checkHostname('127.0.0.1', { dnsNames: ['127.0.0.1'], ipAddresses: [], commonName: '127.0.0.1' }).matches).toBe(false);
    expect(checkHostname('::1', { dnsNames: [], ipAddresses: ['0:0:0:0:0:0:0:1'], commonName: null })).toMatchObject({ matches: true });
  });
});

describe('chain to a trust anchor, ignoring dates', () => {
  const root = makeCa('Root', 'ec256');
  const inter = makeCertificate({ commonName: 'Intermediate', issuer: root, isCA: true, key: 'ec384' });
  const leaf = makeCertificate({ commonName: 'leaf.test', issuer: inter, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
  const anchors = [new X509Certificate(root.der)];

  it('follows leaf → intermediate → anchor', () => {
    expect(chainReachesAnchor([leaf.der, inter.der], anchors)).toBe(true);
    expect(chainReachesAnchor([leaf.der, inter.der, root.der], anchors)).toBe(true);
  });
  it('fails without the intermediate or with another root', () => {
    expect(chainReachesAnchor([leaf.der], anchors)).toBe(false);
    expect(chainReachesAnchor([leaf.der, inter.der], [new X509Certificate(makeCa('Root', 'ec256').der)])).toBe(false);
  });
});
