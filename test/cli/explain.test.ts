import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';
import { runCliSync } from '../support/cli.js';
import { EBS_ENCRYPTION_DEFAULT } from '../../src/model/aws/ebs.js';
import type { CoverageEntry, Resource } from '../../src/model/types.js';
import { collectedSnapshot, gap, resource } from '../support/rule-tester.js';

const snapshotOf = (resources: Resource[], gaps: CoverageEntry[] = []) => collectedSnapshot(resources, [EBS_ENCRYPTION_DEFAULT], gaps);

const RULES_DIR = join(PACKAGE_ROOT, 'test', 'fixtures', 'custom-rules');
const BASE = ['--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--format', 'json'];
const plainEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '' };
  delete env.FORCE_COLOR;
  return env;
};

describe('the terminal explains itself (subprocess, stdout not a terminal)', () => {
  let dir: string;
  const vigil = (args: string[], env?: NodeJS.ProcessEnv) => runCliSync(args, { cwd: dir, env });
  const lastLine = (out: string) => out.trimEnd().split('\n').pop();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-explain-'));
    const many = Array.from({ length: 8 }, (_, i) =>
      resource(EBS_ENCRYPTION_DEFAULT, `thing-${i}`, { region: 'us-east-1', enabled: i >= 7 }, { name: `web-${i}-${'long-name-'.repeat(15)}` }),
    );
    writeFileSync(join(dir, 'open.json'), JSON.stringify(snapshotOf(many)));
    writeFileSync(
      join(dir, 'gap.json'),
      JSON.stringify(
        snapshotOf(
          [resource(EBS_ENCRYPTION_DEFAULT, 'thing-2', { region: 'us-east-1', enabled: true })],
          [gap([EBS_ENCRYPTION_DEFAULT], { region: 'eu-west-1' })],
        ),
      ),
    );
    writeFileSync(join(dir, 'medium.yaml'), 'output:\n  failOn: medium\n');
  });

  it('closes with the exit code and the setting that decided it, and where the setting came from', () => {
    const fromConfig = vigil(['evaluate', 'open.json', ...BASE, '--out', 'o1', '--config', 'medium.yaml']);
    expect(fromConfig.code).toBe(1);
    expect(lastLine(fromConfig.stdout)).toBe('FAIL (exit 1): 7 open failures at or above medium (fail-on medium from medium.yaml)');
    const byDefault = vigil(['evaluate', 'open.json', ...BASE, '--out', 'o2']);
    expect(lastLine(byDefault.stdout)).toBe('FAIL (exit 1): 7 open failures at or above high (fail-on high, the default)');
    const below = vigil(['evaluate', 'open.json', ...BASE, '--out', 'o3', '--fail-on', 'critical']);
    expect([below.code, lastLine(below.stdout)]).toEqual([0, 'PASS (exit 0): 7 open failures, all below critical (--fail-on critical)']);
    const strict = vigil(['evaluate', 'gap.json', ...BASE, '--out', 'o4', '--strict']);
    expect([strict.code, lastLine(strict.stdout)]).toEqual([
      3,
      'INCOMPLETE (exit 3): 1 coverage gap and --strict; no open failure at or above high (fail-on high, the default)',
    ]);
    const lax = vigil(['evaluate', 'gap.json', ...BASE, '--out', 'o5']);
    expect([lax.code, lastLine(lax.stdout)]).toEqual([
      0,
      'PASS (exit 0): no open failure (fail-on high, the default); 1 check unknown (not passed); 1 coverage gap (--strict would exit 3)',
    ]);
  });

  it('--verbose lists every failing resource; long names are not cut when stdout is not a terminal', () => {
    const brief = vigil(['evaluate', 'open.json', ...BASE, '--out', 'o6'], plainEnv());
    expect(brief.stdout).not.toContain('thing-6');
    const verbose = vigil(['evaluate', 'open.json', ...BASE, '--out', 'o7', '--verbose'], plainEnv());
    expect(verbose.stdout).toContain('Failing rules');
    for (let i = 0; i < 7; i++) expect(verbose.stdout).toContain(`web-${i}-${'long-name-'.repeat(15)} (thing-${i})`);
    expect(verbose.stdout).not.toContain('thing-7)');
    expect(verbose.stdout).not.toContain('…');
  });

  it('FORCE_COLOR colours a non-terminal stdout; NO_COLOR wins over it', () => {
    expect(vigil(['evaluate', 'open.json', ...BASE, '--out', 'o8'], { ...plainEnv(), FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(vigil(['evaluate', 'open.json', ...BASE, '--out', 'o9'], plainEnv()).stdout).not.toContain('\u001b[');
    expect(vigil(['evaluate', 'open.json', ...BASE, '--out', 'o10'], { ...plainEnv(), FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  it('--format csv,ocsf,asff writes the exports', () => {
    const r = vigil([
      'evaluate',
      'open.json',
      '--rules-dir',
      RULES_DIR,
      '--rules',
      'custom-open-thing',
      '--out',
      'ex',
      '--format',
      'csv,ocsf,asff',
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'ex', 'findings.csv'), 'utf8').split('\r\n')).toHaveLength(1 + 8 + 1);
    expect(JSON.parse(readFileSync(join(dir, 'ex', 'findings.ocsf.json'), 'utf8'))).toHaveLength(8);
    expect(JSON.parse(readFileSync(join(dir, 'ex', 'securityhub-findings.json'), 'utf8'))).toHaveLength(8);
    expect(existsSync(join(dir, 'ex', 'report.html'))).toBe(false);
  });

  it('rules and frameworks take --format json; `rules show` lists the controls a rule evidences', () => {
    const list = vigil(['rules', '--format', 'json']);
    const rules = JSON.parse(list.stdout);
    expect(rules.length).toBeGreaterThan(10);
    const admin = rules.find((r: { id: string }) => r.id === 'aws-sg-open-admin-port');
    expect(admin).toMatchObject({ pack: 'network', severity: expect.any(String), resourceTypes: ['aws.ec2.security-group'] });
    expect(admin.controls.length).toBeGreaterThan(0);
    const show = vigil(['rules', 'show', 'aws-sg-open-admin-port']);
    expect(show.stdout).toContain('Evidences these framework controls:');
    for (const c of admin.controls) expect(show.stdout).toContain(`  ${c.framework} ${c.control}  ${c.title}`);
    expect(JSON.parse(vigil(['rules', 'show', 'aws-sg-open-admin-port', '--format', 'json']).stdout)).toEqual(admin);
    const fws = JSON.parse(vigil(['frameworks', '--format', 'json']).stdout);
    expect(fws.map((f: { id: string }) => f.id)).toEqual(['hipaa', 'soc2', 'pci-dss-4.0', 'cis-aws-foundations', 'cis-gcp-foundations']);
    const hipaa = JSON.parse(vigil(['frameworks', 'show', 'hipaa', '--format', 'json']).stdout);
    expect(hipaa.controls.find((c: { id: string }) => c.id === '164.312(e)(1)').rules.length).toBeGreaterThan(0);
    expect(hipaa.counts.controls).toBe(hipaa.controls.length);
  });
});
