/**
 * Benchmark: the history store. Records one run of 100,000 findings (time of the whole transaction, database size)
 * and times `history trend` over 100 recorded runs, on SQLite (a temporary file) and, when PostgreSQL's server
 * binaries are installed, on a PostgreSQL server started on 127.0.0.1. Target: 100,000 findings recorded in under
 * 3 s on SQLite.
 *
 * `npx tsx bench/history.ts [--findings N] [--runs N] [--no-postgres]`
 */
import { loadavg } from 'node:os';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationResult, Finding, Severity, Status } from '../src/engine/types.js';
import { HistoryStore, parseStoreUrl, runRecord } from '../src/history/index.js';
import { postgresBinDir, startPostgres } from '../src/testing/postgres-server.js';

const TARGET_MS = 3000;
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const FINDINGS = arg('--findings', 100_000);
const RUNS = arg('--runs', 100);
const SEV: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const STATUS: Status[] = ['pass', 'pass', 'fail', 'unknown', 'not_applicable'];

/** A synthetic evaluation of n findings over 40 rules, 3 accounts and 4 regions (deterministic). */
function result(n: number, startedAt: Date): EvaluationResult {
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const status = STATUS[i % STATUS.length] ?? 'pass';
    findings.push({
      id: `f${i.toString(16).padStart(12, '0')}`,
      ruleId: `rule-${i % 40}`,
      status,
      severity: SEV[i % SEV.length] ?? 'info',
      title: `Rule ${i % 40} title that says what is checked`,
      messageId: status,
      message: `Security group sg-${i.toString(16)} allows 0.0.0.0/0 on port ${i % 65535} (${status})`,
      resource: {
        provider: 'aws',
        account: `12345678901${i % 3}`,
        region: ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-south-1'][i % 4] ?? 'us-east-1',
        type: 'aws.ec2.security-group',
        id: `sg-${i.toString(16).padStart(17, '0')}`,
        arn: `arn:aws:ec2:us-east-1:123456789012:security-group/sg-${i.toString(16).padStart(17, '0')}`,
        name: `group-${i}`,
      },
    });
  }
  const byStatus = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  for (const f of findings) byStatus[f.status]++;
  return {
    tool: { name: 'vigil', version: 'bench' },
    evaluatedAt: startedAt.toISOString(),
    snapshot: {
      startedAt: startedAt.toISOString(),
      finishedAt: startedAt.toISOString(),
      scopes: [{ provider: 'aws', account: '123456789012', regions: ['us-east-1'] }],
      resourceCount: n,
      coverage: { total: 10, ok: 9, notApplicable: 0, gaps: [] },
    },
    rules: [],
    findings,
    summary: { byStatus, failuresBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, suppressed: 0 },
    compliance: [
      {
        id: 'hipaa',
        title: 'HIPAA',
        version: '1',
        source: 'bench',
        score: 0.5,
        counts: { pass: 1, fail: 1, unknown: 0, manual: 0, not_applicable: 0 },
        controls: [],
      },
    ],
  };
}

async function bench(label: string, url: string, sizeOf: () => Promise<number>): Promise<void> {
  const store = await HistoryStore.open(parseStoreUrl(url), { create: true });
  try {
    const big = result(FINDINGS, new Date(Date.UTC(2026, 0, 1)));
    const t0 = performance.now();
    await store.record(runRecord(big, { runId: 'big', command: 'bench', durationMs: 0 }));
    const recordMs = performance.now() - t0;
    const size = await sizeOf();
    for (let i = 1; i < RUNS; i++)
      await store.record(runRecord(result(1_000, new Date(Date.UTC(2026, 0, 1, i))), { runId: `r${i}`, command: 'bench', durationMs: 0 }));
    const t1 = performance.now();
    const points = await store.trend(RUNS);
    const trendMs = performance.now() - t1;
    const t2 = performance.now();
    const doc = await store.findingsDoc((await store.run('big'))!);
    const readMs = performance.now() - t2;
    const ok = label !== 'sqlite' || recordMs < TARGET_MS;
    console.log(
      `${label}: record ${FINDINGS.toLocaleString('en-US')} findings ${recordMs.toFixed(0)} ms${label === 'sqlite' ? ` (target < ${TARGET_MS} ms: ${ok ? 'OK' : 'MISSED'})` : ''}; ` +
        `database ${(size / 1048576).toFixed(1)} MiB after that run; history trend over ${points.length} runs ${trendMs.toFixed(0)} ms; ` +
        `read back ${doc.findings.length.toLocaleString('en-US')} findings (baseline / diff) ${readMs.toFixed(0)} ms`,
    );
  } finally {
    await store.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-history-'));
try {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (2-core machine; other work on it slows every figure)`,
  );
  const file = join(dir, 'history.db');
  await bench('sqlite', `sqlite:${file}`, async () => (await stat(file)).size);
  if (!process.argv.includes('--no-postgres') && postgresBinDir()) {
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase('bench');
      const pgc = (await import('pg')).default;
      await bench('postgres', url, async () => {
        const c = new pgc.Client({ connectionString: url });
        await c.connect();
        const r = await c.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s');
        await c.end();
        return Number(r.rows[0]?.s ?? 0);
      });
    } finally {
      await pg.stop();
    }
  } else console.log('postgres: skipped (no PostgreSQL server binaries; apt-get install -y postgresql)');
} finally {
  await rm(dir, { recursive: true, force: true });
}
