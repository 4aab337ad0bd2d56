import { describe, expect, it } from '@jest/globals';
import { type ShardSnapshot, mergeShardSnapshots } from '../../src/fleet/merge.js';
import { shardOf } from '../../src/fleet/shard.js';
import type { FleetAccount, FleetInfo } from '../../src/fleet/types.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../src/model/types.js';
import { InputError } from '../../src/util/errors.js';

const TYPES = ['aws.ec2.security-group', 'aws.iam.user'];
const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555', '666666666666'];
const N = 3;

/** The snapshot shard `index` of run `runId` would write: its own accounts audited, the rest other-shard. */
function shard(index: number, o: { runId?: string; finishedAt?: string; count?: number; listed?: string[] } = {}): ShardSnapshot {
  const count = o.count ?? N;
  const accounts: FleetAccount[] = (o.listed ?? ACCOUNTS).map((id) => {
    const s = shardOf(id, count);
    return { id, name: `n-${id}`, ouPath: ['Prod'], status: 'ACTIVE', shard: s, outcome: s === index ? 'audited' : 'other-shard' };
  });
  const mine = accounts.filter((a) => a.outcome === 'audited');
  const fleet: FleetInfo = { provider: 'aws', organizationId: 'o-abc', roleName: 'VigilAudit', runId: o.runId ?? 'r1', shard: { index, count }, accounts };
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 't' },
    startedAt: `2026-01-01T00:0${index}:00Z`,
    finishedAt: o.finishedAt ?? `2026-01-01T01:0${index}:00Z`,
    scopes: mine.map((a) => ({ provider: 'aws', account: a.id, regions: ['us-east-1'], detail: { accountName: a.name } })),
    resources: mine.map((a) => ({
      ref: { provider: 'aws', account: a.id, region: 'us-east-1', type: 'aws.ec2.security-group', id: `sg-${a.id}` },
      data: {},
    })) as Snapshot['resources'],
    coverage: mine.map((a) => ({
      provider: 'aws',
      account: a.id,
      region: 'us-east-1',
      service: 'ec2',
      operation: 'DescribeSecurityGroups',
      resourceTypes: ['aws.ec2.security-group'],
      status: 'ok',
    })) as Snapshot['coverage'],
    stats: { apiCalls: { 'ec2:DescribeSecurityGroups': mine.length }, fleet },
  };
  return { source: `shard-${index}.json`, snapshot };
}

describe('mergeShardSnapshots', () => {
  it('merges all shards into one snapshot with every account once', () => {
    const m = mergeShardSnapshots(
      [0, 1, 2].map((i) => shard(i)),
      { awsTypes: TYPES },
    );
    expect(m.summary).toMatchObject({ runId: 'r1', shardCount: N, present: [0, 1, 2], missing: [], missingAccounts: [] });
    expect(m.snapshot.scopes.map((s) => s.account).sort()).toEqual(ACCOUNTS);
    expect(m.snapshot.resources).toHaveLength(ACCOUNTS.length);
    expect(m.snapshot.stats!.apiCalls!['ec2:DescribeSecurityGroups']).toBe(ACCOUNTS.length);
    expect(m.snapshot.startedAt).toBe('2026-01-01T00:00:00Z');
    expect(m.snapshot.finishedAt).toBe('2026-01-01T01:02:00Z');
    expect((m.snapshot.stats!.fleet as FleetInfo).accounts.every((a) => a.outcome === 'audited')).toBe(true);
  });

  it('names the missing shard and makes each of its accounts a gap over every AWS type', () => {
    const m = mergeShardSnapshots([shard(0), shard(2)], { awsTypes: TYPES });
    const lost = ACCOUNTS.filter((id) => shardOf(id, N) === 1);
    expect(lost.length).toBeGreaterThan(0);
    expect(m.summary.missing).toEqual([1]);
    expect(m.summary.missingAccounts.map((a) => a.id).sort()).toEqual(lost);
    const gaps = m.snapshot.coverage.filter((c) => c.status !== 'ok');
    expect(gaps.map((g) => g.account).sort()).toEqual(lost);
    for (const g of gaps) expect(g).toMatchObject({ region: 'global', errorCode: 'ShardMissing', resourceTypes: TYPES });
    expect(
      m.snapshot.scopes
        .filter((s) => (s.detail as { fleetOutcome?: string }).fleetOutcome === 'missing')
        .map((s) => s.account)
        .sort(),
    ).toEqual(lost);
  });

  it('keeps the later copy of a retried shard', () => {
    const m = mergeShardSnapshots(
      [shard(0), shard(1), shard(1, { finishedAt: '2026-01-01T03:00:00Z' }), shard(2)].map((s, i) => ({ ...s, source: `f${i}` })),
      { awsTypes: TYPES },
    );
    expect(m.summary.skipped).toEqual([{ source: 'f1', reason: 'shard 1 again; f2 finished later' }]);
    expect(m.snapshot.resources).toHaveLength(ACCOUNTS.length);
  });

  it('an account added between shards that no shard audited is a gap, not silently dropped', () => {
    const late = '777777777777';
    const owner = shardOf(late, N);
    // Only a shard other than the owner listed it; the owner ran before the account existed.
    const other = (owner + 1) % N;
    const inputs = [0, 1, 2].map((i) => shard(i, i === other ? { listed: [...ACCOUNTS, late] } : {}));
    const m = mergeShardSnapshots(inputs, { awsTypes: TYPES });
    expect(m.summary.missing).toEqual([]);
    expect(m.summary.missingAccounts.map((a) => a.id)).toEqual([late]);
    expect(m.snapshot.coverage.find((c) => c.account === late)?.message).toMatch(/organization changed between shards/);
  });

  it('needs --run when the inputs hold several runs, and skips the other runs with it', () => {
    const inputs = [shard(0), shard(1), shard(2), shard(0, { runId: 'r2' })];
    expect(() => mergeShardSnapshots(inputs, { awsTypes: TYPES })).toThrow(/belong to 2 runs: r1, r2/);
    const m = mergeShardSnapshots(inputs, { runId: 'r1', awsTypes: TYPES });
    expect(m.summary.skipped).toEqual([{ source: 'shard-0.json', reason: 'run r2' }]);
    expect(() => mergeShardSnapshots(inputs, { runId: 'r9', awsTypes: TYPES })).toThrow(InputError);
  });

  it('refuses shards that disagree on the shard count', () => {
    expect(() => mergeShardSnapshots([shard(0), shard(1, { count: 4 })], { awsTypes: TYPES })).toThrow(/disagree on the shard count \(3, 4\)/);
  });

  it('merges plain (non-fleet) snapshots alongside, e.g. a GCP or TLS snapshot', () => {
    const plain = shard(0).snapshot;
    const tls: Snapshot = { ...plain, scopes: [{ provider: 'tls', account: 'tls', regions: ['global'] }], resources: [], coverage: [], stats: {} };
    const m = mergeShardSnapshots([...[0, 1, 2].map((i) => shard(i)), { source: 'tls.json', snapshot: tls }], { awsTypes: TYPES });
    expect(m.snapshot.scopes.some((s) => s.provider === 'tls')).toBe(true);
  });
});
