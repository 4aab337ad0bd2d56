/**
 * The package as a user installs it (issue 11): `npm pack` (which builds dist/ through `prepare`), then
 * `npm install -g @vigil-scanner/cli` into a temporary prefix from a registry on 127.0.0.1 serving that tarball
 * (with its npm-shrinkwrap.json, as the public registry would) and the dependencies' metadata from
 * package-lock.json, their tarballs coming from the npm cache `npm ci` filled. Then the installed `vigil` runs
 * `--version`, an `evaluate` of the demo snapshot and `rules`: compiled JavaScript, no TypeScript loader. And a
 * `collect` from moto through the AWS SDK the build linked into the package gives exactly the snapshot the
 * sources give with the SDK from node_modules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedAwsData } from '../../examples/demo/seed-aws-data.js';
import { seedAwsNetwork } from '../../examples/demo/seed-aws-network.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { CLI_BIN } from '../support/cli.js';
import { type LocalRegistry, startLocalRegistry } from '../support/local-registry.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const DEMO = join(PACKAGE_ROOT, 'examples', 'demo', 'aws-snapshot.json');
const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

function run(cmd: string, args: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ...env } });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return r;
}

/** `npm` asynchronously: the registry in this process must answer it. */
function runAsync(args: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NPM, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

describe('the packed package, installed', () => {
  const work = mkdtempSync(join(tmpdir(), 'vigil-package-'));
  const prefix = join(work, 'prefix');
  let tarball = '';
  let files: string[] = [];
  let vigil = '';
  let registry: LocalRegistry | undefined;

  beforeAll(async () => {
    // No audit, funding or update-check requests: the tests talk to 127.0.0.1 only.
    const npmEnv = { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
    const packed = run(NPM, ['pack', '--json', '--pack-destination', work], PACKAGE_ROOT, 240_000, { ...npmEnv, npm_config_offline: 'true' });
    if (packed.status !== 0) throw new Error(`npm pack failed (exit ${packed.status}):\n${packed.stderr}`);
    const info = (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[])[0]!;
    tarball = join(work, info.filename);
    files = info.files.map((f) => f.path);
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const npmCache = run(NPM, ['config', 'get', 'cache'], work, 30_000).stdout.trim();
    registry = await startLocalRegistry(join(PACKAGE_ROOT, 'package-lock.json'), npmCache, { name: pkg.name, version: pkg.version, file: tarball, manifest });
    const installed = await runAsync(['install', '-g', '--prefix', prefix, '--prefer-offline', '--registry', registry.url, pkg.name], work, 300_000, {
      ...npmEnv,
      npm_config_cache: npmCache,
    });
    if (installed.status !== 0)
      throw new Error(
        `npm install -g ${pkg.name} failed (exit ${installed.status}); dependency tarballs come from the npm cache, so run \`npm ci\` first` +
          `${registry.misses.length ? ` (not in the lock: ${registry.misses.join(', ')})` : ''}:\n${installed.stderr}`,
      );
    vigil = join(prefix, 'bin', 'vigil');
  }, 480_000);

  afterAll(async () => {
    await registry?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ships the compiled CLI, rules and assets, with its dependency lock, and no sources or tests', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'npm-shrinkwrap.json', 'dist/src/cli/vigil.js', 'dist/src/api/rule.d.ts', 'frameworks/hipaa.yaml']),
    );
    expect(files).toContain('dist/src/model/generated/resource-data.schema.json');
    expect(files.filter((f) => f.startsWith('reports/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => /^(src|test|bench|examples|policies)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
    expect(existsSync(join(PACKAGE_ROOT, 'npm-shrinkwrap.json'))).toBe(false); // postpack removed it again
  });

  it('installs a working `vigil`: --version and an evaluate of the demo snapshot, from compiled JavaScript', () => {
    const root = join(prefix, 'lib', 'node_modules', ...pkg.name.split('/'));
    expect(readdirSync(root)).toEqual(expect.arrayContaining(['dist', 'frameworks', 'reports', 'package.json']));
    // No TypeScript loader is on the way: the dev dependencies are not installed.
    expect(existsSync(join(root, 'node_modules', 'typescript'))).toBe(false);
    const version = run(vigil, ['--version'], work, 60_000);
    expect([version.status, version.stdout.trim(), version.stderr]).toEqual([0, pkg.version, '']);

    const out = join(work, 'out');
    const ev = run(vigil, ['evaluate', DEMO, '--out', out, '--framework', 'all', '--fail-on', 'none'], work, 120_000, { NO_COLOR: '1' });
    expect([ev.status, ev.stderr]).toEqual([0, '']);
    expect(ev.stdout).toMatch(/PASS \(exit 0\)/);
    expect(readdirSync(out).sort()).toEqual(['compliance.json', 'findings.json', 'report.html', 'vigil-manifest.json', 'vigil.sarif']);
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { findings: { status: string }[] };
    expect(findings.findings.filter((f) => f.status === 'fail').length).toBeGreaterThan(10);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<!doctype html>');

    // A TypeScript rule module under --rules-dir: the installed CLI loads a TypeScript loader for it (and only then).
    const custom = run(
      vigil,
      [
        'evaluate',
        DEMO,
        '--rules-dir',
        join(PACKAGE_ROOT, 'test', 'fixtures', 'custom-rules'),
        '--rules',
        'custom-open-thing',
        '--out',
        join(work, 'o2'),
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      work,
      120_000,
      { NO_COLOR: '1' },
    );
    expect([custom.status, custom.stderr]).toEqual([expect.any(Number), '']);
    expect(custom.status === 0 || custom.status === 3).toBe(true);

    const rules = run(vigil, ['rules', '--format', 'json'], work, 60_000);
    expect(rules.status).toBe(0);
    expect((JSON.parse(rules.stdout) as unknown[]).length).toBeGreaterThan(40);
  });
  it('collects from AWS (moto) through the SDK linked into the package exactly as the sources do', async () => {
    let moto: MotoServer | undefined;
    try {
      moto = await startMoto();
      await seedAwsNetwork(moto.endpoint, ['us-east-1']);
      await seedAwsData(moto.endpoint, ['us-east-1']);
      const env = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', NO_COLOR: '1' };
      const collect = (bin: string[], out: string) => {
        const r = run(process.execPath, [...bin, 'collect', '--endpoint-url', moto!.endpoint, '--regions', 'us-east-1', '--out', out], work, 180_000, env);
        expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
        const snap = JSON.parse(readFileSync(out, 'utf8')) as { resources: unknown[]; coverage: Record<string, unknown>[] };
        const coverage = snap.coverage.map((c) => [c.region, c.service, c.operation, c.status, c.errorCode ?? ''].join(' ')).sort();
        return { resources: snap.resources, coverage };
      };
      const installed = collect([vigil], join(work, 'installed.json'));
      const sources = collect([CLI_BIN], join(work, 'sources.json'));
      expect(installed.resources.length).toBeGreaterThan(30);
      expect(installed.coverage.filter((c) => c.includes(' ok ')).length).toBeGreaterThan(40);
      expect(installed).toEqual(sources);
    } finally {
      await moto?.stop();
    }
  }, 420_000);
});
