/**
 * Classic ELB, OpenSearch, ElastiCache and Redshift end to end against a real moto_server, through the
 * real SDK and the built-in rules. moto lists the engine defaults for every Redshift parameter group, so
 * the `tls-required` group's DescribeClusterParameters is answered (through the fault proxy, so the real
 * SDK call and normalizer run) with a recorded AWS response where `require_ssl` is true. One run through
 * the proxy denies one call per service (moto enforces no IAM) and checks that exactly the dependent
 * rules become unknown, with the gap in the coverage.
 */
import { CreateDomainCommand } from '@aws-sdk/client-opensearch';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedAwsTransitData } from '../../examples/demo/seed-aws-transit-data.js';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { awsClients } from '../../src/testing/aws-clients.js';
import { type FaultProxy, type FaultProxyOptions, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const SERVICES = ['elb', 'opensearch', 'elasticache', 'redshift'];
const RECORDED = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/aws/recorded/redshift-describe-cluster-parameters-require-ssl.xml'), 'utf8');
const CLB_POLICY_RULES = ['aws-elb-listener-legacy-protocol', 'aws-elb-listener-weak-cipher-suites', 'aws-elb-tls-1-3-not-supported'];
const OS_RULES = [
  'aws-opensearch-https-not-enforced',
  'aws-opensearch-tls-policy-weak',
  'aws-opensearch-node-to-node-encryption-off',
  'aws-opensearch-at-rest-encryption-off',
  'aws-opensearch-domain-public',
];
const EC_RULES = ['aws-elasticache-transit-encryption-off', 'aws-elasticache-at-rest-encryption-off', 'aws-elasticache-redis-auth-off'];

/** Recorded answer for the `tls-required` group (moto cannot change a parameter's value). */
const respond: FaultProxyOptions['respond'] = async (r) =>
  r.operation === 'DescribeClusterParameters' && /ParameterGroupName=tls-required(&|$)/.test(r.body)
    ? { status: 200, type: 'text/xml', body: RECORDED }
    : undefined;

let moto: MotoServer;
const proxies: FaultProxy[] = [];

async function collect(options: Omit<FaultProxyOptions, 'target'>) {
  const proxy = await startFaultProxy({ target: moto.endpoint, respond, ...options });
  proxies.push(proxy);
  const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, services: SERVICES, maxAttempts: 1 });
  const snapshot = mergeOutputs([out], new Date().toISOString());
  return { snapshot, result: evaluate(snapshot, builtinRules), apiCalls: out.apiCalls ?? {}, proxy };
}

