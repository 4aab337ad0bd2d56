/**
 * Benchmark: peak memory of `vigil evaluate` on a large snapshot. Generates a snapshot of N resources
 * (default 200,000: EBS volumes, half of them unencrypted, over 8 regions, every type they need collected), runs the real CLI on it in a child process under `/usr/bin/time -v` (the SARIF, HTML and JSON
 * reports, every built-in rule) and prints the child's peak RSS, wall time and report sizes.
 * Target: peak RSS < 1.5 GB at 200,000 resources.
 *
 * `npx tsx bench/evaluate-memory.ts [--resources N]`
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectedSnapshot } from '../src/api/testing.js';
import { EBS_ENCRYPTION_DEFAULT, EBS_VOLUME } from '../src/model/aws/ebs.js';
import { EC2_INSTANCE } from '../src/model/aws/ec2.js';
import type { Resource } from '../src/model/types.js';
import { PACKAGE_ROOT } from '../src/version.js';
import { ebsDefault, volume } from '../test/support/aws-data.js';

const TARGET_MB = 1536;
const arg = process.argv.indexOf('--resources');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 200_000;
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'];

const resources: Resource[] = REGIONS.map((r) => ebsDefault(r, false));
for (let i = 0; resources.length < N; i++) {
  const region = REGIONS[i % REGIONS.length] ?? 'us-east-1';
  const id = `vol-${i.toString(16).padStart(17, '0')}`;
  resources.push(
    volume(id, { encrypted: i % 2 === 0, availabilityZone: `${region}a` }, { region, name: `data-${i}`, tags: { Name: `data-${i}`, team: `t${i % 50}` } }),
  );
}
const snapshot = collectedSnapshot(resources, [EBS_VOLUME, EC2_INSTANCE, EBS_ENCRYPTION_DEFAULT]);
snapshot.scopes = [{ provider: 'aws', account: '123456789012', regions: REGIONS }];

const dir = mkdtempSync(join(tmpdir(), 'vigil-evaluate-memory-'));
try {
  const file = join(dir, 'snapshot.json');
  writeFileSync(file, JSON.stringify(snapshot));
  console.log(`snapshot: ${resources.length.toLocaleString('en-US')} resources, ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time is needed to measure the child process (apt-get install time)');
  const started = Date.now();
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, join(PACKAGE_ROOT, 'src', 'cli', 'bin.js'), 'evaluate', file, '--out', join(dir, 'out'), '--fail-on', 'none', '--quiet'],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const wall = Date.now() - started;
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0) console.log(r.stderr.split('\n').slice(0, 10).join('\n'));
  console.log(`vigil evaluate: exit ${r.status}, ${(wall / 1000).toFixed(1)} s`);
  if (existsSync(join(dir, 'out')))
    for (const name of readdirSync(join(dir, 'out')).sort()) console.log(`  ${name}: ${(statSync(join(dir, 'out', name)).size / 1e6).toFixed(1)} MB`);
  const peakMb = peakKb / 1024;
  console.log(`peak RSS: ${peakMb.toFixed(0)} MB (target < ${TARGET_MB} MB) ${peakMb < TARGET_MB ? 'OK' : 'OVER'}`);
  if (!(peakMb < TARGET_MB) || r.status !== 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
