import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { frameworksCommand, renderFramework, renderFrameworkList } from '../../src/cli/frameworks.js';
import { listBuiltinFrameworks } from '../../src/engine/frameworks.js';
import { InputError } from '../../src/util/errors.js';
import { PACKAGE_ROOT } from '../../src/version.js';

async function runCommand(args: string[]): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await frameworksCommand().exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('vigil frameworks', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('lists every pack with its version and control counts', async () => {
    const out = await runCommand([]);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+TITLE\s+VERSION\s+CONTROLS\s+AUTOMATED\s+MANUAL\s+RULES$/);
    for (const fw of listBuiltinFrameworks()) {
      const manual = fw.controls.filter((c) => c.manual).length;
      const line = lines.find((l) => l.startsWith(`${fw.id} `))!;
      expect(line).toContain(fw.title);
      expect(line).toContain(fw.version);
      expect(line.trim().split(/\s+/).slice(-4, -1)).toEqual([String(fw.controls.length), String(fw.controls.length - manual), String(manual)]);
    }
    expect(out).not.toMatch(/\x1b\[/); // plain text when not a terminal
  });

  it('shows a pack: controls, their rules with rationales, manual controls marked', async () => {
    const out = await runCommand(['show', 'hipaa']);
    expect(out).toContain('HIPAA Security Rule (hipaa)');
    const block = out.split('\n\n').find((b) => b.startsWith('164.312(e)(1)  '))!;
    expect(block.split('\n')[0]).toBe('164.312(e)(1)  Transmission security');
    expect(block).toMatch(/^ {4}aws-s3-bucket-no-tls-policy +Without a Deny on aws:SecureTransport=false/m);
    expect(out).toMatch(/\n164\.308\(a\)\(2\)  Assigned security responsibility  \[manual\]\n\s{4}attest: A named security official/);
  });

  it('shows a user pack given with --framework-file, and validates it', async () => {
    const fixtures = join(PACKAGE_ROOT, 'test/fixtures/frameworks');
    const out = await runCommand(['show', 'org-baseline', '--framework-file', join(fixtures, 'manual-only.yaml')]);
    expect(out).toContain('Organisation baseline (org-baseline) — version 2026.1');
    expect(out).toContain('ORG-1  Security training  [manual]');
    const list = await runCommand(['--framework-file', join(fixtures, 'manual-only.yaml')]);
    expect(list).toMatch(/\norg-baseline\s+Organisation baseline\s+2026\.1\s+1\s+0\s+1\s+0\n/);
    const bad = await runCommand(['show', 'dup', '--framework-file', join(fixtures, 'duplicate-control.yaml')]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InputError);
    expect((bad as InputError).message).toBe('duplicate control id "A-1" (first at $.controls[0])');
    const clash = await runCommand(['--framework-file', join(fixtures, 'clash-hipaa.yaml')]).catch((e: unknown) => e);
    expect((clash as InputError).message).toBe('framework id "hipaa" is already used by hipaa.yaml');
  });

  it('an unknown id is an input error listing the packs', async () => {
    const err = await runCommand(['show', 'iso27001']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).fix).toBe('use one of: hipaa, soc2, pci-dss-4.0, cis-aws-foundations, cis-gcp-foundations');
  });

  it('renders with colours only when asked', () => {
    const fw = listBuiltinFrameworks()[0]!;
    expect(renderFramework(fw, true)).toMatch(/\x1b\[/);
    expect(renderFramework(fw, false)).not.toMatch(/\x1b\[/);
    expect(renderFrameworkList([fw], false).split('\n')).toHaveLength(4);
  });
});

describe('vigil frameworks (the real CLI, in a subprocess)', () => {
  const BIN = join(PACKAGE_ROOT, 'src', 'cli', 'bin.js');
  const vigil = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'frameworks', ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });

  it('lists the packs and shows one', () => {
    const list = vigil();
    expect(list.status).toBe(0);
    expect(
      list.stdout
        .split('\n')
        .slice(1, 4)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['hipaa', 'soc2', 'pci-dss-4.0']);
    const show = vigil('show', 'hipaa');
    expect(show.status).toBe(0);
    expect(show.stdout).toContain('\n164.312(e)(1)  Transmission security\n');
    expect(show.stdout).toMatch(/\n {4}gcp-ssl-policy-weak +\S/);
  });

  it('rejects an unknown id or a malformed --framework-file with exit 2, naming the file, path and line', () => {
    const unknown = vigil('show', 'hipa');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('vigil: vigil frameworks show: unknown framework "hipa"');
    expect(unknown.stderr).toContain('fix: use one of: hipaa, soc2, pci-dss-4.0');
    const file = join(PACKAGE_ROOT, 'test', 'fixtures', 'frameworks', 'unknown-property.yaml');
    const bad = vigil('--framework-file', file);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`vigil: ${file}: $.controls[0].severity (line 10, column 15): control "A-1": unknown property "severity"`);
  });
});
