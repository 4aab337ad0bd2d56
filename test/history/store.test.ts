/**
 * The history store against real databases: a SQLite file in a temporary directory and a PostgreSQL server
 * started on a free loopback port (src/testing/postgres-server.ts). No mocked database.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { builtinRules } from '../../policies/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { evaluateCompliance, loadFrameworks } from '../../src/engine/frameworks.js';
import type { EvaluationResult } from '../../src/engine/types.js';
import { HistoryStore, SCHEMA_VERSION, historyContextFor, parseStoreUrl, runRecord, schemaVersion, scrubMessage, scrubUrl } from '../../src/history/index.js';
import { loadSnapshot } from '../../src/model/schema.js';
import { type PostgresServer, startPostgres } from '../../src/testing/postgres-server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { runCli } from '../support/cli.js';

let tmp: string;
let server: PostgresServer;
let base: EvaluationResult;
const V1 = join(PACKAGE_ROOT, 'test', 'fixtures', 'history', 'v1-store.sql');
const DEMO = join(PACKAGE_ROOT, 'examples', 'demo', 'aws-snapshot.json');

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vigil-history-'));
  server = await startPostgres();
  const snapshot = await loadSnapshot(DEMO);
  base = evaluate(snapshot, builtinRules, { now: new Date('2026-12-01T00:00:00Z') });
  base.compliance = evaluateCompliance(base, await loadFrameworks({ ids: ['hipaa'], files: [], rules: builtinRules }));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** A later run: the first failure fixed, one passing check now failing, one failing check turned unknown. */
function changed(r: EvaluationResult, startedAt: string): { result: EvaluationResult; fixed: string; broke: string; lost: string } {
  const result: EvaluationResult = structuredClone(r);
  result.snapshot.startedAt = startedAt;
  const fails = result.findings.filter((f) => f.status === 'fail' && !f.suppressed);
  const fixed = fails[0]!;
  const lost = fails[1]!;
  const broke = result.findings.find((f) => f.status === 'pass')!;
  fixed.status = 'pass';
  lost.status = 'unknown';
  broke.status = 'fail';
  return { result, fixed: fixed.id, broke: broke.id, lost: lost.id };
}

const backends: [string, () => Promise<string>][] = [
  ['sqlite', async () => `sqlite:${join(tmp, `s-${Math.random().toString(36).slice(2)}.db`)}`],
  ['postgres', async () => server.createDatabase(`db_${Math.random().toString(36).slice(2, 10)}`)],
];

