/**
 * The two database back ends behind one small interface. SQL is written once with `?` placeholders (the
 * PostgreSQL driver numbers them) in the common subset of both dialects; the few differences (binary column
 * type, the write lock) live here.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { dirname } from 'node:path';
import { makeDir } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { type StoreSpec, scrubMessage, urlSecrets } from './url.js';

export type Row = Record<string, unknown>;

export interface Driver {
  readonly dialect: 'sqlite' | 'postgres';
  /** The column type for binary data. */
  readonly blobType: string;
  all<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  /**
   * Runs `fn` in one transaction holding the store's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
   * transaction-scoped advisory lock), so two writers are serialised and a failure records nothing.
   */
  writeTransaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Bounded waits: for another writer's lock, for a connection, for one statement. */
export const LOCK_TIMEOUT_MS = 60_000;
export const CONNECT_TIMEOUT_MS = 15_000;
export const STATEMENT_TIMEOUT_MS = 300_000;

/** The advisory lock key of the history store in PostgreSQL (`vigi` in ASCII). */
const PG_LOCK_KEY = 0x76696769;

const bindable = (v: unknown): unknown => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);

class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly blobType = 'BLOB';
  private readonly stmts = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.stmt(sql).all(...params.map(bindable)) as T[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    if (!params.length && sql.includes(';')) {
      this.db.exec(sql);
      return 0;
    }
    return this.stmt(sql).run(...params.map(bindable)).changes;
  }
  async insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    const s = this.stmt(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const r of rows) s.run(...r.map(bindable));
  }
  async writeTransaction<T>(fn: () => Promise<T>): Promise<T> {
    // IMMEDIATE takes SQLite's write lock now (waiting up to busy_timeout for another writer), not at the first write.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = await fn();
      this.db.exec('COMMIT');
      return out;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

/** PostgreSQL text cannot hold NUL; cloud-supplied strings can. */
const pgValue = (v: unknown): unknown => {
  const b = bindable(v);
  return typeof b === 'string' && b.includes('\u0000') ? b.replace(/\u0000/g, '\uFFFD') : b;
};
const numbered = (sql: string): string => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

class PostgresDriver implements Driver {
  readonly dialect = 'postgres' as const;
  readonly blobType = 'BYTEA';
  constructor(private readonly client: pg.Client) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), params.map(pgValue))).rows as T[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.client.query(params.length ? numbered(sql) : sql, params.map(pgValue))).rowCount ?? 0;
  }
  async insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void> {
    // Multi-row VALUES, under PostgreSQL's limit of 65,535 parameters per statement.
    const per = Math.max(1, Math.floor(30_000 / columns.length));
    for (let at = 0; at < rows.length; at += per) {
      const chunk = rows.slice(at, at + per);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => `(${r.map((v) => (params.push(pgValue(v)), `$${params.length}`)).join(', ')})`);
      await this.client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
    }
  }
  async writeTransaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      await this.client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`);
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [PG_LOCK_KEY]);
      const out = await fn();
      await this.client.query('COMMIT');
      return out;
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Turns a driver failure into an input error that names the store (user-info scrubbed) and never its password. */
export function storeError(spec: StoreSpec, what: string, err: unknown, fix?: string): InputError {
  if (err instanceof InputError) return err;
  const e = err as Error & { code?: string };
  const msg = scrubMessage(`${e.code && !e.message.includes(e.code) ? `${e.code}: ` : ''}${e.message ?? String(err)}`, urlSecrets(spec));
  const hint =
    fix ??
    (spec.kind === 'postgres'
      ? 'check the host, port, database and credentials (PGPASSWORD or ~/.pgpass), and that the server accepts connections'
      : 'check the path and that the file is a Vigil history store');
  return new InputError(`${what} (${msg})`, spec.label, '--store', hint);
}

export async function openDriver(spec: StoreSpec, o: { create: boolean }): Promise<Driver> {
  if (spec.kind === 'sqlite') {
    try {
      if (o.create) await makeDir(dirname(spec.path));
      // The database drivers load when a store is opened, not with every command that could open one.
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(spec.path, { fileMustExist: !o.create, timeout: LOCK_TIMEOUT_MS });
      return new SqliteDriver(db);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (!o.create && (code === 'SQLITE_CANTOPEN' || /does not exist/.test((err as Error).message)))
        throw new InputError('no history store there', spec.label, '--store', 'record a run first with `vigil audit --store …`, or pass the right --store');
      throw storeError(spec, 'cannot open the history store', err);
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: spec.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    application_name: 'vigil',
  });
  // A connection dropped while idle must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw storeError(spec, 'cannot connect to the history store', err);
  }
  return new PostgresDriver(client);
}
