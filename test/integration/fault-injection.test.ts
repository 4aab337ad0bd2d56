/**
 * Fault injection: the fault proxy (src/testing/fault-proxy.ts) in front of moto, seeded with the demo's data.
 * - Recoverable faults (each protocol's native throttling, 500/503 in its shape, dropped connections, slow
 *   answers) on a third of the first two attempts of every call: the snapshot is identical to a fault-free run.
 * - Unrecoverable faults (AccessDenied per operation, a server error or a dropped connection on every attempt):
 *   gaps are recorded for exactly those calls, and no check that fails in the fault-free run passes.
 * - A silent endpoint: the collection finishes within its bounds, the silent calls are timeout gaps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { builtinRules } from '../../policies/index.js';
import { seedAwsData } from '../../examples/demo/seed-aws-data.js';
import { collectAws, type AwsCollectOptions } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import type { CollectorOutput } from '../../src/collectors/types.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { CoverageEntry } from '../../src/model/types.js';
import { type Fault, type FaultProxy, type ProxiedRequest, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGION = 'us-east-1';
const SERVICES = ['s3', 'kms', 'ebs', 'ec2'];
let moto: MotoServer;
let proxy: FaultProxy | undefined;
let baseline: CollectorOutput;

/** A deterministic draw in [0, 1) per request and attempt. */
function draw(req: ProxiedRequest, nth: number, salt = ''): number {
  return createHash('sha256').update(`${salt}|${req.service}|${req.region}|${req.operation}|${nth}`).digest().readUInt32BE(0) / 2 ** 32;
}

const collectVia = (endpoint: string, extra: Partial<AwsCollectOptions> = {}) =>
  collectAws({ endpointUrl: endpoint, regions: [REGION], services: SERVICES, requestTimeoutMs: 10_000, ...extra });

/** What must be identical: resources and coverage (order-free: services run concurrently), logical call counts. */
function comparable(o: CollectorOutput) {
  const sort = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return { scopes: o.scopes, resources: sort(o.resources), coverage: sort(o.coverage), apiCalls: o.apiCalls };
}

const gaps = (coverage: CoverageEntry[]) => coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');

beforeAll(async () => {
  moto = await startMoto();
  await seedAwsData(moto.endpoint, [REGION]);
  baseline = await collectVia(moto.endpoint);
}, 180_000);
afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
});
afterAll(async () => {
  await moto?.stop();
});

