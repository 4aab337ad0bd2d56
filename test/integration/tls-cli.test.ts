/**
 * `vigil audit --tls … / --tls-targets FILE / --ca-file` end to end, as a user runs it: the real CLI in a
 * subprocess against node:tls servers this process starts on 127.0.0.1 and ::1 (src/testing/tls-servers.ts).
 * Checks exit codes, findings.json and the error messages of bad input.
 *
 * The servers run in this process, so the CLI is spawned asynchronously (spawnSync would block them).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationResult } from '../../src/engine/types.js';
import { closedPort, makeCa, makeCertificate, type RunningServer, startTlsServer } from '../../src/testing/tls-servers.js';
import { type CliRun, runCli } from '../support/cli.js';

const DAY = 86_400_000;

interface Run extends CliRun {
  out: string;
  findings: () => EvaluationResult;
}

let dir: string;
const servers: Record<string, RunningServer> = {};
let closed: number;

function vigil(args: string[]): Promise<Run> {
  const out = join(mkdtempSync(join(dir, 'run-')), 'out');
  return runCli([...args, '--out', out, '--no-progress'], { cwd: dir }).then((r) => ({
    ...r,
    out,
    findings: () => JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as EvaluationResult,
  }));
}

/** `rule → status[:messageId]` of one endpoint. */
function results(r: Run, id: string): Record<string, string> {
  const fs = r.findings().findings.filter((f) => f.resource.type === 'tls.endpoint' && f.resource.id === id);
  return Object.fromEntries(fs.map((f) => [f.ruleId, f.status === 'fail' ? `fail:${f.messageId}` : f.status]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-tls-cli-'));
  const ca = makeCa('Vigil CLI Test CA', 'ec256');
  writeFileSync(join(dir, 'ca.pem'), ca.pem);
  const names = ['localhost', '127.0.0.1', '::1'];
  const leaf = makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca });
  servers.good = await startTlsServer({ chain: [leaf], minVersion: 'TLSv1.3' });
  servers.v6 = await startTlsServer({ chain: [leaf], minVersion: 'TLSv1.3', host: '::1' });
  servers.expired = await startTlsServer({
    chain: [
      makeCertificate({
        commonName: 'localhost',
        altNames: names,
        issuer: ca,
        notBefore: new Date(Date.now() - 400 * DAY),
        notAfter: new Date(Date.now() - 20 * DAY),
      }),
    ],
    minVersion: 'TLSv1.3',
  });
  servers.legacy = await startTlsServer({
    chain: [leaf],
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.2',
    ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:@SECLEVEL=0',
  });
  servers.named = await startTlsServer({
    chain: [makeCertificate({ commonName: 'www.vigil.test', altNames: ['www.vigil.test'], issuer: ca })],
    minVersion: 'TLSv1.3',
  });
  closed = await closedPort();
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('vigil audit --tls (subprocess)', () => {
  it('--tls host:port,host:port → findings.json with the TLS results; exit 0 with --fail-on none', async () => {
    const r = await vigil(['audit', '--tls', `${servers.good!.target},${servers.expired!.target}`, '--format', 'json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(results(r, servers.good!.target)).toMatchObject({
      'tls-1-3-not-supported': 'pass',
      'tls-legacy-protocol-enabled': 'pass',
      'tls-weak-cipher-suites': 'pass',
      'tls-cert-expired': 'pass',
      'tls-cert-hostname-mismatch': 'pass',
      // No --ca-file: the test CA is not in Node's root store.
      'tls-cert-untrusted': 'fail:untrusted',
      // Not port 443 and no https:// prefix: HSTS does not apply.
      'tls-hsts-missing': 'not_applicable',
    });
    expect(results(r, servers.expired!.target)).toMatchObject({ 'tls-cert-expired': 'fail:expired', 'tls-1-3-not-supported': 'pass' });
    expect(r.stdout).toContain('tls-cert-expired');
  }, 90_000);

  it('the default --fail-on (high) exits 1 on the expired certificate', async () => {
    const r = await vigil(['audit', '--tls', servers.expired!.target, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(results(r, servers.expired!.target)['tls-cert-expired']).toBe('fail:expired');
  }, 90_000);

  it('--tls-targets FILE (comments, [::1]:port, host:port@sni, tls://, duplicates) with --ca-file', async () => {
    const file = join(dir, 'targets.txt');
    writeFileSync(
      file,
      [
        '# production-like endpoints, one per line',
        '',
        `${servers.good!.target}      # TLS 1.3 only`,
        `[::1]:${servers.v6!.port}`,
        `${servers.named!.target}@www.vigil.test`,
        `${servers.named!.target}@api.vigil.test   # wrong name on purpose`,
        `tls://${servers.legacy!.target}`,
        `127.0.0.1:${closed}`,
        `${servers.good!.target}   # duplicate, scanned once`,
      ].join('\n'),
    );
    const r = await vigil(['audit', '--tls-targets', file, '--ca-file', join(dir, 'ca.pem'), '--format', 'json', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ids = [...new Set(r.findings().findings.map((f) => f.resource.id))].sort();
    expect(ids).toEqual(
      [
        servers.good!.target,
        `[::1]:${servers.v6!.port}`,
        `${servers.named!.target}@www.vigil.test`,
        `${servers.named!.target}@api.vigil.test`,
        servers.legacy!.target,
        `127.0.0.1:${closed}`,
      ].sort(),
    );
    // The CA file makes the test CA a trust anchor.
    expect(results(r, servers.good!.target)['tls-cert-untrusted']).toBe('pass');
    expect(results(r, `[::1]:${servers.v6!.port}`)).toMatchObject({
      'tls-cert-untrusted': 'pass',
      'tls-cert-hostname-mismatch': 'pass',
      'tls-1-3-not-supported': 'pass',
    });
    expect(results(r, `${servers.named!.target}@www.vigil.test`)['tls-cert-hostname-mismatch']).toBe('pass');
    expect(results(r, `${servers.named!.target}@api.vigil.test`)['tls-cert-hostname-mismatch']).toBe('fail:mismatch');
    expect(results(r, servers.legacy!.target)).toMatchObject({
      'tls-legacy-protocol-enabled': 'fail:enabled',
      'tls-1-3-not-supported': 'fail:missing',
      'tls-weak-cipher-suites': 'fail:outsideProfile',
    });
    // A closed port: every rule unknown (a coverage gap), never pass.
    expect(new Set(Object.values(results(r, `127.0.0.1:${closed}`)))).toEqual(new Set(['unknown']));
    expect(r.stdout).toMatch(/unreachable \(ECONNREFUSED\)/);
  }, 90_000);

  it('a malformed targets file → exit 2 naming the file and the line, nothing contacted, no report', async () => {
    const file = join(dir, 'bad-targets.txt');
    writeFileSync(file, `# ok so far\n${servers.good!.target}\n\n127.0.0.1:99999\n`);
    const r = await vigil(['audit', '--tls-targets', file, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: line 4: invalid TLS target "127.0.0.1:99999"`);
    expect(r.stderr).toContain('fix:');
    expect(existsSync(join(r.out, 'findings.json'))).toBe(false);
  }, 90_000);

  it('an unbracketed IPv6 target and a missing CA file → exit 2 with the fix', async () => {
    const v6 = await vigil(['audit', '--tls', `::1:${servers.v6!.port}`, '--format', 'json']);
    expect(v6.code).toBe(2);
    expect(v6.stderr).toMatch(/--tls.*IPv6 addresses must be in brackets, e\.g\. \[::1\]:443/);
    const ca = await vigil(['audit', '--tls', servers.good!.target, '--ca-file', join(dir, 'no-such-ca.pem'), '--format', 'json']);
    expect(ca.code).toBe(2);
    expect(ca.stderr).toContain('no-such-ca.pem');
    expect(ca.stderr).toMatch(/--ca-file/);
  }, 90_000);
});
