/**
 * Runs the real CLI as a user does: `node src/cli/bin.js ...args` in a subprocess, with a working directory
 * and an environment, and returns its exit code and output. Use the asynchronous {@link runCli} when a
 * server in this process (moto proxy, Cloud Asset server, TLS servers) must keep answering while the CLI runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

/** The CLI entry point run by the tests. */
export const CLI_BIN = join(PACKAGE_ROOT, 'src', 'cli', 'bin.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  /** The child's whole environment; default: this process's environment with NO_COLOR=1. */
  env?: NodeJS.ProcessEnv;
  /** Killed after this long (default 60 s). */
  timeoutMs?: number;
  /** Signal sent on timeout (default SIGTERM). */
  killSignal?: NodeJS.Signals;
  /** Another entry point (default {@link CLI_BIN}). */
  bin?: string;
}

const defaultEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1' });

/** Runs the CLI asynchronously (this process keeps serving while it runs). */
export function runCli(args: string[], o: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [o.bin ?? CLI_BIN, ...args], { cwd: o.cwd, env: o.env ?? defaultEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(o.killSignal ?? 'SIGTERM'), o.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI synchronously (only when nothing in this process has to answer it). */
export function runCliSync(args: string[], o: CliOptions): CliRun {
  const r = spawnSync(process.execPath, [o.bin ?? CLI_BIN, ...args], {
    cwd: o.cwd,
    encoding: 'utf8',
    env: o.env ?? defaultEnv(),
    timeout: o.timeoutMs ?? 60_000,
    killSignal: o.killSignal ?? 'SIGTERM',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
