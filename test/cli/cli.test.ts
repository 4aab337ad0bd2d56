import { describe, expect, it, beforeAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoverageEntry, Resource } from '../../src/model/types.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { CLI_BIN, runCliSync } from '../support/cli.js';
import { EBS_ENCRYPTION_DEFAULT } from '../../src/model/aws/ebs.js';
import { sg } from '../support/aws-ec2.js';
import { collectedSnapshot, gap, resource, snapshotOf as bareSnapshot } from '../support/rule-tester.js';

const snapshotOf = (resources: Resource[], gaps: CoverageEntry[] = []) => collectedSnapshot(resources, [EBS_ENCRYPTION_DEFAULT], gaps);

const RULES_DIR = join(PACKAGE_ROOT, 'test', 'fixtures', 'custom-rules');

const vigil = (args: string[], cwd: string) => runCliSync(args, { cwd });

describe('vigil CLI (subprocess, as a user runs it)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    writeFileSync(
      join(dir, 'open.json'),
      JSON.stringify(
        snapshotOf([
          resource(EBS_ENCRYPTION_DEFAULT, 'thing-1', { region: 'us-east-1', enabled: false }),
          resource(EBS_ENCRYPTION_DEFAULT, 'thing-2', { region: 'us-east-1', enabled: true }),
        ]),
      ),
    );
    writeFileSync(join(dir, 'closed.json'), JSON.stringify(snapshotOf([resource(EBS_ENCRYPTION_DEFAULT, 'thing-2', { region: 'us-east-1', enabled: true })])));
    writeFileSync(
      join(dir, 'gap.json'),
      JSON.stringify(
        snapshotOf(
          [resource(EBS_ENCRYPTION_DEFAULT, 'thing-2', { region: 'us-east-1', enabled: true })],
          [gap([EBS_ENCRYPTION_DEFAULT], { region: 'eu-west-1' })],
        ),
      ),
    );
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
    expect(
      vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o2', '--fail-on', 'none', '--format', 'json'], dir)
        .code,
    ).toBe(0);
    expect(
      vigil(
        ['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o3', '--fail-on', 'critical', '--format', 'json'],
        dir,
      ).code,
    ).toBe(0);
    expect(vigil(['evaluate', 'closed.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o4', '--format', 'json'], dir).code).toBe(0);
  });

  it('evaluate --strict: exit 3 when coverage has gaps and nothing failed; the gap is unknown, not pass', () => {
    const r = vigil(['evaluate', 'gap.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o5', '--format', 'json', '--strict'], dir);
    expect(r.code).toBe(3);
    const findings = JSON.parse(readFileSync(join(dir, 'o5', 'findings.json'), 'utf8'));
    expect(findings.findings.find((f: { resource: { region: string } }) => f.resource.region === 'eu-west-1').status).toBe('unknown');
  });

  it('a malformed snapshot: exit 2, naming the file and the JSON path, and no report is touched', () => {
    const s = snapshotOf([resource(EBS_ENCRYPTION_DEFAULT, 'x', { region: 'us-east-1', enabled: false })]) as unknown as {
      resources: { ref: { region?: string } }[];
    };
    delete s.resources[0]!.ref.region;
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

  /** Exit 2, the message on stderr (never a stack trace), nothing on stdout. */
  const inputError = (r: { code: number | null; stdout: string; stderr: string }, ...parts: string[]) => {
    expect(r.code).toBe(2);
    for (const p of parts) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    expect(r.stdout).toBe('');
  };
  const reportsOf = (out: string) => Object.fromEntries(readdirSync(join(dir, out)).map((n) => [n, readFileSync(join(dir, out, n), 'utf8')]));

  it("commander's usage errors name the command and where to look; --help and --version exit 0, a bare `vigil` exits 2", () => {
    inputError(vigil(['evaluate', 'open.json', '--no-such-flag'], dir), "vigil evaluate: unknown option '--no-such-flag'", 'fix: see `vigil evaluate --help`');
    inputError(vigil(['rules', 'show'], dir), "vigil rules show: missing required argument 'id'", 'fix: see `vigil rules show --help`');
    inputError(vigil(['evaluate', 'open.json', '--fail-on'], dir), "vigil evaluate: option '--fail-on <severity>' argument missing");
    inputError(vigil(['scan'], dir), "vigil: unknown command 'scan'", 'fix: see `vigil --help`');
    const bare = vigil([], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: vigil');
    expect(vigil(['--help'], dir).code).toBe(0);
    expect(vigil(['audit', '--help'], dir).code).toBe(0);
    expect(vigil(['--version'], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('bad input files exit 2 naming the file, the place and the fix, and leave the earlier reports untouched', () => {
    expect(vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--out', 'out-keep'], dir).code).toBe(1);
    const before = reportsOf('out-keep');
    expect(Object.keys(before).sort()).toEqual(['findings.json', 'report.html', 'vigil-manifest.json', 'vigil.sarif']);
    writeFileSync(join(dir, 'truncated.json'), '{"schemaVersion": 1, "resources": [');
    inputError(vigil(['evaluate', 'truncated.json', '--out', 'out-keep'], dir), 'truncated.json: line 1, column 36: not valid JSON', 'fix:');
    writeFileSync(join(dir, 'bad-options.yaml'), 'rules:\n  custom-open-thing:\n    options: { ports: [22] }\n');
    inputError(
      vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--config', 'bad-options.yaml', '--out', 'out-keep'], dir),
      'bad-options.yaml: $.rules.custom-open-thing.options (line 3, column 14)',
      'fix: see `vigil rules show custom-open-thing`',
    );
    writeFileSync(
      join(dir, 'fw.yaml'),
      'id: mine\ntitle: Mine\nversion: "1"\nsource: https://example.invalid\ndescription: Mine.\ncontrols:\n  - id: C1\n    title: One\n    description: One.\n    rules:\n      - id: no-such-rule\n        rationale: x\n',
    );
    inputError(vigil(['evaluate', 'open.json', '--framework-file', 'fw.yaml', '--out', 'out-keep'], dir), 'fw.yaml: $.controls[0].rules[0].id', 'no-such-rule');
    writeFileSync(join(dir, 'targets.txt'), '# endpoints\n127.0.0.1:443\nhost:99999\n');
    inputError(vigil(['audit', '--tls-targets', 'targets.txt', '--out', 'out-keep'], dir), 'targets.txt: line 3', '"99999" is not a port', 'fix:');
    inputError(vigil(['audit', '--tls-targets', 'missing.txt', '--out', 'out-keep'], dir), 'missing.txt: cannot read the TLS targets file (ENOENT)', 'fix:');
    inputError(vigil(['evaluate', 'open.json', '--framework', 'iso27001', '--out', 'out-keep'], dir), '--framework: unknown framework "iso27001"', 'fix:');
    expect(reportsOf('out-keep')).toEqual(before);
  });

  it('audit checks formats, --fail-on, rules and tunables before collecting anything', () => {
    writeFileSync(join(dir, 'bad-options.yaml'), 'rules:\n  custom-open-thing:\n    options: { ports: [22] }\n');
    // 127.0.0.1:9 is never probed: each of these fails before the collection starts, so no snapshot is saved.
    const base = ['audit', '--tls', '127.0.0.1:9', '--snapshot', 'early.json', '--out', 'out-early'];
    inputError(vigil([...base, '--format', 'pdf'], dir), '--format: unknown report format "pdf"');
    inputError(vigil([...base, '--fail-on', 'sometimes'], dir), '--fail-on: unknown severity "sometimes"');
    inputError(vigil([...base, '--rules', 'no-such-rule'], dir), '--rules: unknown rule "no-such-rule"');
    inputError(vigil([...base, '--config', 'bad-options.yaml', '--rules-dir', RULES_DIR], dir), 'bad-options.yaml: $.rules.custom-open-thing.options');
    inputError(vigil([...base, '--tls-discover', '0'], dir), '--tls-discover: "0" is not a port');
    inputError(
      vigil(['audit', '--provider', 'aws', '--services', 'ec2,ec3', '--snapshot', 'early.json'], dir),
      '--services: unknown AWS service "ec3"',
      'fix: use a comma list of ec2, iam',
    );
    expect(existsSync(join(dir, 'early.json'))).toBe(false);
    expect(existsSync(join(dir, 'out-early'))).toBe(false);
  });

  it('an output path that cannot be written is an input error naming the path and the flag', () => {
    inputError(
      vigil(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'open.json/reports'], dir),
      'open.json/reports: cannot create the output directory (ENOTDIR',
      'fix: choose a writable location with --out',
    );
    inputError(
      vigil(['audit', '--tls', '127.0.0.1:9', '--out', 'open.json/reports'], dir),
      'open.json/reports: cannot create the output directory (ENOTDIR)',
      'fix: choose a writable location with --out',
    );
    const collect = vigil(['collect', '--tls', '127.0.0.1:9', '--out', 'open.json/snap.json', '--no-progress'], dir);
    inputError(collect, 'open.json/snap.json: cannot write the file (', 'fix: choose a writable location with --out');
  });

  it('output paths are checked before collecting: a bad `collect --out` or `audit --snapshot` fails before the first call', () => {
    // A closed port: had the collection started, the error would be "cannot identify the AWS account".
    const aws = ['--provider', 'aws', '--endpoint-url', 'http://127.0.0.1:9', '--regions', 'us-east-1', '--no-progress'];
    inputError(
      vigil(['collect', ...aws, '--out', 'open.json/snap.json'], dir),
      'open.json/snap.json: cannot write the file (ENOTDIR',
      'fix: choose a writable location with --out',
    );
    inputError(vigil(['collect', ...aws, '--out', '.'], dir), 'cannot write the file (EISDIR', 'with --out');
    inputError(
      vigil(['audit', ...aws, '--out', 'o-snap', '--snapshot', 'open.json/snap.json'], dir),
      'open.json/snap.json: cannot write the file (ENOTDIR',
      'fix: choose a writable location with --snapshot',
    );
    expect(existsSync(join(dir, 'open.json'))).toBe(true);
  });

  it('an output directory under /proc fails at once with exit 2 (it used to spin forever), like one under /sys', () => {
    for (const out of ['/proc/nope', '/sys/nope']) {
      const r = runCliSync(['evaluate', 'open.json', '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', out], { cwd: dir, timeoutMs: 30_000 });
      inputError(r, `${out}: cannot create the output directory (`, 'fix: choose a writable location with --out');
    }
  });

  it('tunables of a rule that this run does not evaluate are still valid config (disabled, or left out by --rules)', () => {
    // The README's configuration example and examples/vigil.config.example.yaml both disable a rule and tune others.
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const yaml = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    writeFileSync(join(dir, 'readme.yaml'), yaml);
    for (const cfg of ['readme.yaml', join(PACKAGE_ROOT, 'examples', 'vigil.config.example.yaml')]) {
      const r = vigil(
        ['evaluate', 'open.json', '--config', cfg, '--rules-dir', RULES_DIR, '--rules', 'custom-open-thing', '--out', 'o-cfg', '--format', 'json'],
        dir,
      );
      expect([r.code, r.stderr]).toEqual([1, '']);
    }
  });

  it('a snapshot with nothing in it, or where nothing was collected, is not a pass: exit 3 with a sentence', () => {
    writeFileSync(join(dir, 'empty.json'), JSON.stringify(bareSnapshot([])));
    const r = vigil(['evaluate', 'empty.json', '--out', 'o-empty', '--format', 'json'], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was assessed');
    // A scope without any coverage: every rule's types were never collected → unknown, exit 3 even with --fail-on none.
    const s = bareSnapshot([]);
    s.scopes = [{ provider: 'aws', account: '123456789012', regions: ['us-east-1'] }];
    writeFileSync(join(dir, 'never.json'), JSON.stringify(s));
    const n = vigil(['evaluate', 'never.json', '--out', 'o-never', '--format', 'json', '--fail-on', 'none'], dir);
    expect(n.code).toBe(3);
    const findings = JSON.parse(readFileSync(join(dir, 'o-never', 'findings.json'), 'utf8')).findings as { status: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.status))).toEqual(new Set(['unknown']));
  });

  it('a malformed resource (security group ingress "oops") is an input error, never three passes', () => {
    const group = sg('sg-1', []);
    const s = bareSnapshot([group]) as unknown as { resources: { data: Record<string, unknown> }[] };
    s.resources[0]!.data.ingress = 'oops';
    writeFileSync(join(dir, 'oops.json'), JSON.stringify(s));
    inputError(
      vigil(['evaluate', 'oops.json', '--out', 'out-keep'], dir),
      'oops.json: $.resources[0].data.ingress (aws.ec2.security-group "sg-1" in 123456789012/us-east-1)',
      'fix:',
    );
  });

  it('--rules-dir loads CommonJS rules, and says how to fix an ES module loaded as CommonJS', () => {
    const rules = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
    const body = (id: string) =>
      `{ id: '${id}', title: 't', severity: 'high', resourceTypes: ['aws.ebs.encryption-default'], description: 'd', risk: 'r', remediation: 'x', references: [], messages: { ok: 'ok', off: 'off' }, evaluate: (r) => ({ status: r.data.enabled ? 'pass' : 'fail', messageId: r.data.enabled ? 'ok' : 'off' }) }`;
    mkdirSync(join(rules, 'cjs'));
    writeFileSync(join(rules, 'cjs', 'cjs-rule.cjs'), `module.exports = ${body('cjs-rule')};\n`);
    const ok = vigil(['evaluate', 'open.json', '--rules-dir', join(rules, 'cjs'), '--rules', 'cjs-rule', '--out', 'o-cjs', '--format', 'json'], dir);
    expect([ok.code, ok.stderr]).toEqual([1, '']);
    mkdirSync(join(rules, 'esm'));
    writeFileSync(join(rules, 'esm', 'esm-rule.js'), `export default ${body('esm-rule')};\n`);
    inputError(
      vigil(['evaluate', 'open.json', '--rules-dir', join(rules, 'esm'), '--out', 'out-keep'], dir),
      'esm-rule.js: cannot load rule module: it is written as an ES module but loaded as CommonJS',
      'fix: rename it to .mjs',
    );
    mkdirSync(join(rules, 'typo'));
    writeFileSync(
      join(rules, 'typo', 'typo-rule.mjs'),
      `export default ${body('typo-rule').replace('aws.ebs.encryption-default', 'aws.ebs.encryption-defualt')};\n`,
    );
    inputError(
      vigil(['evaluate', 'open.json', '--rules-dir', join(rules, 'typo'), '--out', 'out-keep'], dir),
      'unknown resource type "aws.ebs.encryption-defualt"',
    );
  });

  it('a reader that closes the pipe early (`vigil rules | head -1`) ends the command quietly', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'rules'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
