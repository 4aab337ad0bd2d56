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
