/**
 * CloudFront, ACM and API Gateway end to end against a real moto_server, through the real SDK and the built-in
 * rules. moto's ListDistributions lacks the summaries' settings, so the fault proxy answers it in AWS's shape from
 * moto's own state (src/testing/moto-cloudfront.ts); every other call goes to moto. Certificates are generated
 * here (node-forge) and imported with ImportCertificate. One denied call per service makes exactly the rules
 * that depend on it unknown, with the gap in the coverage and in every report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EdgeSeed, seedAwsEdge } from '../../examples/demo/seed-aws-edge.js';
import { builtinRules } from '../../policies/index.js';
import { evaluateAndReport } from '../../src/cli/pipeline.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { type FaultProxy, type ProxiedRequest, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { cloudFrontListDistributions } from '../../src/testing/moto-cloudfront.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const CF_RULES = [
  'aws-cloudfront-viewer-http-allowed',
  'aws-cloudfront-viewer-legacy-tls',
  'aws-cloudfront-origin-insecure-protocol',
  'aws-cloudfront-logging-off',
];
const ACM_RULES = ['aws-acm-certificate-expired', 'aws-acm-certificate-expiring-soon', 'aws-acm-certificate-weak-key', 'aws-acm-certificate-idle-unsafe'];

let moto: MotoServer;
let proxy: FaultProxy;
let seed: EdgeSeed;
/** What the proxy denies in the current collection. */
let deny: (r: ProxiedRequest & { body: string }) => boolean = () => false;

async function collect(): Promise<{ snapshot: Snapshot; result: EvaluationResult; apiCalls: Record<string, number> }> {
  const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, services: ['cloudfront', 'acm', 'apigateway'], maxAttempts: 1 });
  const snapshot = mergeOutputs([out], new Date().toISOString());
  return { snapshot, result: evaluate(snapshot, builtinRules), apiCalls: out.apiCalls ?? {} };
}

