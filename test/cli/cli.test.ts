import { describe, expect, it, beforeAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';
import { gap, resource, snapshotOf } from '../support/rule-tester.js';

const BIN = join(PACKAGE_ROOT, 'src', 'cli', 'bin.js');
const RULES_DIR = join(PACKAGE_ROOT, 'test', 'fixtures', 'custom-rules');

function vigil(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vigil CLI (subprocess, as a user runs it)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    writeFileSync(join(dir, 'open.json'), JSON.stringify(snapshotOf([resource('aws.test.thing', 'thing-1', { open: true }), resource('aws.test.thing', 'thing-2', { open: false })])));
    writeFileSync(join(dir, 'closed.json'), JSON.stringify(snapshotOf([resource('aws.test.thing', 'thing-2', { open: false })])));
    writeFileSync(join(dir, 'gap.json'), JSON.stringify(snapshotOf([resource('aws.test.thing', 'thing-2', { open: false })], [gap(['aws.test.thing'], { region: 'eu-west-1' })])));
  });

  it('evaluate: exit 1 on a failure at or above --fail-on, and writes the reports', () => {
    const r = vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'out1'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings = JSON.parse(readFileSync(join(dir, 'out1', 'findings.json'), 'utf8'));
    expect(findings.findings.map((f: { resource: { id: string }; status: string }) => [f.resource.id, f.status])).toEqual([
      ['thing-1', 'fail'],
      ['thing-2', 'pass'],
    ]);
    expect(existsSync(join(dir, 'out1', 'vigil.sarif'))).toBe(true);
    expect(existsSync(join(dir, 'out1', 'report.html'))).toBe(true);
  });

  it('evaluate: exit 0 with --fail-on none, or when the failure is below the threshold', () => {
    expect(vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o2', '--fail-on', 'none', '--format', 'json'], dir).code).toBe(0);
    expect(vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o3', '--fail-on', 'critical', '--format', 'json'], dir).code).toBe(0);
    expect(vigil(['evaluate', 'closed.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o4', '--format', 'json'], dir).code).toBe(0);
  });

  it('evaluate --strict: exit 3 when coverage has gaps and nothing failed; the gap is unknown, not pass', () => {
    const r = vigil(['evaluate', 'gap.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o5', '--format', 'json', '--strict'], dir);
    expect(r.code).toBe(3);
    const findings = JSON.parse(readFileSync(join(dir, 'o5', 'findings.json'), 'utf8'));
    expect(findings.findings.find((f: { resource: { region: string } }) => f.resource.region === 'eu-west-1').status).toBe('unknown');
  });

  it('a malformed snapshot: exit 2, naming the file and the JSON path, and no report is touched', () => {
    const s = snapshotOf([resource('aws.test.thing', 'x', { open: true })]) as unknown as { resources: { ref: { region?: string } }[] };
    delete s.resources[0].ref.region;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(s));
    const r = vigil(['evaluate', 'bad.json', '--out', 'out1'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: $.resources[0].ref: missing required property "region"');
    expect(r.stderr).toContain('fix:');
    expect(JSON.parse(readFileSync(join(dir, 'out1', 'findings.json'), 'utf8')).findings).toHaveLength(2);
  });

  it('usage errors exit 2: unknown flag, unknown format, unknown rule, missing snapshot, bad config', () => {
    expect(vigil(['evaluate', 'open.json', '--no-such-flag'], dir).code).toBe(2);
    const fmt = vigil(['evaluate', 'open.json', '--format', 'pdf'], dir);
    expect([fmt.code, fmt.stderr]).toEqual([2, expect.stringContaining('--format: unknown report format "pdf"')]);
    expect(vigil(['evaluate', 'open.json', '--rules', 'no-such-rule'], dir).code).toBe(2);
    expect(vigil(['evaluate', 'missing.json'], dir).stderr).toContain('missing.json: cannot read snapshot (ENOENT)');
    writeFileSync(join(dir, 'bad.yaml'), 'output:\n  failOn: sometimes\n');
    const cfg = vigil(['evaluate', 'open.json', '--config', 'bad.yaml'], dir);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain('bad.yaml: $.output.failOn (line 2, column 11)');
  });

  it('rules: lists the built-in catalogue and explains a rule', () => {
    const r = vigil(['rules'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ rules/);
  });
});
