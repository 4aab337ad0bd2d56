/** The compiled CLI the startup and audit-e2e benchmarks run (dist/, built first so it matches the sources). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';

export const COMPILED_CLI = join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'vigil.js');

export function buildCompiled(): void {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** Runs a command under /usr/bin/time when present (peak RSS), returning wall ms, peak RSS in MB (or NaN) and the output. */
export function timed(args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; rssMb: number; status: number | null; stdout: string; stderr: string } {
  const time = spawnSync('/usr/bin/time', ['-f', 'VIGILRSS %M', 'true']).status === 0;
  const started = process.hrtime.bigint();
  const r = time
    ? spawnSync('/usr/bin/time', ['-f', 'VIGILRSS %M', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const m = /VIGILRSS (\d+)/.exec(r.stderr ?? '');
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '').replace(/VIGILRSS \d+\n?/, '') };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
