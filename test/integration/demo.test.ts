import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseSnapshot } from '../../src/model/schema.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const TSX = join(PACKAGE_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const DEMO = join(PACKAGE_ROOT, 'examples', 'demo', 'demo.ts');

function runDemo(env: NodeJS.ProcessEnv) {
  const out = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  const r = spawnSync(process.execPath, [TSX, DEMO, '--out', out], { cwd: PACKAGE_ROOT, encoding: 'utf8', env, timeout: 180000 });
  return { ...r, out };
}

function checkReports(out: string): void {
  const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
  const providers = new Set(findings.findings.map((f: { resource: { provider: string } }) => f.resource.provider));
  expect([...providers].sort()).toEqual(['aws', 'gcp', 'tls']);
  // Encryption in transit and at rest of Classic ELB, OpenSearch, ElastiCache, Redshift: each problem next to a look-alike.
  const status = (rule: string, name: string) =>
    findings.findings.find((f: { ruleId: string; resource: { name: string } }) => f.ruleId === rule && f.resource.name === name)?.status;
  const pairs: Array<[string, string, string]> = [
    ['aws-elb-listener-legacy-protocol', 'legacy-clb', 'tls12-clb'],
    ['aws-elb-listener-weak-cipher-suites', 'legacy-clb', 'tls12-clb'],
    ['aws-elb-http-listener', 'http-only-clb', 'tls12-clb'],
    ['aws-elb-access-logs-off', 'legacy-clb', 'tls12-clb'],
    ['aws-opensearch-https-not-enforced', 'legacy-search', 'private-search'],
    ['aws-opensearch-tls-policy-weak', 'legacy-search', 'private-search'],
    ['aws-opensearch-node-to-node-encryption-off', 'legacy-search', 'private-search'],
    ['aws-opensearch-at-rest-encryption-off', 'legacy-search', 'private-search'],
    ['aws-opensearch-domain-public', 'legacy-search', 'public-restricted-search'],
    ['aws-elasticache-transit-encryption-off', 'plain-redis', 'secure-redis'],
    ['aws-elasticache-transit-encryption-off', 'plain-memcached', 'tls-memcached'],
    ['aws-elasticache-at-rest-encryption-off', 'plain-redis', 'secure-redis'],
    ['aws-elasticache-redis-auth-off', 'plain-redis', 'secure-redis'],
    ['aws-redshift-cluster-unencrypted', 'open-warehouse', 'private-warehouse'],
    ['aws-redshift-cluster-public', 'open-warehouse', 'private-warehouse'],
  ];
  for (const [rule, bad, fine] of pairs) expect([rule, status(rule, bad), status(rule, fine)]).toEqual([rule, 'fail', 'pass']);
  // Classic ELB has no TLS 1.3 policy: even the look-alike fails; moto lists require_ssl=false for every Redshift group.
  expect(status('aws-elb-tls-1-3-not-supported', 'tls12-clb')).toBe('fail');
  expect(status('aws-redshift-ssl-not-required', 'open-warehouse')).toBe('fail');
  // At least one failing finding from each service issue 14 added (each seeded next to a look-alike that passes).
  const failing = new Set(findings.findings.filter((f: { status: string }) => f.status === 'fail').map((f: { ruleId: string }) => f.ruleId));
  const passing = new Set(findings.findings.filter((f: { status: string }) => f.status === 'pass').map((f: { ruleId: string }) => f.ruleId));
  for (const rule of [
    'aws-guardduty-disabled',
    'aws-config-not-recording',
    'aws-securityhub-disabled',
    'aws-log-group-retention-short',
    'aws-log-group-not-kms-encrypted',
    'aws-cis-alarm-root-usage',
    'aws-sns-topic-unencrypted',
    'aws-sqs-queue-unencrypted',
    'aws-sqs-queue-policy-public',
    'aws-lambda-env-secrets',
    'aws-dynamodb-pitr-off',
    'aws-efs-unencrypted',
    'aws-secretsmanager-rotation-off',
    'aws-eks-endpoint-public',
    'aws-eks-secrets-unencrypted',
    'aws-eks-audit-logging-off',
    'aws-backup-resource-not-covered',
    'aws-rds-multi-az-off',
  ])
    expect([rule, failing.has(rule)]).toEqual([rule, true]);
  for (const rule of ['aws-guardduty-disabled', 'aws-sqs-queue-policy-public', 'aws-eks-endpoint-public', 'aws-sns-topic-unencrypted', 'aws-rds-multi-az-off'])
    expect([rule, passing.has(rule)]).toEqual([rule, true]);
  // moto lacks the AWS Backup selection calls: the region with a plan is unknown, never a pass.
  const backup = findings.findings.filter((f: { ruleId: string }) => f.ruleId === 'aws-backup-resource-not-covered');
  expect(backup.some((f: { status: string }) => f.status === 'pass')).toBe(false);
  expect(backup.some((f: { status: string; resource: { region: string } }) => f.status === 'unknown' && f.resource.region === 'eu-west-1')).toBe(true);
  const compliance = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8'));
  expect(JSON.stringify(compliance)).toMatch(/hipaa/);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain('HIPAA');
  expect(html).toContain('PCI DSS');
  // The demo seeds a security group named like an XSS payload: it must never appear as markup.
  expect(html).not.toContain('<img src=x onerror');
  expect(JSON.parse(readFileSync(join(out, 'vigil.sarif'), 'utf8')).version).toBe('2.1.0');
  parseSnapshot(readFileSync(join(out, 'snapshot.json'), 'utf8'));
}