function statusOf(result: EvaluationResult, rule: string, name: string, region: string): Status | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule && f.resource.name === name && f.resource.region === region);
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name}`);
  return hits[0]?.status;
}

const gaps = (s: Snapshot) => s.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');

beforeAll(async () => {
  moto = await startMoto();
  seed = await seedAwsEdge(moto.endpoint, REGIONS);
  proxy = await startFaultProxy({ target: moto.endpoint, deny: (r) => deny(r), respond: cloudFrontListDistributions(moto.endpoint) });
}, 120000);

afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
});

describe('CloudFront, ACM and API Gateway against moto (two regions)', () => {
  let snapshot: Snapshot;
  let result: EvaluationResult;
  let apiCalls: Record<string, number> = {};
  const listBodies: string[] = [];
  beforeAll(async () => {
    // Records what ListCertificates asks for (AWS, unlike moto, returns only RSA 2048 certificates by default).
    deny = (r) => {
      if (r.operation === 'CertificateManager.ListCertificates') listBodies.push(r.body);
      return false;
    };
    ({ snapshot, result, apiCalls } = await collect());
  }, 60000);

  it('ListCertificates asks for every key type in every region', () => {
    expect(listBodies).toHaveLength(2);
    for (const body of listBodies)
      expect((JSON.parse(body) as { Includes?: { keyTypes?: string[] } }).Includes?.keyTypes).toEqual(
        expect.arrayContaining(['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1']),
      );
  });

  it('reads everything: no coverage gap, the snapshot passes the schema, every certificate of every key type listed', () => {
    expect(gaps(snapshot)).toEqual([]);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
    const ids = (type: string, region: string) =>
      snapshot.resources
        .filter((r) => r.ref.type === type && r.ref.region === region)
        .map((r) => r.ref.name)
        .sort();
    expect(ids('aws.cloudfront.distribution', 'global')).toEqual(['cdn.demo.example', 'legacy-cdn.demo.example']);
    for (const region of REGIONS) {
      // The RSA 1024 and ECDSA certificates are listed too.
      expect(ids('aws.acm.certificate', region)).toEqual(Object.keys(seed.certificates[region] ?? {}).sort());
      expect(ids('aws.apigateway.domain-name', region)).toEqual([
        'api.demo.example',
        'http.demo.example',
        'legacy-api.demo.example',
        'legacy-http.demo.example',
      ]);
      expect(ids('aws.apigateway.stage', region)).toEqual(['events/$default', 'events/prod', 'orders/dev', 'orders/prod']);
    }
    const legacy = snapshot.resources.find((r) => r.ref.name === 'legacy-cdn.demo.example')!.data as Record<string, unknown>;
    expect(legacy).toMatchObject({
      viewerCertificate: { minimumProtocolVersion: 'TLSv1_2016', cloudFrontDefaultCertificate: false },
      behaviors: [
        { pathPattern: null, viewerProtocolPolicy: 'allow-all' },
        { pathPattern: '/api/*', viewerProtocolPolicy: 'https-only' },
      ],
      logging: { enabled: false },
    });
  });

  it('API calls: list calls per region, one call per distribution, certificate and API only where AWS has no batch', () => {
    const n = (k: string) => apiCalls[k];
    expect([n('cloudfront:ListDistributions'), n('cloudfront:GetDistributionConfig')]).toEqual([1, 2]);
    expect([n('acm:ListCertificates'), n('acm:DescribeCertificate')]).toEqual([2, 12]);
    expect([n('apigateway:GetDomainNames'), n('apigatewayv2:GetDomainNames'), n('apigateway:GetRestApis'), n('apigatewayv2:GetApis')]).toEqual([2, 2, 2, 2]);
    expect([n('apigateway:GetStages'), n('apigatewayv2:GetStages')]).toEqual([2, 2]);
  });

  it('CloudFront: each problem fails, its look-alike passes', () => {
    for (const rule of CF_RULES) {
      expect([rule, statusOf(result, rule, 'legacy-cdn.demo.example', 'global')]).toEqual([rule, 'fail']);
      expect([rule, statusOf(result, rule, 'cdn.demo.example', 'global')]).toEqual([rule, 'pass']);
    }
    const origin = result.findings.find((f) => f.ruleId === 'aws-cloudfront-origin-insecure-protocol' && f.status === 'fail')!;
    expect(origin.message).toContain('plain HTTP (http-only)');
    expect(origin.message).toContain('offers TLSv1, TLSv1.1');
  });

  it.each(REGIONS)('ACM: in-use problems at their severity, idle ones at low (%s)', (region) => {
    const s = (rule: string, name: string) => statusOf(result, rule, name, region);
    expect(s('aws-acm-certificate-expired', 'expired.demo.example')).toBe('fail');
    expect(s('aws-acm-certificate-expired', 'idle-expired.demo.example')).toBe('not_applicable');
    expect(s('aws-acm-certificate-idle-unsafe', 'idle-expired.demo.example')).toBe('fail');
    expect(s('aws-acm-certificate-expiring-soon', 'expiring.demo.example')).toBe('fail');
    expect(s('aws-acm-certificate-weak-key', 'weak.demo.example')).toBe('fail');
    for (const rule of ['aws-acm-certificate-expired', 'aws-acm-certificate-expiring-soon', 'aws-acm-certificate-weak-key'])
      expect([rule, s(rule, 'good.demo.example')]).toEqual([rule, 'pass']);
    expect(s('aws-acm-certificate-idle-unsafe', 'idle-good.demo.example')).toBe('pass');
    const expired = result.findings.find((f) => f.ruleId === 'aws-acm-certificate-expired' && f.status === 'fail' && f.resource.region === region)!;
    expect([expired.severity, expired.message]).toEqual(['high', expect.stringContaining('is in use by 1 resource(s)')]);
    const idle = result.findings.find((f) => f.ruleId === 'aws-acm-certificate-idle-unsafe' && f.status === 'fail' && f.resource.region === region)!;
    expect([idle.severity, idle.message]).toEqual(['low', expect.stringContaining('is not in use')]);
  });

  it.each(REGIONS)('API Gateway: TLS 1.0 domains of both APIs and stages without access logs (%s)', (region) => {
    const s = (rule: string, name: string) => statusOf(result, rule, name, region);
    expect(['legacy-api.demo.example', 'legacy-http.demo.example'].map((d) => s('aws-apigateway-domain-legacy-tls', d))).toEqual(['fail', 'fail']);
    expect(['api.demo.example', 'http.demo.example'].map((d) => s('aws-apigateway-domain-legacy-tls', d))).toEqual(['pass', 'pass']);
    const logging = ['orders/prod', 'orders/dev', 'events/prod', 'events/$default'].map((st) => s('aws-apigateway-stage-access-logging-off', st));
    expect(logging).toEqual(['pass', 'fail', 'pass', 'fail']);
  });
});

describe('denied calls make exactly the dependent rules unknown', () => {
  it('cloudfront:ListDistributions and apigatewayv2 GetDomainNames (eu-west-1) denied', async () => {
    deny = (r) => r.operation === 'GET /2020-05-31/distribution' || (r.operation === 'GET /v2/domainnames' && r.region === 'eu-west-1');
    const { snapshot, result } = await collect();
    const found = gaps(snapshot).map((g) => [g.service, g.region, g.operation, g.status, g.errorCode, g.resourceTypes]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['cloudfront', 'global', 'ListDistributions', 'denied', 'AccessDenied', ['aws.cloudfront.distribution']],
        ['cloudfront', 'global', 'ListDistributions', 'error', 'NotListed', ['aws.cloudfront.distribution-config']],
        ['apigatewayv2', 'eu-west-1', 'GetDomainNames', 'denied', 'AccessDeniedException', ['aws.apigateway.domain-name']],
      ]),
    );
    expect(found).toHaveLength(3);
    for (const rule of CF_RULES) expect([rule, result.findings.filter((f) => f.ruleId === rule).map((f) => f.status)]).toEqual([rule, ['unknown']]);
    // The REST listing still read eu-west-1's REST domain; the region as a whole is unknown for the HTTP API domains.
    expect(statusOf(result, 'aws-apigateway-domain-legacy-tls', 'legacy-api.demo.example', 'eu-west-1')).toBe('fail');
    expect(statusOf(result, 'aws-apigateway-domain-legacy-tls', 'legacy-http.demo.example', 'eu-west-1')).toBeUndefined();
    expect(statusOf(result, 'aws-apigateway-domain-legacy-tls', 'all aws.apigateway.domain-name in eu-west-1', 'eu-west-1')).toBe('unknown');
    expect(statusOf(result, 'aws-apigateway-domain-legacy-tls', 'legacy-http.demo.example', 'us-east-1')).toBe('fail');
    expect(statusOf(result, 'aws-apigateway-stage-access-logging-off', 'orders/dev', 'eu-west-1')).toBe('fail');
    expect(statusOf(result, 'aws-acm-certificate-weak-key', 'weak.demo.example', 'eu-west-1')).toBe('fail');
  }, 60000);

  it('acm:DescribeCertificate of one certificate and cloudfront:GetDistributionConfig denied: the gaps are in every report', async () => {
    const weak = seed.certificates['eu-west-1']?.['weak.demo.example'] ?? 'missing';
    deny = (r) =>
      (r.operation === 'CertificateManager.DescribeCertificate' && r.body.includes(weak)) ||
      /^GET \/2020-05-31\/distribution\/[^/]+\/config$/.test(r.operation);
    const { snapshot, result } = await collect();
    expect(gaps(snapshot).map((g) => [g.service, g.operation, g.status, g.resourceId])).toEqual(
      expect.arrayContaining([
        ['acm', 'DescribeCertificate', 'denied', weak],
        ['cloudfront', 'GetDistributionConfig', 'denied', seed.distributions['cdn.demo.example']],
        ['cloudfront', 'GetDistributionConfig', 'denied', seed.distributions['legacy-cdn.demo.example']],
      ]),
    );
    expect(gaps(snapshot)).toHaveLength(3);
    for (const rule of ACM_RULES) {
      expect([rule, statusOf(result, rule, 'weak.demo.example', 'eu-west-1')]).toEqual([rule, 'unknown']);
      expect([rule, statusOf(result, rule, 'weak.demo.example', 'us-east-1')]).not.toEqual([rule, 'unknown']);
    }
    expect(statusOf(result, 'aws-acm-certificate-expired', 'expired.demo.example', 'eu-west-1')).toBe('fail');
    expect(statusOf(result, 'aws-cloudfront-logging-off', 'legacy-cdn.demo.example', 'global')).toBe('unknown');
    for (const rule of CF_RULES.filter((r) => r !== 'aws-cloudfront-logging-off'))
      expect([rule, statusOf(result, rule, 'legacy-cdn.demo.example', 'global')]).toEqual([rule, 'fail']);

    const out = mkdtempSync(join(tmpdir(), 'vigil-edge-'));
    await evaluateAndReport(snapshot, { flags: { out, failOn: 'none', quiet: true, format: 'sarif,html,json,csv' }, config: {} });
    for (const file of ['findings.json', 'report.html', 'vigil.sarif', 'findings.csv']) {
      const text = readFileSync(join(out, file), 'utf8');
      expect([file, text.includes('DescribeCertificate'), text.includes('GetDistributionConfig')]).toEqual([file, true, true]);
    }
  }, 60000);
});
