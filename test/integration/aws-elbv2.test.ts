/**
 * ELBv2 end to end against a real moto_server: load balancers, listeners, attributes and the security
 * policies (moto implements DescribeSslPolicies with AWS's policy contents) through the real SDK, then the
 * built-in rules. A denied DescribeSslPolicies (through the fault proxy: moto enforces no IAM) must make
 * exactly the policy-grading rules unknown, and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedAwsElbv2 } from '../../examples/demo/seed-aws-elbv2.js';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const POLICY_RULES = ['aws-elbv2-listener-legacy-protocol', 'aws-elbv2-listener-weak-cipher-suites', 'aws-elbv2-listener-tls-1-3-not-supported'];

let moto: MotoServer;

async function collect(endpointUrl: string): Promise<{ snapshot: Snapshot; result: EvaluationResult; apiCalls: Record<string, number> }> {
  const out = await collectAws({ endpointUrl, regions: REGIONS, services: ['elbv2'], maxAttempts: 1 });
  const snapshot = mergeOutputs([out], new Date().toISOString());
  return { snapshot, result: evaluate(snapshot, builtinRules), apiCalls: out.apiCalls ?? {} };
}

function statusOf(result: EvaluationResult, rule: string, name: string, region: string): Status | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule && f.resource.name === name && f.resource.region === region);
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name}`);
  return hits[0]?.status;
}

beforeAll(async () => {
  moto = await startMoto();
  for (const region of REGIONS) await seedAwsElbv2(moto.endpoint, region);
}, 60000);

afterAll(async () => {
  await moto?.stop();
});

describe('ELBv2 against moto (two regions)', () => {
  let snapshot: Snapshot;
  let result: EvaluationResult;
  let apiCalls: Record<string, number> = {};
  beforeAll(async () => {
    ({ snapshot, result, apiCalls } = await collect(moto.endpoint));
  }, 60000);

  it('reads everything: no coverage gap, and the snapshot passes the schema', () => {
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
    const types = (region: string) => snapshot.resources.filter((r) => r.ref.region === region).map((r) => r.ref.type);
    for (const region of REGIONS) {
      expect(types(region).filter((t) => t === 'aws.elbv2.load-balancer')).toHaveLength(3);
      expect(types(region).filter((t) => t === 'aws.elbv2.listener')).toHaveLength(6);
      // Only the three policies in use are kept, with AWS's contents mapped to IANA names.
      expect(
        snapshot.resources
          .filter((r) => r.ref.region === region && r.ref.type === 'aws.elbv2.ssl-policy')
          .map((r) => r.ref.id)
          .sort(),
      ).toEqual(['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06']);
    }
    const p = snapshot.resources.find((r) => r.ref.id === 'ELBSecurityPolicy-2016-08')!.data as {
      protocols: string[];
      ciphers: Array<{ iana: string | null }>;
    };
    expect(p.protocols).toEqual(expect.arrayContaining(['TLSv1', 'TLSv1.1', 'TLSv1.2']));
    expect(p.ciphers.every((c) => c.iana !== null)).toBe(true);
  });

  it('API calls: one DescribeSslPolicies per region, per-load-balancer calls only where AWS has no batch', () => {
    // Per region: DescribeLoadBalancers 1 + (DescribeListeners + DescribeLoadBalancerAttributes) x 3 + DescribeSslPolicies 1.
    const n = (op: string) => apiCalls[`elasticloadbalancingv2:${op}`];
    expect([n('DescribeLoadBalancers'), n('DescribeListeners'), n('DescribeLoadBalancerAttributes'), n('DescribeSSLPolicies')]).toEqual([2, 6, 6, 2]);
  });

  it.each(REGIONS)('listener TLS policies graded by what they allow (%s)', (region) => {
    expect(statusOf(result, 'aws-elbv2-listener-legacy-protocol', 'legacy-alb:443', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-listener-weak-cipher-suites', 'legacy-alb:443', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-listener-tls-1-3-not-supported', 'legacy-alb:443', region)).toBe('fail');
    for (const rule of POLICY_RULES) expect([rule, statusOf(result, rule, 'modern-alb:443', region)]).toEqual([rule, 'pass']);
    expect(statusOf(result, 'aws-elbv2-listener-tls-1-3-not-supported', 'tls12-nlb:443', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-listener-legacy-protocol', 'tls12-nlb:443', region)).toBe('pass');
    // AWS's TLS-1-2-2017-01 still lists CBC and RSA-key-transport suites.
    expect(statusOf(result, 'aws-elbv2-listener-weak-cipher-suites', 'tls12-nlb:443', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-listener-legacy-protocol', 'tls12-nlb:5432', region)).toBe('not_applicable');
    const f = result.findings.find(
      (x) => x.ruleId === 'aws-elbv2-listener-legacy-protocol' && x.resource.name === 'legacy-alb:443' && x.resource.region === region,
    )!;
    expect(f.evidence).toMatchObject({ sslPolicy: 'ELBSecurityPolicy-2016-08', outside: expect.arrayContaining(['TLSv1', 'TLSv1.1']) });
  });

  it.each(REGIONS)('HTTP without redirect and invalid headers (%s)', (region) => {
    expect(statusOf(result, 'aws-elbv2-http-listener-no-redirect', 'legacy-alb:80', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-http-listener-no-redirect', 'modern-alb:80', region)).toBe('pass');
    expect(statusOf(result, 'aws-elbv2-drop-invalid-headers-off', 'legacy-alb', region)).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-drop-invalid-headers-off', 'modern-alb', region)).toBe('pass');
    expect(statusOf(result, 'aws-elbv2-drop-invalid-headers-off', 'tls12-nlb', region)).toBe('not_applicable');
  });
});

describe('a denied DescribeSslPolicies', () => {
  let proxy: FaultProxy | undefined;
  afterAll(async () => {
    await proxy?.stop();
  });

  it('makes exactly the policy-grading rules unknown, with the gap in the coverage', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, deny: (r) => r.operation === 'DescribeSSLPolicies' && r.region === 'eu-west-1' });
    const { snapshot, result } = await collect(proxy.endpoint);
    expect(proxy.log.some((r) => r.outcome === 'denied')).toBe(true);
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([
      expect.objectContaining({
        region: 'eu-west-1',
        operation: 'DescribeSSLPolicies',
        status: 'denied',
        errorCode: 'AccessDenied',
        resourceTypes: ['aws.elbv2.ssl-policy'],
      }),
    ]);
    for (const rule of POLICY_RULES) {
      expect([rule, statusOf(result, rule, 'legacy-alb:443', 'eu-west-1')]).toEqual([rule, 'unknown']);
      expect([rule, statusOf(result, rule, 'legacy-alb:443', 'us-east-1')]).toEqual([rule, 'fail']);
    }
    expect(statusOf(result, 'aws-elbv2-http-listener-no-redirect', 'legacy-alb:80', 'eu-west-1')).toBe('fail');
    expect(statusOf(result, 'aws-elbv2-drop-invalid-headers-off', 'legacy-alb', 'eu-west-1')).toBe('fail');
  }, 60000);
});