describe('npm run demo', () => {
  it('audits moto, local TLS endpoints and the GCP export sample, and writes every report', () => {
    const r = runDemo(process.env);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('starting moto_server');
    expect(r.stdout).toContain('reports written to');
    checkReports(r.out);
    // The edge seed: each problem fails and its look-alike passes (CloudFront, ACM, API Gateway).
    const findings: Array<{ ruleId: string; status: string; resource: { name: string; region: string } }> = JSON.parse(
      readFileSync(join(r.out, 'findings.json'), 'utf8'),
    ).findings;
    const status = (rule: string, name: string, region: string) =>
      findings.find((f) => f.ruleId === rule && f.resource.name === name && f.resource.region === region)?.status;
    expect([
      status('aws-cloudfront-viewer-http-allowed', 'legacy-cdn.demo.example', 'global'),
      status('aws-cloudfront-viewer-http-allowed', 'cdn.demo.example', 'global'),
      status('aws-cloudfront-origin-insecure-protocol', 'legacy-cdn.demo.example', 'global'),
      status('aws-cloudfront-viewer-legacy-tls', 'cdn.demo.example', 'global'),
      status('aws-acm-certificate-expired', 'expired.demo.example', 'eu-west-1'),
      status('aws-acm-certificate-expired', 'good.demo.example', 'eu-west-1'),
      status('aws-acm-certificate-idle-unsafe', 'idle-expired.demo.example', 'us-east-1'),
      status('aws-apigateway-domain-legacy-tls', 'legacy-http.demo.example', 'us-east-1'),
      status('aws-apigateway-domain-legacy-tls', 'api.demo.example', 'us-east-1'),
      status('aws-apigateway-stage-access-logging-off', 'orders/dev', 'eu-west-1'),
    ]).toEqual(['fail', 'pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'fail', 'pass', 'fail']);
  });

  it('without moto_server, says so and evaluates the bundled AWS snapshot instead', () => {
    // A PATH with only Node's own directory: wherever moto_server is installed, the demo cannot see it.
    const r = runDemo({ ...process.env, PATH: dirname(process.execPath) });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("pip install 'moto[server]'");
    expect(r.stdout).toContain('Evaluating the bundled AWS snapshot');
    checkReports(r.out);
  });
});
