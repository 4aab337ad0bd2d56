/**
 * A real PostgreSQL server for tests and benchmarks: `initdb` into a temporary directory, then `postgres` on a free
 * 127.0.0.1 port (and a Unix socket in that directory), stopped and removed by `stop()`. PostgreSQL refuses to run
 * as root: as root, the server runs as `nobody` (setpriv), and the directory is handed to it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './moto-server.js';

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL server binaries were not found (initdb, postgres). Install them with: apt-get install -y postgresql (or set VIGIL_PG_BIN to their directory).';

/** The directory holding initdb and postgres: $VIGIL_PG_BIN, else the newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir(): string | undefined {
  const env = process.env.VIGIL_PG_BIN;
  if (env) return existsSync(join(env, 'postgres')) ? env : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

export interface PostgresServer {
  /** `postgres://vigil:PASSWORD@127.0.0.1:PORT/vigil`. */
  url: string;
  port: number;
  password: string;
  /** A fresh empty database on the same server, with its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const NOBODY = { uid: 65534, gid: 65534 };

function asServerUser(bin: string, args: string[]): { cmd: string; args: string[] } {
  if (process.getuid?.() !== 0) return { cmd: bin, args };
  return { cmd: 'setpriv', args: [`--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', bin, ...args] };
}

async function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr.slice(0, 2000)}`);
}

/** Starts a server and waits (bounded) until it accepts connections. */
export async function startPostgres(o: { timeoutMs?: number } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(POSTGRES_INSTALL_HINT);
  const timeoutMs = o.timeoutMs ?? 60_000;
  const dir = await mkdtemp(join(tmpdir(), 'vigil-pg-'));
  const data = join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(dir, 'pwfile'), password + '\n');
  if (process.getuid?.() === 0) {
    await chown(dir, NOBODY.uid, NOBODY.gid);
    await chown(join(dir, 'pwfile'), NOBODY.uid, NOBODY.gid);
  }
  await chmod(dir, 0o700);
  const init = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'vigil',
    '--pwfile',
    join(dir, 'pwfile'),
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await run(init.cmd, init.args, timeoutMs);
  const port = await freePort();
  const srv = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'max_connections=40',
  ]);
  const child: ChildProcess = spawn(srv.cmd, srv.args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  let log = '';
  child.stderr?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `postgres://vigil:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const pg = (await import('pg')).default;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`postgres exited during start-up: ${log}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.end();
      break;
    } catch {
      await c.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`postgres did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const dbUrl = (name: string) => url.replace(/\/postgres$/, `/${name}`);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin('CREATE DATABASE vigil');
  return {
    url: dbUrl('vigil'),
    port,
    password,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await admin(`CREATE DATABASE ${name}`);
      return dbUrl(name);
    },
    async stop() {
      if (!exited) {
        // SIGINT: PostgreSQL's "fast shutdown"; bounded, then killed.
        child.kill('SIGINT');
        const until = Date.now() + 15_000;
        while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        if (!exited) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
