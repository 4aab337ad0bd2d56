/**
 * The TLS collector against real node:tls servers on 127.0.0.1 with certificates generated here,
 * then the tls rule pack over the resulting snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { rules as tlsRules } from '../../policies/tls/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { collectTls } from '../../src/collectors/tls/index.js';
import type { CollectorOutput } from '../../src/collectors/types.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Finding } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { TlsEndpointData } from '../../src/model/tls.js';
import { closedPort, makeCa, makeCertificate, type RunningServer, startSilentServer, startTlsServer } from '../../src/testing/tls-servers.js';

const DAY = 86_400_000;
const LEGACY = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0';

const servers: Record<string, RunningServer> = {};
const targets: Record<string, string> = {};
let closed: number;
let caFile: string;
let each: CollectorOutput;
let eachMs: number;
let eliminate: CollectorOutput;

function data(out: CollectorOutput, key: string): TlsEndpointData {
  const r = out.resources.find((x) => x.ref.id === targets[key]!.replace(/^https:\/\//, ''));
  if (!r) throw new Error(`no resource for ${key} (${targets[key]})`);
  return r.data as unknown as TlsEndpointData;
}
const accepted = (d: TlsEndpointData, p: keyof TlsEndpointData['suites']) => d.suites[p]?.accepted.map((s) => s.iana) ?? null;

beforeAll(async () => {
  const ca = makeCa('Vigil Integration CA', 'ec256');
  const dir = await mkdtemp(join(tmpdir(), 'vigil-tls-it-'));
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, ca.pem);
  const names = ['localhost', '127.0.0.1'];
  const leaf = makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca });
  const start = async (key: string, opts: Parameters<typeof startTlsServer>[0], target: (s: RunningServer) => string = (s) => s.target) => {
    servers[key] = await startTlsServer(opts);
    targets[key] = target(servers[key]);
  };
  await start('tls13', { chain: [leaf], minVersion: 'TLSv1.3', http: { hsts: 'max-age=63072000; includeSubDomains' } }, (s) => `https://${s.target}`);
  await start('tls12one', { chain: [leaf], maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256', http: { hsts: null } }, (s) => `https://${s.target}`);
  await start('legacy', { chain: [leaf], minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: LEGACY });
  await start('expired', {
    chain: [
      makeCertificate({
        commonName: 'localhost',
        altNames: names,
        issuer: ca,
        notBefore: new Date(Date.now() - 400 * DAY),
        notAfter: new Date(Date.now() - 35 * DAY),
      }),
    ],
  });
  await start('rsa1024', { chain: [makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca, key: 'rsa1024' })], ciphers: 'DEFAULT@SECLEVEL=0' });
  await start(
    'mismatch',
    { chain: [makeCertificate({ commonName: 'other.vigil.test', altNames: ['other.vigil.test'], issuer: ca })] },
    (s) => `${s.target}@www.vigil.test`,
  );
  await start('selfsigned', {
    chain: [makeCertificate({ commonName: 'localhost', altNames: names, key: 'ec256', hash: 'sha256', notAfter: new Date(Date.now() + 800 * DAY) })],
  });
  await start('sha1', {
    chain: [makeCertificate({ commonName: 'localhost', altNames: names, issuer: makeCa('SHA1 CA', 'rsa2048'), hash: 'sha1' })],
    ciphers: 'DEFAULT@SECLEVEL=0',
  });
  await start('dhe1024', {
    chain: [leaf],
    maxVersion: 'TLSv1.2',
    ciphers: 'DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
    dhGroup: 'modp2',
  });
  await start('p521', { chain: [leaf], minVersion: 'TLSv1.3', ecdhCurve: 'secp521r1' });
  await start('ipv6', { chain: [leaf], minVersion: 'TLSv1.3', host: '::1' });
  servers.silent = await startSilentServer();
  targets.silent = servers.silent.target;
  closed = await closedPort();
  targets.closed = `127.0.0.1:${closed}`;

  const common = { targets: Object.values(targets), caFile, connectTimeoutMs: 2000, handshakeTimeoutMs: 1500 };
  const t0 = Date.now();
  each = await collectTls(common);
  eachMs = Date.now() - t0;
  eliminate = await collectTls({ ...common, suiteStrategy: 'eliminate' });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

describe('TLS collector against local servers', () => {
  it('TLS 1.3 only: protocols, the three default suites, HSTS, trusted chain from the CA file', () => {
    const d = data(each, 'tls13');
    expect(d.protocols).toEqual({ tls1_0: false, tls1_1: false, tls1_2: false, tls1_3: true });
    expect(accepted(d, 'tls1_3')!.sort()).toEqual(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
    expect(d.suites.tls1_2).toEqual({ accepted: [], inconclusive: [], candidates: 0 });
    expect(d.forwardSecrecy).toBe(true);
    expect(d.negotiated).toMatchObject({ protocol: 'TLSv1.3', keyExchange: { type: 'ECDH', name: 'X25519', size: 253 } });
    expect(d.sslv2).toBeNull();
    expect(d.sslv3).toBeNull();
    expect(d.notes.join(' ')).toMatch(/SSLv2\/SSLv3 not probed/);
    expect(d.hsts).toMatchObject({ statusCode: 200, present: true, maxAge: 63072000, includeSubDomains: true });
    expect(d.trust).toEqual({ trusted: true, verifyError: null, customCa: true });
    expect(d.hostname).toEqual({ name: '127.0.0.1', matches: true, matchedBy: 'IP:127.0.0.1' });
    expect(d.chain![0]).toMatchObject({
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'ecdsa-with-SHA256',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    // Probes reuse what they learn: the first handshake (a full offer) gives the best protocol, its suite, the
    // chain and the HSTS GET (same connection); then one probe per older protocol and one per other TLS 1.3 suite.
    expect(d.scan.handshakes).toBe(1 + 3 + (5 - 1));
  });

  it('TLS 1.2 only with one suite', () => {
    const d = data(each, 'tls12one');
    expect(d.protocols).toEqual({ tls1_0: false, tls1_1: false, tls1_2: true, tls1_3: false });
    expect(accepted(d, 'tls1_2')).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']);
    expect(d.suites.tls1_2!.candidates).toBeGreaterThan(50);
    // TLS 1.3 is known off from the first handshake (the server chose TLS 1.2 from a full offer): not probed.
    expect(d.scan.handshakes).toBe(1 + 2 + (d.suites.tls1_2!.candidates - 1));
    expect(d.hsts).toMatchObject({ present: false, header: null });
  });

  it('TLS 1.0-1.2 with CBC suites, per protocol', () => {
    const d = data(each, 'legacy');
    expect(d.protocols).toEqual({ tls1_0: true, tls1_1: true, tls1_2: true, tls1_3: false });
    const cbc = ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'];
    expect(accepted(d, 'tls1_0')).toEqual(cbc);
    expect(accepted(d, 'tls1_1')).toEqual(cbc);
    expect(accepted(d, 'tls1_2')!.sort()).toEqual(['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', ...cbc].sort());
    expect(d.forwardSecrecy).toBe(false);
    expect(d.https).toBe(false);
    expect(d.hsts).toBeNull();
  });

  it('expired, RSA-1024, SHA-1, self-signed and mismatched certificates', () => {
    expect(data(each, 'expired').chain![0]!.daysToExpiry).toBeLessThanOrEqual(-35);
    expect(data(each, 'expired').trust).toEqual({ trusted: true, verifyError: 'CERT_HAS_EXPIRED', customCa: true });
    expect(data(each, 'rsa1024').chain![0]).toMatchObject({ keyType: 'RSA', keyBits: 1024 });
    expect(data(each, 'sha1').chain![0]).toMatchObject({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' });
    expect(data(each, 'sha1').trust).toMatchObject({ trusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(data(each, 'selfsigned').chain![0]).toMatchObject({ selfSigned: true, keyType: 'EC', curve: 'P-256' });
    expect(data(each, 'selfsigned').trust).toEqual({ trusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', customCa: true });
    const m = data(each, 'mismatch');
    expect(m.sni).toBe('www.vigil.test');
    expect(m.hostname).toEqual({ name: 'www.vigil.test', matches: false, matchedBy: null });
  });

  it('key exchange per accepted suite: DHE over a 1024-bit group, ECDHE over P-521 (getEphemeralKeyInfo)', () => {
    const dhe = data(each, 'dhe1024');
    const byName = new Map(dhe.suites.tls1_2!.accepted.map((x) => [x.iana, x]));
    expect([...byName.keys()].sort()).toEqual(['TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256']);
    expect(byName.get('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256')).toMatchObject({ kx: 'DH', forwardSecrecy: true, keyExchange: { type: 'DH', size: 1024 } });
    expect(byName.get('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')).toMatchObject({
      kx: 'ECDH',
      forwardSecrecy: true,
      keyExchange: { type: 'ECDH', name: 'X25519', size: 253 },
    });
    expect(dhe.forwardSecrecy).toBe(true);
    const p521 = data(each, 'p521');
    expect(p521.negotiated).toMatchObject({ protocol: 'TLSv1.3', keyExchange: { type: 'ECDH', name: 'secp521r1', size: 521 } });
    expect(p521.suites.tls1_3!.accepted.map((x) => x.keyExchange?.name)).toEqual(['secp521r1', 'secp521r1', 'secp521r1']);
  });

  it('an IPv6 loopback target ([::1]:port)', () => {
    const d = data(each, 'ipv6');
    expect(targets.ipv6).toMatch(/^\[::1\]:\d+$/);
    expect(d).toMatchObject({ host: '::1', address: '::1', sni: null, protocols: { tls1_2: false, tls1_3: true } });
    expect(d.hostname).toMatchObject({ name: '::1', matches: false });
  });

  it('a silent endpoint times out and a closed port is unreachable; both only in coverage', () => {
    const gap = (id: string) => each.coverage.find((c) => c.resourceId === id && c.operation === 'handshake');
    expect(gap(targets.silent!)).toMatchObject({ service: 'tls', status: 'timeout', errorCode: 'HANDSHAKE_TIMEOUT', resourceTypes: ['tls.endpoint'] });
    expect(gap(targets.closed!)).toMatchObject({ service: 'tls', status: 'unreachable', errorCode: 'ECONNREFUSED', resourceTypes: ['tls.endpoint'] });
    expect(each.resources.map((r) => r.ref.id)).not.toContain(targets.silent);
    expect(each.resources.map((r) => r.ref.id)).not.toContain(targets.closed);
    expect(each.resources).toHaveLength(Object.keys(targets).length - 2);
    // Bounded by the handshake timeout, not hanging (every endpoint runs concurrently).
    expect(eachMs).toBeLessThan(15_000);
  });

  it('one handshake per suite and the elimination strategy find the same protocols and suites', () => {
    for (const key of Object.keys(targets).filter((k) => k !== 'silent' && k !== 'closed')) {
      const a = data(each, key);
      const b = data(eliminate, key);
      expect({ key, protocols: b.protocols }).toEqual({ key, protocols: a.protocols });
      for (const p of ['tls1_0', 'tls1_1', 'tls1_2', 'tls1_3'] as const)
        expect({ key, p, s: accepted(b, p)!.sort() }).toEqual({ key, p, s: accepted(a, p)!.sort() });
      expect(b.scan.handshakes).toBeLessThan(a.scan.handshakes);
    }
  });

  it('writes a snapshot that passes the schema', () => {
    const snap = mergeOutputs([each], new Date().toISOString());
    expect(() => parseSnapshot(JSON.stringify(snap))).not.toThrow();
    expect(snap.stats?.apiCalls?.['tls:handshake']).toBeGreaterThan(100);
    expect(snap.scopes).toEqual([
      { provider: 'tls', account: 'tls', regions: ['global'], detail: { targets: Object.values(targets).map((t) => t.replace(/^https:\/\//, '')) } },
    ]);
  });

  it('a silent endpoint costs one handshake timeout, not more', async () => {
    const t0 = Date.now();
    const out = await collectTls({ targets: [targets.silent!], connectTimeoutMs: 500, handshakeTimeoutMs: 500 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(out.coverage).toEqual([expect.objectContaining({ status: 'timeout', resourceId: targets.silent })]);
    expect(out.apiCalls).toEqual({ 'tls:handshake': 1, 'tls:GET': 0 });
  });

  it('rejects an unreadable CA file before contacting anything', async () => {
    await expect(collectTls({ targets: [targets.tls13!], caFile: join(tmpdir(), 'no-such-ca.pem') })).rejects.toMatchObject({
      name: 'InputError',
      fix: expect.stringMatching(/--ca-file/),
    });
  });
});

describe('tls rules over the scanned endpoints', () => {
  let findings: Finding[];
  beforeAll(() => {
    findings = evaluate(
      mergeOutputs([each], new Date().toISOString()),
      tlsRules.map((r) => ({ ...r, pack: 'tls' })),
    ).findings;
  });
  const status = (key: string, rule: string) => {
    const id = targets[key]!.replace(/^https:\/\//, '');
    return findings.filter((f) => f.resource.id === id && f.ruleId === rule).map((f) => `${f.status}${f.status === 'fail' ? `:${f.messageId}` : ''}`);
  };

  it.each([
    ['tls13', 'tls-1-3-not-supported', 'pass'],
    ['tls13', 'tls-legacy-protocol-enabled', 'pass'],
    ['tls13', 'tls-weak-cipher-suites', 'pass'],
    ['tls13', 'tls-hsts-missing', 'pass'],
    ['tls13', 'tls-cert-untrusted', 'pass'],
    ['tls12one', 'tls-1-3-not-supported', 'fail:missing'],
    ['tls12one', 'tls-weak-cipher-suites', 'pass'],
    ['tls12one', 'tls-hsts-missing', 'fail:missing'],
    ['legacy', 'tls-legacy-protocol-enabled', 'fail:enabled'],
    ['legacy', 'tls-weak-cipher-suites', 'fail:outsideProfile'],
    ['legacy', 'tls-hsts-missing', 'not_applicable'],
    ['expired', 'tls-cert-expired', 'fail:expired'],
    ['expired', 'tls-cert-expiring-soon', 'not_applicable'],
    ['expired', 'tls-cert-untrusted', 'pass'],
    ['rsa1024', 'tls-cert-weak-key', 'fail:weak'],
    ['rsa1024', 'tls-cert-expired', 'pass'],
    ['sha1', 'tls-cert-weak-signature', 'fail:weak'],
    ['sha1', 'tls-cert-untrusted', 'fail:untrusted'],
    ['selfsigned', 'tls-cert-untrusted', 'fail:selfSigned'],
    ['selfsigned', 'tls-cert-lifetime-too-long', 'fail:tooLong'],
    ['mismatch', 'tls-cert-hostname-mismatch', 'fail:mismatch'],
    ['tls13', 'tls-cert-hostname-mismatch', 'pass'],
    ['dhe1024', 'tls-weak-cipher-suites', 'fail:weak'],
    ['p521', 'tls-weak-cipher-suites', 'fail:outsideProfile'],
    ['p521', 'tls-1-3-not-supported', 'pass'],
    ['ipv6', 'tls-1-3-not-supported', 'pass'],
    ['ipv6', 'tls-cert-hostname-mismatch', 'fail:mismatch'],
    ['silent', 'tls-cert-expired', 'unknown'],
    ['closed', 'tls-1-3-not-supported', 'unknown'],
    ['closed', 'tls-weak-cipher-suites', 'unknown'],
  ])('%s × %s → %s', (key, rule, expected) => {
    expect(status(key, rule)).toEqual([expected]);
  });
});

describe('host-name targets (resolver injected: the tests make no DNS lookups)', () => {
  it('resolves a name, sends it as SNI and checks the certificate against it; a name that does not resolve is a coverage gap', async () => {
    const names: Record<string, string> = { 'www.vigil.test': '127.0.0.1' };
    const asked: string[] = [];
    const resolve = async (host: string): Promise<string> => {
      asked.push(host);
      if (names[host]) return names[host];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const named = await startTlsServer({ chain: [makeCertificate({ commonName: 'www.vigil.test', altNames: ['www.vigil.test'] })], minVersion: 'TLSv1.3' });
    try {
      const out = await collectTls({
        targets: [`www.vigil.test:${named.port}`, 'missing.vigil.test:443'],
        resolve,
        connectTimeoutMs: 2000,
        handshakeTimeoutMs: 2000,
      });
      expect(asked.sort()).toEqual(['missing.vigil.test', 'www.vigil.test']);
      expect(out.resources.map((r) => r.ref.id)).toEqual([`www.vigil.test:${named.port}`]);
      const d = out.resources[0]!.data as unknown as TlsEndpointData;
      expect(d).toMatchObject({ host: 'www.vigil.test', address: '127.0.0.1', sni: 'www.vigil.test', https: false });
      expect(d.hostname).toEqual({ name: 'www.vigil.test', matches: true, matchedBy: 'DNS:www.vigil.test' });
      expect(out.coverage.find((c) => c.resourceId === 'missing.vigil.test:443')).toMatchObject({
        operation: 'handshake',
        status: 'unreachable',
        errorCode: 'ENOTFOUND',
        resourceTypes: ['tls.endpoint'],
        message: expect.stringContaining('cannot resolve missing.vigil.test'),
      });
      const findings = evaluate(
        mergeOutputs([out], new Date().toISOString()),
        tlsRules.map((r) => ({ ...r, pack: 'tls' })),
      ).findings;
      expect(new Set(findings.filter((f) => f.resource.id === 'missing.vigil.test:443').map((f) => f.status))).toEqual(new Set(['unknown']));
    } finally {
      await named.stop();
    }
  });
});

describe('an endpoint that stops answering after the first handshake', () => {
  it('keeps what it learned and leaves the rest null (unknown), never false', async () => {
    const real = await startTlsServer({ chain: [makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'] })], minVersion: 'TLSv1.2' });
    const sockets: Socket[] = [];
    let n = 0;
    // A TCP relay: the first connection reaches the server, every later one is accepted and left silent.
    const relay = createServer((c) => {
      sockets.push(c);
      c.on('error', () => undefined);
      if (n++ > 0) return;
      const up = connect(real.port, '127.0.0.1');
      sockets.push(up);
      up.on('error', () => c.destroy());
      c.pipe(up).pipe(c);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
    const target = `127.0.0.1:${(relay.address() as { port: number }).port}`;
    try {
      const out = await collectTls({ targets: [target], connectTimeoutMs: 1000, handshakeTimeoutMs: 300 });
      const d = out.resources[0]!.data as unknown as TlsEndpointData;
      expect(d.protocols).toEqual({ tls1_0: null, tls1_1: null, tls1_2: null, tls1_3: true });
      expect(d.suites.tls1_2).toBeNull();
      expect(d.suites.tls1_3!.accepted).toHaveLength(1);
      expect(d.suites.tls1_3!.inconclusive).toHaveLength(4);
      expect(d.forwardSecrecy).toBeNull();
      expect(d.chain).not.toBeNull();
      const gaps = out.coverage
        .filter((c) => c.status === 'timeout')
        .map((c) => c.operation)
        .sort();
      expect(gaps).toEqual(['protocol:tls1_0', 'protocol:tls1_1', 'protocol:tls1_2', 'suites:tls1_3']);
      const findings = evaluate(
        mergeOutputs([out], new Date().toISOString()),
        tlsRules.map((r) => ({ ...r, pack: 'tls' })),
      ).findings;
      const st = (rule: string) => findings.find((f) => f.ruleId === rule)?.status;
      expect(st('tls-legacy-protocol-enabled')).toBe('unknown');
      expect(st('tls-weak-cipher-suites')).toBe('unknown');
      expect(st('tls-1-3-not-supported')).toBe('pass');
      expect(st('tls-cert-weak-key')).toBe('pass');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => relay.close(() => r()));
      await real.stop();
    }
  });
});
