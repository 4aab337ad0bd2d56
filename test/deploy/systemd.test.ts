/**
 * deploy/systemd/: the service and timer of the scheduled audit. Parsed here (hardening settings, the vigil
 * command line uses only flags the CLI has, its paths are writable under ProtectSystem=strict), and checked by
 * systemd itself with `systemd-analyze verify` (unknown keys, bad values) and `systemd-analyze security
 * --offline` (exposure) when systemd is installed — the test names which of the two ran.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditCommand } from '../../src/cli/audit.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const DIR = join(PACKAGE_ROOT, 'deploy', 'systemd');
const SERVICE = join(DIR, 'vigil-audit.service');
const TIMER = join(DIR, 'vigil-audit.timer');

type Unit = Map<string, Map<string, string[]>>;

/** systemd's unit syntax: [Section], Key=Value (a key may repeat), # and ; comments, no line continuations used. */
function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const s = /^\[([A-Za-z]+)\]$/.exec(line);
    if (s?.[1]) {
      section = new Map();
      unit.set(s[1], section);
      return;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!kv?.[1] || !section) throw new Error(`line ${i + 1}: not a [Section] or Key=Value: ${line}`);
    section.set(kv[1], [...(section.get(kv[1]) ?? []), kv[2] ?? '']);
  });
  return unit;
}

const service = parseUnit(readFileSync(SERVICE, 'utf8'));
const timer = parseUnit(readFileSync(TIMER, 'utf8'));
const svc = (key: string): string | undefined => service.get('Service')?.get(key)?.at(-1);
const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
const HAS_ANALYZE = analyze.status === 0;

describe('deploy/systemd', () => {
  it('runs the audit once per start as a transient unprivileged user, hardened', () => {
    expect(svc('Type')).toBe('oneshot');
    expect(svc('DynamicUser')).toBe('yes');
    for (const [k, v] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      ProtectKernelTunables: 'yes',
      ProtectKernelModules: 'yes',
      ProtectControlGroups: 'yes',
      RestrictSUIDSGID: 'yes',
      RestrictNamespaces: 'yes',
      LockPersonality: 'yes',
      CapabilityBoundingSet: '',
      SystemCallArchitectures: 'native',
    }))
      expect([k, svc(k)]).toEqual([k, v]);
    expect(svc('RestrictAddressFamilies')).toBe('AF_INET AF_INET6 AF_UNIX');
    // Node's JIT needs writable executable memory: this setting would crash it.
    expect(svc('MemoryDenyWriteExecute')).toBeUndefined();
    expect(svc('TimeoutStartSec')).toBe('2h');
  });

  it('runs vigil audit with flags the CLI has, writing only under its state directory', () => {
    const exec = svc('ExecStart')!;
    expect(exec.startsWith('/usr/local/bin/vigil audit ')).toBe(true);
    const known = new Set(auditCommand().options.map((o) => o.long));
    const flags = [...exec.matchAll(/\s(--[a-z-]+)/g)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(5);
    for (const f of flags) expect([f, known.has(f)]).toEqual([f, true]);
    expect(exec).toContain('--store sqlite:/var/lib/vigil/history.db --baseline last');
    expect(exec).toContain('--fail-on none');
    const writable = (svc('ReadWritePaths') ?? '').split(/\s+/);
    const state = (svc('StateDirectory') ?? '').split(/\s+/).map((d) => `/var/lib/${d}`);
    for (const path of [/--store sqlite:(\S+)/, /--out (\S+)/, /--metrics-file (\S+)/].map((re) => re.exec(exec)![1]!))
      expect([path, [...writable, ...state].some((dir) => path.startsWith(`${dir}/`))]).toEqual([path, true]);
    expect(/--metrics-file (\S+)/.exec(exec)![1]).toMatch(/\.prom$/);
    expect(svc('EnvironmentFile')).toBe('-/etc/vigil/vigil.env');
    expect(exec).not.toMatch(/https?:\/\//);
  });

  it('is started nightly by the timer, catching up after downtime', () => {
    const t = timer.get('Timer')!;
    expect(t.get('OnCalendar')).toEqual(['*-*-* 01:30:00 UTC']);
    expect(t.get('Persistent')).toEqual(['yes']);
    expect(t.get('Unit')).toEqual(['vigil-audit.service']);
    expect(timer.get('Install')?.get('WantedBy')).toEqual(['timers.target']);
  });

  it(
    HAS_ANALYZE
      ? `passes systemd-analyze verify and has a low exposure in systemd-analyze security (${analyze.stdout.split('\n')[0]})`
      : 'systemd-analyze is not installed: the units are checked by the parser tests above only (install systemd to verify them)',
    () => {
      if (!HAS_ANALYZE) return;
      // verify checks that ExecStart is executable: a copy points at a stub instead of a global install.
      const dir = mkdtempSync(join(tmpdir(), 'vigil-systemd-'));
      const stub = join(dir, 'vigil');
      writeFileSync(stub, '#!/bin/sh\nexit 0\n');
      chmodSync(stub, 0o755);
      const copy = (name: string, text: string) => {
        writeFileSync(join(dir, name), text.replaceAll('/usr/local/bin/vigil', stub));
        return join(dir, name);
      };
      const units = [copy('vigil-audit.service', readFileSync(SERVICE, 'utf8')), copy('vigil-audit.timer', readFileSync(TIMER, 'utf8'))];
      const run = (args: string[]) => spawnSync('systemd-analyze', args, { encoding: 'utf8', timeout: 30_000 });
      const ok = run(['verify', ...units]);
      expect([ok.status, ok.stdout + ok.stderr]).toEqual([0, '']);
      // The checker itself: a misspelt key is reported (verify only warns, so its output is what counts).
      const bad = copy('bad.service', readFileSync(SERVICE, 'utf8').replace('ProtectSystem=strict', 'ProtectSytem=strict'));
      expect(run(['verify', bad]).stderr).toMatch(/Unknown key 'ProtectSytem'/);
      const sec = run(['security', '--offline=yes', units[0]!]);
      const level = /Overall exposure level for \S+: ([\d.]+)/.exec(sec.stdout + sec.stderr);
      expect(level).not.toBeNull();
      expect(Number(level![1])).toBeLessThanOrEqual(2);
    },
  );
});
