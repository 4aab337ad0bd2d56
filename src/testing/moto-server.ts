import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Message shown wherever moto_server is needed and missing. Integration tests fail with it; they never skip. */
export const MOTO_INSTALL_HINT = "moto_server is not installed or not on PATH. Install it with: pip install 'moto[server]' (moto 5.x).";

export function motoAvailable(): boolean {
  const r = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  return r.status === 0;
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Clears every service, region and account, then seeds moto's id generator (deterministic ids). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment, e.g. `{ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' }`. */
  env?: Record<string, string>;
  /** ms to wait for readiness (default 30000). */
  timeoutMs?: number;
}

/**
 * Starts `moto_server` on a free 127.0.0.1 port and waits until it answers.
 * Sets the fake credentials and region the AWS SDK needs, in this process's environment.
 */
export async function startMoto(opts: StartMotoOptions = {}): Promise<MotoServer> {
  if (!motoAvailable()) throw new Error(MOTO_INSTALL_HINT);
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false', ...opts.env },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  process.env.AWS_REGION ??= 'us-east-1';
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + (opts.timeoutMs ?? 30000);
  for (;;) {
    if (exited) throw new Error(`moto_server exited during start-up (port ${port})`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto_server did not answer on ${endpoint} within ${opts.timeoutMs ?? 30000} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    port,
    async reset() {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      await fetch(`${endpoint}/moto-api/seed?a=42`, { method: 'POST' });
    },
    async stop() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
    },
  };
}
