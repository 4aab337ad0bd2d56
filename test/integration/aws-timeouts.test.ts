/**
 * A hung AWS endpoint (accepts the connection, never answers) must not hang the run: every call is bounded
 * per attempt (connect, socket idle, whole request), retried, then recorded as a `timeout` gap while the
 * other services complete; `--timeout` bounds the whole collection. Moto answers everything else.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectAws } from '../../src/collectors/aws/index.js';
import type { CoverageEntry, Snapshot } from '../../src/model/types.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { runCli } from '../support/cli.js';

let moto: MotoServer;
let proxy: FaultProxy | undefined;
let dir: string;

beforeAll(async () => {
  moto = await startMoto();
  // moto builds each service's backend on its first call (seconds for EC2): warm it, so the short
  // per-attempt bounds below only ever cut the silent calls.
  await collectAws({ endpointUrl: moto.endpoint, regions: ['us-east-1'], services: ['kms', 'ec2', 'iam'] });
  dir = await mkdtemp(join(tmpdir(), 'vigil-timeouts-'));
}, 120_000);
afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
});
afterAll(async () => {
  await moto?.stop();
  await rm(dir, { recursive: true, force: true });
});

const gaps = (coverage: CoverageEntry[]) => coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');

describe('a silent AWS endpoint', () => {
  it('a KMS that never answers: its calls time out per attempt and become timeout gaps; EC2 and IAM complete', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, silent: (r) => r.service === 'kms' });
    const out = await collectAws({
      endpointUrl: proxy.endpoint,
      regions: ['us-east-1'],
      services: ['kms', 'ec2', 'iam'],
      maxAttempts: 2,
      requestTimeoutMs: 3000,
    });
    expect(gaps(out.coverage).map((c) => [c.service, c.operation, c.status, c.errorCode])).toEqual([['kms', 'ListKeys', 'timeout', 'ETIMEDOUT']]);
    expect(proxy.log.filter((r) => r.service === 'kms').map((r) => r.outcome)).toEqual(['silent', 'silent']); // retried once, then given up
    expect(out.coverage.filter((c) => c.status === 'ok').map((c) => c.service)).toEqual(expect.arrayContaining(['ec2', 'iam']));
    expect(out.resources.some((r) => r.ref.type === 'aws.ec2.security-group')).toBe(true);
  }, 60_000);

  it('with a long request bound, the socket idle timeout alone ends a silent connection', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, silent: (r) => r.service === 'kms' });
    // requestTimeout far above the socket timeout: only the idle bound can end the attempt.
    const out = await collectAws({
      endpointUrl: proxy.endpoint,
      regions: ['us-east-1'],
      services: ['kms'],
      maxAttempts: 1,
      requestTimeoutMs: 120_000,
      socketTimeoutMs: 2000,
    });
    expect(gaps(out.coverage).map((c) => [c.service, c.operation, c.status])).toEqual([['kms', 'ListKeys', 'timeout']]);
  }, 60_000);

  it('`collect --timeout`: the whole collection is bounded, the hung calls are timeout gaps and the snapshot is written', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, silent: (r) => r.service === 'kms' });
    const out = join(dir, 'snap.json');
    // Default per-attempt bounds (30 s × 6 attempts) would take minutes; --timeout 3 ends it. Several services,
    // 16 at a time: the calls in flight all listen on the one deadline, and Node must not warn of a leak.
    const run = await runCli(
      [
        'collect',
        '--endpoint-url',
        proxy.endpoint,
        '--regions',
        'us-east-1',
        '--services',
        'kms,ec2,s3,iam,rds',
        '--concurrency',
        '16',
        '--timeout',
        '3',
        '--out',
        out,
        '--strict',
      ],
      { cwd: dir, timeoutMs: 45_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/gap: aws \d+ us-east-1 kms:ListKeys timeout \(CollectionTimeout\)/);
    const snap = JSON.parse(await readFile(out, 'utf8')) as Snapshot;
    expect(gaps(snap.coverage).map((c) => [c.service, c.operation, c.status, c.errorCode])).toEqual([['kms', 'ListKeys', 'timeout', 'CollectionTimeout']]);
    expect(snap.coverage.filter((c) => c.service === 'ec2' && c.status === 'ok').length).toBeGreaterThan(3);
  }, 60_000);

  it('rejects a --timeout that is not a positive whole number', async () => {
    const run = await runCli(['collect', '--timeout', '0'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--timeout/);
  });
});
