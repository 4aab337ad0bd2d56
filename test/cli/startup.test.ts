/**
 * What a command loads (issue 11: `vigil --version` and `--help` load no command, a command loads its
 * collectors, a collector its SDK client, only when used; rules and frameworks only when evaluating). The dev
 * CLI runs with a module hook recording every ES module it resolves.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Help } from 'commander';
import { COMMANDS, buildProgram, commandOf } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { CLI_BIN, runCliSync } from '../support/cli.js';

const HOOK = join(PACKAGE_ROOT, 'test', 'support', 'module-log.mjs');
const DEMO = join(PACKAGE_ROOT, 'examples', 'demo', 'aws-snapshot.json');

/** Runs the dev CLI and returns its exit code, output and the modules it resolved (paths inside the package, or package names). */
function loaded(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string; modules: string[] } {
  const log = join(cwd, `modules-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const wrapper = join(cwd, 'run.mjs');
  writeFileSync(
    wrapper,
    `await import(${JSON.stringify(HOOK)});\nprocess.argv.splice(1, 1, ${JSON.stringify(CLI_BIN)});\nawait import(${JSON.stringify(CLI_BIN)});\n`,
  );
  const r = runCliSync(args, { cwd, bin: wrapper, env: { ...process.env, NO_COLOR: '1', VIGIL_MODULE_LOG: log }, timeoutMs: 120_000 });
  const modules = [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((u) => u.replace(`file://${PACKAGE_ROOT}`, '').replace(/^node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')),
    ),
  ];
  return { ...r, modules };
}

const matching = (modules: string[], re: RegExp) => modules.filter((m) => re.test(m));
const SDKS = /^(@aws-sdk\/client-|@google-cloud\/|google-auth-library|node-forge)/;
const DATABASE_DRIVERS = /^(better-sqlite3|pg)$/;
const EVALUATION = /^(policies\/|src\/engine\/(evaluate|frameworks|derive)|src\/reporters\/)/;

describe('start-up', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'vigil-startup-'));

  it('--version and --help load no command, collector, rule, reporter or SDK', () => {
    for (const args of [['--version'], ['--help']]) {
      const r = loaded(args, cwd);
      expect([args, r.code]).toEqual([args, 0]);
      expect(r.modules).toContain('src/cli/main.ts');
      // The one model module main needs before any command: the redactor (no imports), armed with the run's credentials.
      const heavy = matching(r.modules, /^(src\/(collectors|engine|reporters|model)\/|policies\/|src\/cli\/(audit|collect|evaluate|pipeline|collection))/);
      expect(heavy.filter((m) => m !== 'src/model/redaction.ts')).toEqual([]);
      expect(matching(r.modules, SDKS)).toEqual([]);
    }
  });

  it('evaluate loads rules and reporters but no collector, SDK or database driver', () => {
    const r = loaded(['evaluate', DEMO, '--out', join(cwd, 'out'), '--format', 'json', '--quiet'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(matching(r.modules, EVALUATION).length).toBeGreaterThan(10);
    expect(matching(r.modules, /^src\/collectors\//)).toEqual([]);
    expect(matching(r.modules, SDKS)).toEqual([]);
    expect(matching(r.modules, DATABASE_DRIVERS)).toEqual([]);
  });

  it("evaluate with a history store loads that store's driver only", () => {
    const r = loaded(['evaluate', DEMO, '--out', join(cwd, 'out-store'), '--format', 'json', '--quiet', '--store', `sqlite:${join(cwd, 'h.db')}`], cwd);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(matching(r.modules, DATABASE_DRIVERS)).toEqual(['better-sqlite3']);
  });

  it('audit with a bad setting fails before any SDK client is loaded, and a TLS-only audit loads no AWS SDK', () => {
    const bad = loaded(['audit', '--services', 'ec2,bogus', '--out', join(cwd, 'o2')], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown AWS service "bogus"');
    expect(bad.modules).toContain('src/collectors/aws/index.ts');
    expect(matching(bad.modules, SDKS)).toEqual([]);
    // 127.0.0.1:1 refuses at once: the endpoint is a finding of its own, no AWS involved.
    const tls = loaded(['audit', '--tls', '127.0.0.1:1', '--out', join(cwd, 'o3'), '--format', 'json', '--quiet', '--fail-on', 'none'], cwd);
    expect(tls.modules).toContain('src/collectors/tls/index.ts');
    expect(matching(tls.modules, /^(@aws-sdk\/|@google-cloud\/)/)).toEqual([]);
  });

  it('lists every command with the term and description its module defines', async () => {
    const full = await buildProgram();
    const help = new Help();
    for (const c of COMMANDS) {
      const real = full.commands.find((x) => x.name() === c.name)!;
      expect([c.name, c.description, c.term]).toEqual([c.name, real.description(), help.subcommandTerm(real)]);
    }
    expect(full.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    const lazy = await buildProgram(() => false);
    expect(lazy.helpInformation()).toBe(full.helpInformation());
  });

  it('finds the command of a command line', () => {
    expect(commandOf(['node', 'vigil', 'evaluate', 'x.json'])).toBe('evaluate');
    expect(commandOf(['node', 'vigil', '--help'])).toBeUndefined();
    expect(commandOf(['node', 'vigil', 'help', 'audit'])).toBe('audit');
    expect(commandOf(['node', 'vigil', 'nope'])).toBeUndefined();
  });
});
