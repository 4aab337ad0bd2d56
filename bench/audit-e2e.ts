/**
 * `npm run bench -- audit-e2e`: the whole `vigil audit` as a user runs it, as one process of the compiled CLI,
 * against a moto account seeded like the demo's (the examples/demo seeders, two regions). Prints the wall time,
 * the API calls and the split start / collection / evaluation / reporting (VIGIL_TIMINGS), median of several
 * runs, for a few `--concurrency` settings (region × service collections in flight; the SDK retries adaptively).
 * Target: the whole audit under 3 s, start under 10 % of it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto } from '../src/testing/moto-server.js';
import { seedAwsData } from '../examples/demo/seed-aws-data.js';
import { seedAwsDatastores } from '../examples/demo/seed-aws-datastores.js';
import { seedAwsElbv2 } from '../examples/demo/seed-aws-elbv2.js';
import { seedAwsIam } from '../examples/demo/seed-aws-iam.js';
import { seedAwsNetwork } from '../examples/demo/seed-aws-network.js';
import { COMPILED_CLI, buildCompiled, median, timed } from './compiled.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const RUNS = Number(process.env.VIGIL_BENCH_RUNS ?? 3);
const CONCURRENCY = (process.env.VIGIL_BENCH_CONCURRENCY ?? '4,8,16').split(',').map(Number);

buildCompiled();
const moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
const work = mkdtempSync(join(tmpdir(), 'vigil-bench-e2e-'));
try {
  await seedAwsNetwork(moto.endpoint, REGIONS);
  await seedAwsIam(moto.endpoint);
  await seedAwsData(moto.endpoint, REGIONS);
  await seedAwsElbv2(moto.endpoint, REGIONS[0]!);
  await seedAwsDatastores(moto.endpoint, REGIONS);
  const env = { NO_COLOR: '1', VIGIL_TIMINGS: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
  // One run first, not counted: moto builds some of its state lazily on the first reads.
  timed([COMPILED_CLI, 'audit', '--endpoint-url', moto.endpoint, '--regions', REGIONS.join(','), '--out', join(work, 'warm'), '--quiet'], env);
  for (const c of CONCURRENCY) {
    const rows: { ms: number; phases: Record<string, number>; calls: number; resources: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const snap = join(work, `snap-${c}-${i}.json`);
      const args = ['audit', '--endpoint-url', moto.endpoint, '--regions', REGIONS.join(','), '--concurrency', String(c)];
      const r = timed([COMPILED_CLI, ...args, '--out', join(work, `out-${c}-${i}`), '--snapshot', snap, '--quiet', '--fail-on', 'none'], env);
      if (r.status !== 0 && r.status !== 3) throw new Error(`vigil audit exited ${r.status}: ${r.stderr}`);
      const line = /vigil-timings (\{.*\})/.exec(r.stderr);
      if (!line?.[1]) throw new Error(`no timings line in: ${r.stderr}`);
      const s = JSON.parse(readFileSync(snap, 'utf8')) as { resources: unknown[]; stats?: { apiCalls?: Record<string, number> } };
      const calls = Object.values(s.stats?.apiCalls ?? {}).reduce((a, b) => a + b, 0);
      rows.push({ ms: r.ms, phases: JSON.parse(line[1]) as Record<string, number>, calls, resources: s.resources.length });
    }
    const ms = median(rows.map((r) => r.ms));
    const ph = (k: string) => median(rows.map((r) => r.phases[k] ?? 0));
    const start = ph('start');
    console.log(
      `--concurrency ${String(c).padEnd(3)} audit ${ms.toFixed(0)} ms wall (target < 3000: ${ms < 3000 ? 'met' : 'MISSED'}); ` +
        `start ${start} ms (${((start / ms) * 100).toFixed(0)} %, target < 10 %: ${start / ms < 0.1 ? 'met' : 'MISSED'}), ` +
        `collection ${ph('collection')} ms, evaluation ${ph('evaluation')} ms, reporting ${ph('reporting')} ms; ` +
        `${rows[0]!.calls} API calls, ${rows[0]!.resources} resources (median of ${RUNS})`,
    );
  }
} finally {
  await moto.stop();
  rmSync(work, { recursive: true, force: true });
}
