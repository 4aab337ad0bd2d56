/**
 * The scheduled job end to end, through the CLI as a user runs it, against a real moto_server, a real SQLite file
 * and a real PostgreSQL server (both on 127.0.0.1):
 * - three audits of an account that changes between them, recorded in a store: history list / show / trend,
 *   `diff previous last`, `--baseline last` and `--fail-on-new` against what changed;
 * - a sharded organization run: two shards record under one run id into PostgreSQL, `vigil report --run`
 *   says which shard is missing until both are in, then merges them and records the run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { awsClients } from '../../src/testing/aws-clients.js';
import { seedOrganization } from '../../src/testing/moto-org.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { type PostgresServer, startPostgres } from '../../src/testing/postgres-server.js';
import { type CliRun, runCli } from '../support/cli.js';

let moto: MotoServer;
let pgServer: PostgresServer;
let tmp: string;

const SSH = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const RDP = { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
const cli = (args: string[]): Promise<CliRun> => runCli(args, { cwd: tmp, timeoutMs: 240_000 });
const json = <T>(r: CliRun): T => {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};

beforeAll(async () => {
  [moto, pgServer] = await Promise.all([startMoto(), startPostgres()]);
  await moto.reset();
  tmp = await mkdtemp(join(tmpdir(), 'vigil-history-it-'));
}, 120_000);

afterAll(async () => {
  await moto?.stop();
  await pgServer?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('three audits of a changing account, recorded in a SQLite store', () => {
  const store = () => `sqlite:${join(tmp, 'history.db')}`;
  const audit = (n: number, extra: string[]) =>
    cli([
      'audit',
      '--endpoint-url',
      moto.endpoint,
      '--regions',
      'us-east-1',
      '--services',
      'ec2',
      '--rules',
      'aws-sg-open-admin-port',
      '--no-progress',
      '--store',
      store(),
      '--run-id',
      `run-${n}`,
      '--out',
      join(tmp, `out-${n}`),
      '--format',
      'json,sarif',
      ...extra,
    ]);
  const groups: Record<string, string> = {};
  const runs: CliRun[] = [];

  beforeAll(async () => {
    const { ec2 } = awsClients(moto.endpoint);
    const group = async (name: string) => {
      const g = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name }));
      groups[name] = g.GroupId!;
      return g.GroupId!;
    };
    // Run 1: web opens SSH to the internet.
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: await group('web'), IpPermissions: [SSH] }));
    runs.push(await audit(1, ['--fail-on', 'none']));
    // Run 2: two more groups open admin ports (new), web stays open.
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: await group('db'), IpPermissions: [RDP] }));
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: await group('ops'), IpPermissions: [SSH] }));
    runs.push(await audit(2, ['--baseline', 'last', '--fail-on-new', 'high']));
    // Run 3: web is closed (resolved); nothing new.
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groups.web, IpPermissions: [SSH] }));
    runs.push(await audit(3, ['--baseline', 'last', '--fail-on-new', 'high']));
  }, 900_000);

  it('records each audit; --fail-on-new fails only the run with new failures, and says which', () => {
    expect(runs[0]!.code).toBe(0);
    expect(runs[0]!.stdout).toContain(`History: recorded run run-1 in ${store()}`);
    expect(runs[1]!.code).toBe(1);
    expect(runs[1]!.stdout).toMatch(/Baseline run run-1: 2 new failure\(s\) \(high 2\), 0 resolved, 0 coverage lost/);
    expect(runs[1]!.stdout).toMatch(/FAIL \(exit 1\): 2 new failures at or above high since run run-1 \(--fail-on-new high\)/);
    // Run 3 still has two open high failures, none new: --fail-on-new passes it where --fail-on high would not.
    expect(runs[2]!.code).toBe(0);
    expect(runs[2]!.stdout).toMatch(/Baseline run run-2: 0 new failure\(s\), 1 resolved/);
    expect(runs[2]!.stdout).toMatch(/PASS \(exit 0\): no new failure at or above high since run run-2/);
  });

  it('marks the new failures in findings.json and SARIF (baselineState)', async () => {
    const doc = JSON.parse(await readFile(join(tmp, 'out-2', 'findings.json'), 'utf8')) as {
      baseline: { runId: string; newFailures: number };
      findings: { status: string; resource: { id: string }; baselineState?: string }[];
    };
    expect(doc.baseline).toMatchObject({ runId: 'run-1', newFailures: 2, resolved: 0, coverageLost: 0 });
    const state = Object.fromEntries(doc.findings.filter((f) => f.status === 'fail').map((f) => [f.resource.id, f.baselineState]));
    expect(state).toEqual({ [groups.web!]: 'unchanged', [groups.db!]: 'new', [groups.ops!]: 'new' });
    const sarif = JSON.parse(await readFile(join(tmp, 'out-2', 'vigil.sarif'), 'utf8')) as {
      runs: { results: { baselineState?: string; properties: { resourceId: string } }[] }[];
    };
    const results = sarif.runs.flatMap((r) => r.results).filter((r) => r.baselineState);
    expect(Object.fromEntries(results.map((r) => [r.properties.resourceId, r.baselineState]))).toEqual(state);
  });

  it('history list, trend and show read the runs back', async () => {
    const list = json<{ runs: { runId: string; command: string; openBySeverity: { high: number } }[] }>(
      await cli(['history', 'list', '--store', store(), '--format', 'json']),
    );
    expect(list.runs.map((r) => [r.runId, r.command, r.openBySeverity.high])).toEqual([
      ['run-3', 'audit', 2],
      ['run-2', 'audit', 3],
      ['run-1', 'audit', 1],
    ]);
    const trend = json<{ trend: { runId: string; openBySeverity: { high: number }; coverageGaps: number }[] }>(
      await cli(['history', 'trend', '--store', store(), '--format', 'json', '--last', '2']),
    );
    expect(trend.trend.map((p) => [p.runId, p.openBySeverity.high])).toEqual([
      ['run-2', 3],
      ['run-3', 2],
    ]);
    const table = await cli(['history', 'trend', '--store', store()]);
    expect(table.stdout).toMatch(/^RUN\s+STARTED\s+CRIT\s+HIGH/);
    expect(table.stdout).toMatch(/run-1 .* 1 /);
    const show = await cli(['history', 'show', 'previous', '--store', store()]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Run run-2 (audit');
    expect(show.stdout).toMatch(/Failures \(3\):/);
    expect(show.stdout).toContain('ops [123456789012 us-east-1]');
  }, 600_000);

  it('vigil diff compares recorded runs (and still files)', async () => {
    const d = json<{ summary: { newFailures: number; resolved: number; stillFailing: number } }>(
      await cli(['diff', 'previous', 'last', '--store', store(), '--format', 'json']),
    );
    expect(d.summary).toMatchObject({ newFailures: 0, resolved: 1, stillFailing: 2 });
    const mixed = json<{ summary: { newFailures: number } }>(
      await cli(['diff', join(tmp, 'out-1', 'findings.json'), 'run-2', '--store', store(), '--format', 'json']),
    );
    expect(mixed.summary.newFailures).toBe(2);
    const missing = await cli(['diff', 'run-9', 'last', '--store', store()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no run run-9 in the history store');
  }, 600_000);
});

describe('a sharded organization run recorded in PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await pgServer.createDatabase('fleet');
    await seedOrganization(moto.endpoint, { accounts: 4 });
  }, 300_000);
  it('reports which shard is missing, then merges both shards of the run id once they are in', async () => {
    const env = { ...process.env, NO_COLOR: '1', VIGIL_RUN_ID: 'fleet-2026-12-03' };
    const withEnv = (args: string[]) => runCli(args, { cwd: tmp, env, timeoutMs: 240_000 });
    const s0 = await withEnv(shardArgs(0));
    expect(s0.code).toBe(0);
    const report = (extra: string[] = []) =>
      withEnv(['report', '--run', 'fleet-2026-12-03', '--store', url, '--out', join(tmp, 'merged'), '--fail-on', 'none', '--format', 'json', ...extra]);
    const partial = await report();
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain('1/2 shards');
    expect(partial.stdout).toContain('MISSING shard 1');
    expect(partial.stderr).toMatch(/shard 1 of 2 not recorded in postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/fleet; nothing reported or recorded/);
    expect(partial.stderr + partial.stdout).not.toContain(pgServer.password);

    const s1 = await withEnv(shardArgs(1));
    expect(s1.code).toBe(0);
    const merged = await report();
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('Merged run fleet-2026-12-03: 2/2 shards');
    expect(merged.stdout).toContain('History: recorded run fleet-2026-12-03');
    const doc = JSON.parse(await readFile(join(tmp, 'merged', 'findings.json'), 'utf8')) as { snapshot: { scopes: { account: string }[] } };
    expect(doc.snapshot.scopes.length).toBe(5);
    const show = json<{ run: { runId: string; command: string; shards: { count: number; missing: number[] } } }>(
      await withEnv(['history', 'show', 'last', '--store', url, '--format', 'json']),
    );
    expect(show.run).toMatchObject({ runId: 'fleet-2026-12-03', command: 'report', shards: { count: 2, missing: [] } });
    // The run is recorded once: a late copy of a shard is not added to it.
    const late = await withEnv(shardArgs(0));
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('run fleet-2026-12-03 was already merged and recorded');
  }, 900_000);

  function shardArgs(i: number): string[] {
    return [
      'audit',
      '--aws-organization',
      '--shard',
      `${i}/2`,
      '--endpoint-url',
      moto.endpoint,
      '--regions',
      'us-east-1',
      '--services',
      'ec2',
      '--rules',
      'aws-sg-open-admin-port',
      '--no-progress',
      '--quiet',
      '--fail-on',
      'none',
      '--store',
      url,
      '--out',
      join(tmp, `shard-${i}`),
      '--format',
      'json',
    ];
  }
});