describe.each(backends)('%s', (_name, makeUrl) => {
  it('migrates an empty store to the current schema, records runs, lists them, trends and deltas them', async () => {
    const url = await makeUrl();
    const store = await HistoryStore.open(parseStoreUrl(url), { create: true });
    try {
      const first = { ...structuredClone(base) };
      first.snapshot.startedAt = '2026-12-01T00:00:00.000Z';
      await store.record(runRecord(first, { runId: 'run-a', command: 'audit', durationMs: 1234 }));
      const { result, fixed, broke, lost } = changed(base, '2026-12-02T00:00:00.000Z');
      await store.record(runRecord(result, { runId: 'run-b', command: 'audit', durationMs: 999 }));

      const runs = await store.runs();
      expect(runs.map((r) => r.runId)).toEqual(['run-b', 'run-a']);
      const a = runs[1]!;
      expect(a).toMatchObject({
        command: 'audit',
        durationMs: 1234,
        toolVersion: base.tool.version,
        findings: base.findings.length,
        coverageGaps: base.snapshot.coverage.gaps.length,
      });
      expect(a.openBySeverity).toEqual(base.summary.failuresBySeverity);
      expect(a.frameworks.map((f) => f.id)).toEqual(['hipaa']);
      expect(a.frameworks[0]!.score).toBeCloseTo(base.compliance![0]!.score!, 6);

      const trend = await store.trend(10);
      expect(trend.map((t) => t.runId)).toEqual(['run-a', 'run-b']);
      expect(trend[0]!.scores['hipaa']).toBeCloseTo(Math.round(base.compliance![0]!.score! * 1000) / 10, 6);
      expect(trend[1]!.unknown).toBe(base.summary.byStatus.unknown + 1);

      const ctx = await historyContextFor(store, 'run-b', { last: 5 });
      expect(ctx.delta?.baselineRunId).toBe('run-a');
      expect(ctx.delta?.newFindings.map((f) => f.id)).toEqual([broke]);
      expect(ctx.delta?.resolvedFindings.map((f) => f.id)).toEqual([fixed]);
      // Failing before and unknown now: coverage lost, never resolved.
      expect(ctx.delta?.coverageLost.map((f) => f.id)).toEqual([lost]);
      expect(ctx.trend.at(-1)?.runId).toBe('run-b');
      const first2 = await historyContextFor(store, 'run-a');
      expect(first2.delta).toEqual({ baselineRunId: null, newFindings: [], resolvedFindings: [], coverageLost: [] });

      expect((await store.resolve('last', '--baseline'))?.runId).toBe('run-b');
      expect((await store.resolve('previous', '--baseline'))?.runId).toBe('run-a');
      await expect(store.resolve('nope', '--baseline')).rejects.toThrow(/no run nope in the history store/);
    } finally {
      await store.close();
    }
  });

  it('records a run once: the same run id again is refused, and a failing run leaves nothing behind', async () => {
    const url = await makeUrl();
    const store = await HistoryStore.open(parseStoreUrl(url), { create: true });
    try {
      await store.record(runRecord(base, { runId: 'once', command: 'audit', durationMs: 1 }));
      await expect(store.record(runRecord(base, { runId: 'once', command: 'audit', durationMs: 1 }))).rejects.toThrow(/run once is already recorded/);
      const bad = runRecord(base, { runId: 'broken', command: 'audit', durationMs: 1 });
      // The last finding row violates NOT NULL: the whole run (its run row, findings before it) is rolled back.
      bad.findings.push(['broken', 'x', null, 'fail', 'high', 't', 'm', 'm', 'aws', 'a', 'r', 't', 'i', null, null, 0]);
      await expect(store.record(bad)).rejects.toThrow(/cannot record run broken/);
      expect((await store.runs()).map((r) => r.runId)).toEqual(['once']);
      expect(await store.run('broken')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('applies retention by run count and by age in the recording transaction', async () => {
    const url = await makeUrl();
    const store = await HistoryStore.open(parseStoreUrl(url), { create: true });
    try {
      const old = structuredClone(base);
      old.snapshot.startedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
      await store.record(runRecord(old, { runId: 'old', command: 'audit', durationMs: 1 }));
      for (const [i, id] of ['r1', 'r2', 'r3'].entries()) {
        const r = structuredClone(base);
        r.snapshot.startedAt = new Date(Date.now() - (3 - i) * 3_600_000).toISOString();
        const out = await store.record(runRecord(r, { runId: id, command: 'audit', durationMs: 1 }), { keepDays: 30 });
        if (id === 'r1') expect(out.removed).toEqual(['old']);
      }
      const latest = structuredClone(base);
      latest.snapshot.startedAt = new Date().toISOString();
      const out = await store.record(runRecord(latest, { runId: 'r4', command: 'audit', durationMs: 1 }), { keepRuns: 2 });
      expect(out.removed.sort()).toEqual(['r1', 'r2']);
      expect((await store.runs()).map((r) => r.runId).sort()).toEqual(['r3', 'r4']);
      // Nothing of a removed run is left in any table.
      expect(await store.findingsDoc({ ...(await store.run('r3'))!, runId: 'r1' }).then((d) => d.findings.length)).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('migrates a store written at schema version 1 and keeps its runs', async () => {
    const url = await makeUrl();
    const sql = await readFile(V1, 'utf8');
    if (url.startsWith('sqlite:')) {
      const db = new Database(url.slice('sqlite:'.length));
      db.exec(sql);
      db.close();
    } else {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(sql);
      await c.end();
    }
    const store = await HistoryStore.open(parseStoreUrl(url), { create: false });
    try {
      expect(SCHEMA_VERSION).toBe(2);
      expect(await schemaVersion((store as unknown as { d: Parameters<typeof schemaVersion>[0] }).d)).toBe(SCHEMA_VERSION);
      const run = await store.resolve('last', 'RUN');
      expect(run).toMatchObject({ runId: 'v1-run', command: 'audit', toolVersion: '0.0.9', coverageGaps: 1 });
      expect(run?.shards).toBeUndefined();
      const doc = await store.findingsDoc(run!);
      expect(doc.findings.map((f) => [f.id, f.status])).toEqual([
        ['f-closed', 'pass'],
        ['f-open', 'fail'],
      ]);
      expect(doc.compliance?.[0]).toMatchObject({ id: 'cis-aws', score: 0.5, controls: [{ id: '5.2', status: 'fail' }] });
      // A new run records into the migrated store, with the columns version 2 added.
      await store.record(runRecord(base, { runId: 'after', command: 'report', durationMs: 5, shards: { count: 2, missing: [1] } }));
      expect((await store.run('after'))?.shards).toEqual({ count: 2, missing: [1] });
    } finally {
      await store.close();
    }
  });

  it('refuses a store from a newer Vigil', async () => {
    const url = await makeUrl();
    (await HistoryStore.open(parseStoreUrl(url), { create: true })).close();
    if (url.startsWith('sqlite:')) {
      const db = new Database(url.slice('sqlite:'.length));
      db.prepare("INSERT INTO vigil_schema_migrations VALUES (99, 'x', 'future')").run();
      db.close();
    } else {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("INSERT INTO vigil_schema_migrations VALUES (99, 'x', 'future')");
      await c.end();
    }
    await expect(HistoryStore.open(parseStoreUrl(url), { create: false })).rejects.toThrow(/schema version 99; this Vigil reads up to version 2/);
  });

  it('two jobs recording one run id at once: exactly one records it (CLI, two processes)', async () => {
    const url = await makeUrl();
    // Migrated first, so both jobs race on the run, not on the schema.
    await (await HistoryStore.open(parseStoreUrl(url), { create: true })).close();
    const job = (i: number) =>
      runCli(
        [
          'evaluate',
          DEMO,
          '--store',
          url,
          '--run-id',
          'nightly-1',
          '--out',
          join(tmp, `race-${i}-${Math.random()}`),
          '--quiet',
          '--fail-on',
          'none',
          '--format',
          'json',
        ],
        {
          cwd: tmp,
          timeoutMs: 120_000,
        },
      );
    const [a, b] = await Promise.all([job(1), job(2)]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    expect(loser.stderr).toMatch(/run nightly-1 is already recorded in the history store/);
    expect(loser.stderr).not.toContain(server.password);
    const store = await HistoryStore.open(parseStoreUrl(url), { create: false });
    expect((await store.runs()).map((r) => r.runId)).toEqual(['nightly-1']);
    await store.close();
  }, 180_000);
});

describe('store URLs', () => {
  it('parses sqlite and postgres URLs, with the defaults', () => {
    expect(parseStoreUrl(true)).toMatchObject({ kind: 'sqlite', path: 'vigil-out/history.db' });
    expect(parseStoreUrl('sqlite:')).toMatchObject({ kind: 'sqlite', path: 'vigil-out/history.db' });
    expect(parseStoreUrl('sqlite:/var/lib/vigil/h.db')).toMatchObject({ kind: 'sqlite', path: '/var/lib/vigil/h.db' });
    expect(parseStoreUrl('postgresql://u:secret@db:5432/vigil')).toMatchObject({ kind: 'postgres', label: 'postgresql://***@db:5432/vigil' });
    expect(() => parseStoreUrl('mysql://u:secret@db/x')).toThrow(/unsupported store "mysql:\/\/\*\*\*@db\/x"/);
  });

  it('never prints a password: user-info is scrubbed in labels and driver messages', async () => {
    expect(scrubUrl('postgres://vigil:hunter2@h/db')).toBe('postgres://***@h/db');
    expect(scrubMessage('failed for postgres://vigil:hunter2@h/db and hunter2', ['hunter2'])).toBe('failed for postgres://***@h/db and ***');
    // A wrong password against the real server: the error names the store without the password.
    const wrong = server.url.replace(encodeURIComponent(server.password), 'not-the-password');
    const r = await runCli(['history', 'list', '--store', wrong], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/vigil: --store: cannot connect to the history store \(.*password authentication failed/);
    expect(r.stderr).not.toContain('not-the-password');
    // Reading commands never create a SQLite store.
    const none = await runCli(['history', 'list', '--store', `sqlite:${join(tmp, 'absent.db')}`], { cwd: tmp });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no history store there');
    await writeFile(join(tmp, 'keep'), '');
  });
});
