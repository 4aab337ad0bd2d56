/**
 * Benchmark: an organization scan of 50 moto accounts (every collector, one region), as one process and as
 * 2 and 4 shards run side by side (one process each, as the Kubernetes Indexed Job runs them). Prints wall
 * time and peak RSS per configuration, and the API calls per account, which must not grow with the number
 * of accounts (a scan of 10 of the accounts is measured too).
 *
 * Every shard talks to the same single moto_server (about 100 calls/s on this machine), so the shards'
 * speed-up is bounded by moto, not by Vigil: treat times as relative. The organization listing and the
 * AssumeRole per account go through the fault proxy, which answers AssumeRole from moto's IAM state.
 *
 * `npx tsx bench/fleet.ts [--accounts 50]`
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collect } from '../src/collectors/index.js';
import { fleetOf } from '../src/fleet/merge.js';
import { startFaultProxy } from '../src/testing/fault-proxy.js';
import { MANAGEMENT_ACCOUNT, roleTrustCheck, seedOrganization } from '../src/testing/moto-org.js';
import { startMoto } from '../src/testing/moto-server.js';

interface WorkerResult {
  wallMs: number;
  maxRssMb: number;
  audited: number;
  apiCalls: Record<string, number>;
}

/** `i/n` → the organization scan's shard. */
function parseShard(shard: string): { index: number; count: number } {
  const [index, count] = shard.split('/').map(Number);
  if (index === undefined || count === undefined) throw new Error(`fleet worker: shard must be i/n, got ${shard}`);
  return { index, count };
}

/** Worker mode: one collection in this process, figures as JSON on stdout. */
async function worker(endpoint: string, shard: string | undefined, accounts: string | undefined): Promise<void> {
  const started = Date.now();
  const snap = await collect({
    aws: { endpointUrl: endpoint, regions: ['us-east-1'], maxAttempts: 3 },
    awsOrganization: { ...(shard ? { shard: parseShard(shard) } : {}), ...(accounts ? { accounts: accounts.split(',') } : {}), runId: 'bench' },
  });
  const audited = fleetOf(snap)!.accounts.filter((a) => a.outcome === 'audited').length;
  const out: WorkerResult = { wallMs: Date.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, audited, apiCalls: snap.stats?.apiCalls ?? {} };
  process.stdout.write(JSON.stringify(out) + '\n');
}

function runWorker(endpoint: string, shard?: string, accounts?: string): Promise<WorkerResult> {
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const args = [tsx, fileURLToPath(import.meta.url), '--worker', endpoint, shard ?? '-', accounts ?? '-'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`worker ${shard ?? ''} exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as WorkerResult);
    });
  });
}

const sum = (r: Record<string, number>, pred: (k: string) => boolean = () => true) =>
  Object.entries(r)
    .filter(([k]) => pred(k))
    .reduce((a, [, v]) => a + v, 0);
const isOrgListing = (k: string) => k.startsWith('organizations:');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const n = Number(argv[argv.indexOf('--accounts') + 1] ?? 50) || 50;
  const moto = await startMoto();
  try {
    let t = Date.now();
    const org = await seedOrganization(moto.endpoint, { accounts: n - 1, ous: ['Prod', 'Dev', 'Sandbox'] });
    console.log(`seeded an organization of ${n} accounts (management + ${n - 1} members) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const proxy = await startFaultProxy({ target: moto.endpoint, assumeRole: roleTrustCheck(moto.endpoint) });
    try {
      // Warm moto's services once, so the first configuration does not pay their start-up.
      await runWorker(proxy.endpoint, undefined, MANAGEMENT_ACCOUNT);

      const rows: string[] = [];
      const perAccount: Record<string, number> = {};
      for (const shards of [1, 2, 4]) {
        t = Date.now();
        const results = await Promise.all(Array.from({ length: shards }, (_, i) => runWorker(proxy.endpoint, shards === 1 ? undefined : `${i}/${shards}`)));
        const wall = Date.now() - t;
        const audited = results.reduce((a, r) => a + r.audited, 0);
        if (audited !== n) throw new Error(`${shards} shard(s) audited ${audited} accounts, expected ${n}`);
        const calls = results.reduce((a, r) => a + sum(r.apiCalls, (k) => !isOrgListing(k)), 0);
        perAccount[`${shards}`] = calls / n;
        rows.push(
          `  ${String(shards).padStart(2)} process${shards === 1 ? '  ' : 'es'}  wall ${(wall / 1000).toFixed(1).padStart(6)} s   peak RSS ${results
            .map((r) => r.maxRssMb.toFixed(0))
            .join(' / ')
            .padEnd(19)} MB   accounts per process ${results.map((r) => r.audited).join(' / ')}`,
        );
      }
      console.log(`\nwall time and peak RSS (${n} accounts, every collector, us-east-1):`);
      for (const r of rows) console.log(r);

      const ten = await runWorker(proxy.endpoint, undefined, [MANAGEMENT_ACCOUNT, ...org.accounts.slice(0, 9).map((a) => a.id)].join(','));
      const all = await runWorker(proxy.endpoint);
      const tenPer = sum(ten.apiCalls, (k) => !isOrgListing(k)) / ten.audited;
      const allPer = sum(all.apiCalls, (k) => !isOrgListing(k)) / all.audited;
      console.log(`\nAPI calls per account (collection + AssumeRole + identity; organization listing apart):`);
      console.log(`  ${String(ten.audited).padStart(3)} accounts: ${tenPer.toFixed(1)} per account, listing ${sum(ten.apiCalls, isOrgListing)} calls`);
      console.log(
        `  ${String(all.audited).padStart(3)} accounts: ${allPer.toFixed(1)} per account, listing ${sum(all.apiCalls, isOrgListing)} calls (${Object.entries(
          all.apiCalls,
        )
          .filter(([k]) => isOrgListing(k))
          .map(([k, v]) => `${k.split(':')[1]} ${v}`)
          .join(', ')})`,
      );
      console.log(
        `  sharded runs: ${Object.entries(perAccount)
          .map(([k, v]) => `${k} shard(s) ${v.toFixed(1)}`)
          .join(', ')} per account`,
      );
      console.log(`  AssumeRole per account: ${((all.apiCalls['sts:AssumeRole'] ?? 0) / all.audited).toFixed(2)}`);
      if (allPer > tenPer + 0.5) throw new Error(`calls per account grew with the number of accounts (${tenPer.toFixed(1)} → ${allPer.toFixed(1)})`);
    } finally {
      await proxy.stop();
    }
  } finally {
    await moto.stop();
  }
}

if (process.argv[2] === '--worker') {
  const [, endpoint, shard, accounts] = process.argv.slice(2);
  if (!endpoint) throw new Error('fleet worker: usage --worker <endpoint> <shard|-> <accounts|->');
  await worker(endpoint, shard === '-' ? undefined : shard, accounts === '-' ? undefined : accounts);
} else {
  await main();
}
