/**
 * `npm run bench [-- name …]`: runs each benchmark in its own process (so peak RSS figures are per
 * benchmark) and prints their figures. Benchmarks only talk to 127.0.0.1 (moto_server, local TLS servers).
 * Performance targets live here, not in timed tests.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: { name: string; what: string }[] = [
  { name: 'network-eval', what: 'evaluation of 100,000 network resources: time and peak RSS (target < 2 s, < 500 MB)' },
  { name: 'ec2-api-calls', what: 'EC2 API calls per collection for N security groups (must not grow with N)' },
  { name: 'iam', what: 'IAM collection calls and wall time for 2,000 roles / 1,000 users / 500 policies; analysis of 10,000 identities (target < 3 s)' },
  { name: 'aws-full', what: 'full AWS collection of a seeded account: API calls per service and wall time' },
  {
    name: 'fleet',
    what: 'organization scan of 50 moto accounts: wall time and peak RSS for 1 process, 2 and 4 shards side by side; API calls per account (must not grow with the number of accounts)',
  },
  { name: 'report-size', what: 'HTML / SARIF / JSON sizes and render times for 100,000 findings' },
  { name: 'report-load', what: 'HTML report of 100,000 findings in headless Chromium: size (target < 10 MB), load (target < 2 s), interactions' },
  { name: 'gcp-export', what: 'streaming read of a 1,000,000-line Cloud Asset export: time and peak RSS' },
  {
    name: 'history',
    what: 'history store: recording a run of 100,000 findings (time, database size; target < 3 s on SQLite) and history trend over 100 runs, SQLite and PostgreSQL',
  },
  { name: 'tls-compat', what: 'TLS probe agreement with sslscan / testssl.sh and fleet scan time' },
  { name: 'faults', what: 'collection through the fault proxy at 10/30/50% recoverable faults: snapshot equality and time overhead per fault rate' },
  { name: 'evaluate-memory', what: '`vigil evaluate` of 200,000 resources in a child process: peak RSS (target < 1.5 GB), wall time, report sizes' },
  { name: 'startup', what: 'compiled CLI: vigil --version / --help (target < 150 ms, < 80 MB) and evaluate of the demo snapshot (target < 1 s)' },
  {
    name: 'audit-e2e',
    what: 'whole vigil audit of a demo-sized moto account as one process: wall time (target < 3 s), API calls, start / collection / evaluation / reporting',
  },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let failed = 0;
for (const b of BENCHES.filter((x) => !wanted.length || wanted.includes(x.name))) {
  console.log(`\n=== ${b.name}: ${b.what}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsx, fileURLToPath(new URL(`./${b.name}.ts`, import.meta.url))], {
    stdio: 'inherit',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  console.log(`=== ${b.name}: exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