function statusOf(result: EvaluationResult, rule: string, name: string, region = 'us-east-1'): Status | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule && f.resource.name === name && f.resource.region === region);
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name}`);
  return hits[0]?.status;
}

/** `[rule, name, status]` triples, so a failing expectation names the rule. */
const statuses = (result: EvaluationResult, rules: string[], name: string) => rules.map((r) => [r, name, statusOf(result, r, name)]);
const all = (rules: string[], name: string, s: Status) => rules.map((r) => [r, name, s]);

beforeAll(async () => {
  moto = await startMoto();
  await seedAwsTransitData(moto.endpoint, 'us-east-1');
}, 90000);

afterAll(async () => {
  for (const p of proxies) await p.stop();
  await moto?.stop();
});

describe('collected from moto (a seeded region and an empty one)', () => {
  let snapshot: Snapshot;
  let result: EvaluationResult;
  let apiCalls: Record<string, number>;
  beforeAll(async () => {
    ({ snapshot, result, apiCalls } = await collect({}));
  }, 60000);

  it('reads everything: no coverage gap, ok coverage in both regions, and the snapshot passes the schema', () => {
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    for (const region of REGIONS)
      for (const op of ['DescribeLoadBalancers', 'ListDomainNames', 'DescribeReplicationGroups', 'DescribeCacheClusters', 'DescribeClusters'])
        expect([region, op, snapshot.coverage.some((c) => c.region === region && c.operation === op && c.status === 'ok')]).toEqual([region, op, true]);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
    const count = (type: string) => snapshot.resources.filter((r) => r.ref.type === type).length;
    expect([count('aws.elb.load-balancer'), count('aws.opensearch.domain'), count('aws.elasticache.replication-group')]).toEqual([4, 3, 2]);
    expect([count('aws.elasticache.cache-cluster'), count('aws.redshift.cluster'), count('aws.redshift.cluster-parameter-group')]).toEqual([2, 2, 2]);
    const legacy = snapshot.resources.find((r) => r.ref.name === 'legacy-clb')!.data as { policies: Array<{ protocols: string[]; ciphers: unknown[] }> };
    expect(legacy.policies[0]).toMatchObject({ protocols: ['TLSv1', 'TLSv1.1', 'TLSv1.2'] });
  });

  it('API calls: policies once per TLS load balancer, domains in batches, parameters once per group', () => {
    const n = (k: string) => apiCalls[k] ?? 0;
    expect({
      lbs: n('elasticloadbalancing:DescribeLoadBalancers'),
      attributes: n('elasticloadbalancing:DescribeLoadBalancerAttributes'),
      policies: n('elasticloadbalancing:DescribeLoadBalancerPolicies'),
      list: n('opensearch:ListDomainNames'),
      domains: n('opensearch:DescribeDomains'),
      groups: n('elasticache:DescribeReplicationGroups'),
      clusters: n('redshift:DescribeClusters'),
      parameters: n('redshift:DescribeClusterParameters'),
    }).toEqual({ lbs: 2, attributes: 4, policies: 2, list: 2, domains: 1, groups: 2, clusters: 2, parameters: 2 });
  });

  it('Classic ELB: listener policies graded by what they allow, clear-text listeners, access logs', () => {
    expect(statuses(result, CLB_POLICY_RULES, 'legacy-clb')).toEqual(all(CLB_POLICY_RULES, 'legacy-clb', 'fail'));
    expect(statusOf(result, 'aws-elb-listener-legacy-protocol', 'tls12-clb')).toBe('pass');
    expect(statusOf(result, 'aws-elb-listener-weak-cipher-suites', 'tls12-clb')).toBe('pass');
    // No Classic policy has TLS 1.3: unavoidable, and said so.
    const tls13 = result.findings.find((f) => f.ruleId === 'aws-elb-tls-1-3-not-supported' && f.resource.name === 'tls12-clb')!;
    expect([tls13.status, tls13.message]).toEqual(['fail', expect.stringContaining('Classic ELB has no TLS 1.3 policy')]);
    expect(statusOf(result, 'aws-elb-listener-legacy-protocol', 'http-only-clb')).toBe('not_applicable');
    const weak = result.findings.find((f) => f.ruleId === 'aws-elb-listener-weak-cipher-suites' && f.resource.name === 'legacy-clb')!;
    expect(weak.message).toContain('DES-CBC3-SHA');
    expect(statusOf(result, 'aws-elb-http-listener', 'legacy-clb')).toBe('fail');
    expect(result.findings.find((f) => f.ruleId === 'aws-elb-http-listener' && f.resource.name === 'http-only-clb')).toMatchObject({
      status: 'fail',
      messageId: 'noTls',
    });
    expect(statusOf(result, 'aws-elb-http-listener', 'tls12-clb')).toBe('pass');
    expect(statusOf(result, 'aws-elb-http-listener', 'internal-clb')).toBe('not_applicable');
    expect(statusOf(result, 'aws-elb-access-logs-off', 'legacy-clb')).toBe('fail');
    expect(statusOf(result, 'aws-elb-access-logs-off', 'tls12-clb')).toBe('pass');
  });

  it('OpenSearch: every setting of the bad domain fails, the look-alikes pass', () => {
    expect(statuses(result, OS_RULES, 'legacy-search')).toEqual(all(OS_RULES, 'legacy-search', 'fail'));
    expect(statuses(result, OS_RULES, 'private-search')).toEqual(all(OS_RULES, 'private-search', 'pass'));
    expect(statuses(result, OS_RULES, 'public-restricted-search')).toEqual(all(OS_RULES, 'public-restricted-search', 'pass'));
  });

  it('ElastiCache: replication groups and standalone Memcached', () => {
    expect(statuses(result, EC_RULES, 'plain-redis')).toEqual(all(EC_RULES, 'plain-redis', 'fail'));
    expect(statuses(result, EC_RULES, 'secure-redis')).toEqual(all(EC_RULES, 'secure-redis', 'pass'));
    expect(statuses(result, EC_RULES, 'plain-memcached')).toEqual([
      ['aws-elasticache-transit-encryption-off', 'plain-memcached', 'fail'],
      ['aws-elasticache-at-rest-encryption-off', 'plain-memcached', 'not_applicable'],
      ['aws-elasticache-redis-auth-off', 'plain-memcached', 'not_applicable'],
    ]);
    expect(statusOf(result, 'aws-elasticache-transit-encryption-off', 'tls-memcached')).toBe('pass');
  });

  it('Redshift: encryption, public access, and require_ssl from the parameter group', () => {
    const rules = ['aws-redshift-cluster-unencrypted', 'aws-redshift-cluster-public', 'aws-redshift-ssl-not-required'];
    expect(statuses(result, rules, 'open-warehouse')).toEqual(all(rules, 'open-warehouse', 'fail'));
    expect(statuses(result, rules, 'private-warehouse')).toEqual(all(rules, 'private-warehouse', 'pass'));
    const f = result.findings.find((x) => x.ruleId === 'aws-redshift-ssl-not-required' && x.resource.name === 'open-warehouse')!;
    expect(f.evidence).toMatchObject({ parameterGroup: 'default.redshift-1.0', require_ssl: 'false' });
  });
});

describe('one denied call per service', () => {
  let snapshot: Snapshot;
  let result: EvaluationResult;
  beforeAll(async () => {
    ({ snapshot, result } = await collect({
      deny: (r) => ['DescribeLoadBalancerPolicies', 'DescribeReplicationGroups', 'DescribeClusterParameters'].includes(r.operation),
      // OpenSearch speaks REST-JSON: its AccessDenied answer is JSON, not the query protocol's XML.
      respond: async (r) =>
        r.service === 'es' && r.operation === 'POST /2021-01-01/opensearch/domain-info'
          ? { status: 403, type: 'application/json', body: JSON.stringify({ __type: 'AccessDeniedException', message: 'not authorized: es:DescribeDomains' }) }
          : respond(r),
    }));
  }, 60000);

  const gaps = () => snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');

  it('every gap is in the coverage, as denied, on the right type', () => {
    const seen = gaps().map((g) => `${g.operation} ${g.resourceTypes.join(',')} ${g.resourceId ?? '*'} ${g.status}`);
    expect(seen.sort()).toEqual(
      [
        'DescribeLoadBalancerPolicies aws.elb.load-balancer-policies arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/legacy-clb denied',
        'DescribeLoadBalancerPolicies aws.elb.load-balancer-policies arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/tls12-clb denied',
        'DescribeDomains aws.opensearch.domain legacy-search denied',
        'DescribeDomains aws.opensearch.domain private-search denied',
        'DescribeDomains aws.opensearch.domain public-restricted-search denied',
        'DescribeReplicationGroups aws.elasticache.replication-group * denied',
        'DescribeReplicationGroups aws.elasticache.replication-group * denied',
        'DescribeClusterParameters aws.redshift.cluster-parameter-group default.redshift-1.0 denied',
        'DescribeClusterParameters aws.redshift.cluster-parameter-group tls-required denied',
      ].sort(),
    );
  });

  it('Classic ELB: a denied DescribeLoadBalancerPolicies makes exactly the policy rules unknown', () => {
    expect(statuses(result, CLB_POLICY_RULES, 'legacy-clb')).toEqual(all(CLB_POLICY_RULES, 'legacy-clb', 'unknown'));
    expect(statuses(result, CLB_POLICY_RULES, 'tls12-clb')).toEqual(all(CLB_POLICY_RULES, 'tls12-clb', 'unknown'));
    expect(statusOf(result, 'aws-elb-http-listener', 'legacy-clb')).toBe('fail');
    expect(statusOf(result, 'aws-elb-access-logs-off', 'legacy-clb')).toBe('fail');
    expect(statusOf(result, 'aws-elb-access-logs-off', 'tls12-clb')).toBe('pass');
  });

  it('OpenSearch: a denied DescribeDomains makes every rule of those domains unknown (their names are known from the listing)', () => {
    for (const name of ['legacy-search', 'private-search', 'public-restricted-search'])
      expect(statuses(result, OS_RULES, name)).toEqual(all(OS_RULES, name, 'unknown'));
  });

  it('ElastiCache: a denied DescribeReplicationGroups leaves the cache-cluster verdicts alone', () => {
    const unknownGroups = result.findings.filter((f) => EC_RULES.includes(f.ruleId) && f.resource.type === 'aws.elasticache.replication-group');
    expect(unknownGroups.length).toBeGreaterThan(0);
    expect(unknownGroups.every((f) => f.status === 'unknown')).toBe(true);
    expect(statusOf(result, 'aws-elasticache-transit-encryption-off', 'plain-memcached')).toBe('fail');
    expect(statusOf(result, 'aws-elasticache-transit-encryption-off', 'tls-memcached')).toBe('pass');
  });

  it('Redshift: a denied DescribeClusterParameters makes only the require_ssl rule unknown', () => {
    expect(statusOf(result, 'aws-redshift-ssl-not-required', 'open-warehouse')).toBe('unknown');
    expect(statusOf(result, 'aws-redshift-ssl-not-required', 'private-warehouse')).toBe('unknown');
    expect(statusOf(result, 'aws-redshift-cluster-unencrypted', 'open-warehouse')).toBe('fail');
    expect(statusOf(result, 'aws-redshift-cluster-public', 'open-warehouse')).toBe('fail');
    expect(statusOf(result, 'aws-redshift-cluster-public', 'private-warehouse')).toBe('pass');
  });
});

describe('OpenSearch with more domains than one DescribeDomains call takes', () => {
  it('describes them in batches of five, every domain once', async () => {
    const clients = awsClients(moto.endpoint, 'us-east-1');
    try {
      for (const i of [1, 2, 3, 4]) await clients.opensearch.send(new CreateDomainCommand({ DomainName: `extra-${i}`, EngineVersion: 'OpenSearch_2.11' }));
    } finally {
      clients.destroy();
    }
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: ['us-east-1'], services: ['opensearch'], maxAttempts: 1 });
    expect(out.apiCalls?.['opensearch:DescribeDomains']).toBe(2);
    expect(out.resources.map((r) => r.ref.id).sort()).toEqual(
      ['extra-1', 'extra-2', 'extra-3', 'extra-4', 'legacy-search', 'private-search', 'public-restricted-search'].sort(),
    );
    expect(out.coverage.filter((c) => c.status !== 'ok')).toEqual([]);
  }, 60000);
});