describe('fault injection in front of moto', () => {
  it('the baseline has data in every protocol: query/XML (EC2), JSON (KMS), REST-XML (S3)', () => {
    expect(gaps(baseline.coverage)).toEqual([]);
    const types = new Set(baseline.resources.map((r) => r.ref.type));
    for (const t of ['aws.s3.bucket', 'aws.kms.key', 'aws.ebs.volume', 'aws.ec2.security-group']) expect(types).toContain(t);
  });

  it('recoverable faults (throttling, 500/503, drops, slow answers) on a third of first and second attempts: the same snapshot', async () => {
    const kinds: Fault[] = ['throttle', '5xx', 'drop', 'slow'];
    const throttledOnce = new Set<string>();
    proxy = await startFaultProxy({
      target: moto.endpoint,
      slowMs: 200,
      // Only the first two attempts can fail: the third always goes through, so every call is recoverable.
      fault: (req, nth) => {
        // Every service's first request is throttled, so each protocol's throttling shape is exercised.
        if (!throttledOnce.has(req.service)) return throttledOnce.add(req.service) && 'throttle';
        return nth <= 2 && draw(req, nth) < 0.33 ? kinds[Math.floor(draw(req, nth, 'kind') * kinds.length)] : undefined;
      },
    });
    const out = await collectVia(proxy.endpoint);
    const outcomes = new Set(proxy.log.map((r) => r.outcome));
    for (const o of ['throttled', 'failed', 'dropped', 'slow', 'forwarded']) expect(outcomes).toContain(o);
    const throttledServices = new Set(proxy.log.filter((r) => r.outcome === 'throttled').map((r) => r.service));
    for (const s of ['ec2', 'kms', 's3']) expect(throttledServices).toContain(s); // each protocol's native shape
    expect(gaps(out.coverage)).toEqual([]);
    expect(comparable(out)).toEqual(comparable(baseline));
  }, 180_000);

  it('unrecoverable faults: AccessDenied per operation, a 5xx or a drop on every attempt are gaps, and no failing check passes', async () => {
    const permanent: Record<string, Fault> = {
      'kms|TrentService.GetKeyRotationStatus': 'deny',
      'ec2|DescribeSnapshots': 'deny',
      'kms|TrentService.GetKeyPolicy': '5xx',
      'ec2|DescribeVolumes': 'drop',
    };
    proxy = await startFaultProxy({
      target: moto.endpoint,
      fault: (req) =>
        permanent[`${req.service}|${req.operation}`] ?? (req.service === 's3' && /^GET \/acme-public-assets/.test(req.operation) ? 'deny' : undefined),
    });
    const out = await collectVia(proxy.endpoint, { maxAttempts: 3 });
    const found = gaps(out.coverage).map((g) => `${g.service}:${g.operation}:${g.status}`);
    expect(found).toEqual(
      expect.arrayContaining(['kms:GetKeyRotationStatus:denied', 'ebs:DescribeSnapshots:denied', 'kms:GetKeyPolicy:error', 'ebs:DescribeVolumes:unreachable']),
    );
    expect(found.some((g) => g.startsWith('s3:') && g.endsWith(':denied'))).toBe(true);

    const now = new Date('2026-06-01T00:00:00Z');
    const before = evaluate(mergeOutputs([baseline], now.toISOString()), builtinRules, { now });
    const after = evaluate(mergeOutputs([out], now.toISOString()), builtinRules, { now });
    const statusAfter = new Map(after.findings.map((f) => [f.id, f.status]));
    const failedBefore = before.findings.filter((f) => f.status === 'fail');
    expect(failedBefore.length).toBeGreaterThan(3);
    const turned = failedBefore.filter((f) => statusAfter.get(f.id) === 'pass' || statusAfter.get(f.id) === 'not_applicable');
    expect(turned.map((f) => `${f.ruleId} ${f.resource.id}`)).toEqual([]);
    // The faults did hide failures: they are unknown now, not gone.
    const hidden = failedBefore.filter((f) => statusAfter.get(f.id) !== 'fail');
    expect(hidden.length).toBeGreaterThan(0);
    for (const f of hidden) {
      // Unknown itself, or (its listing failed) covered by the scope's unknown finding of the same rule.
      const scopeUnknown = after.findings.some(
        (a) => a.ruleId === f.ruleId && a.status === 'unknown' && a.resource.account === f.resource.account && [f.resource.id, '*'].includes(a.resource.id),
      );
      expect([f.ruleId, f.resource.id, statusAfter.get(f.id) ?? (scopeUnknown ? 'unknown' : 'missing')]).toEqual([f.ruleId, f.resource.id, 'unknown']);
    }
  }, 180_000);

  it('a silent endpoint: the collection ends within its bounds and the silent calls are timeout gaps', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, fault: (req) => (req.service === 's3' ? 'silent' : undefined) });
    const out = await collectVia(proxy.endpoint, { maxAttempts: 2, requestTimeoutMs: 1500, socketTimeoutMs: 1000 });
    const found = gaps(out.coverage).map((g) => `${g.service}:${g.operation}:${g.status}`);
    expect(found).toContain('s3:ListBuckets:timeout');
    expect(found.filter((g) => !/^s3:.*:timeout$/.test(g))).toEqual([]); // S3 Control signs as s3 too: silent as well
    expect(out.resources.some((r) => r.ref.type === 'aws.kms.key')).toBe(true);
  }, 120_000);
});
