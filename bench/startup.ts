/**
 * Start-up of the compiled CLI (what `npm install -g @vigil-scanner/cli` installs): `vigil --version` and
 * `vigil --help` (targets < 150 ms wall, < 80 MB peak RSS) and `vigil evaluate` of the bundled demo snapshot
 * (target < 1 s), median of several runs. The figures depend on the machine and its load: the CPU time of a
 * bare `node -e 0` is printed beside them for scale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/version.js';
import { COMPILED_CLI, buildCompiled, median, timed } from './compiled.js';

const RUNS = Number(process.env.VIGIL_BENCH_RUNS ?? 7);
buildCompiled();
const out = mkdtempSync(join(tmpdir(), 'vigil-bench-startup-'));
const demo = join(PACKAGE_ROOT, 'examples', 'demo', 'aws-snapshot.json');
const cases: { name: string; args: string[]; targetMs: number; targetMb?: number; code: number }[] = [
  { name: 'node -e 0 (for scale)', args: ['-e', '0'], targetMs: Infinity, code: 0 },
  { name: 'vigil --version', args: [COMPILED_CLI, '--version'], targetMs: 150, targetMb: 80, code: 0 },
  { name: 'vigil --help', args: [COMPILED_CLI, '--help'], targetMs: 150, targetMb: 80, code: 0 },
  { name: 'vigil evaluate demo', args: [COMPILED_CLI, 'evaluate', demo, '--out', out, '--quiet'], targetMs: 1000, code: 1 },
];
let missed = 0;
for (const c of cases) {
  const runs = Array.from({ length: RUNS }, () => timed(c.args, { NO_COLOR: '1' }));
  const bad = runs.find((r) => r.status !== c.code);
  if (bad) throw new Error(`${c.name}: exit ${bad.status} (expected ${c.code}): ${bad.stderr}`);
  const ms = median(runs.map((r) => r.ms));
  const mb = median(runs.map((r) => r.rssMb));
  const ok = ms < c.targetMs && (c.targetMb === undefined || !(mb >= c.targetMb));
  if (!ok) missed++;
  const target = Number.isFinite(c.targetMs) ? `  target < ${c.targetMs} ms${c.targetMb ? `, < ${c.targetMb} MB` : ''}: ${ok ? 'met' : 'MISSED'}` : '';
  console.log(
    `${c.name.padEnd(24)} median ${ms.toFixed(0).padStart(5)} ms wall, ${Number.isNaN(mb) ? '?' : mb.toFixed(0)} MB peak RSS (${RUNS} runs)${target}`,
  );
}
rmSync(out, { recursive: true, force: true });
if (missed) console.log(`${missed} target(s) missed on this machine (compare with the node -e 0 line: a loaded machine slows every figure)`);
