import { describe, expect, it } from '@jest/globals';
import { inShard, parseShard, shardOf } from '../../src/fleet/shard.js';
import { InputError } from '../../src/util/errors.js';

const ids = Array.from({ length: 400 }, (_, i) => String(100000000000 + i * 7919));

describe('parseShard', () => {
  it('reads 0-based INDEX/COUNT', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
  });
  it.each(['4/4', '1', '-1/4', 'a/b', '0/0', '1/2/3'])('rejects %s with the fix', (v) => {
    expect(() => parseShard(v)).toThrow(InputError);
    try {
      parseShard(v);
    } catch (e) {
      expect((e as InputError).fix).toContain('JOB_COMPLETION_INDEX');
    }
  });
});

describe('rendezvous sharding', () => {
  it('puts every account in exactly one shard, deterministically', () => {
    const count = 5;
    const parts = Array.from({ length: count }, (_, index) => inShard(ids, { index, count }, (x) => x));
    expect(parts.flat().sort()).toEqual([...ids].sort());
    expect(parts.map((p) => p.length).reduce((a, b) => a + b)).toBe(ids.length);
    expect(ids.map((id) => shardOf(id, count))).toEqual(ids.map((id) => shardOf(id, count)));
  });

  it('spreads accounts evenly (each of 4 shards within 35% of its fair share of 400)', () => {
    const sizes = [0, 1, 2, 3].map((index) => inShard(ids, { index, count: 4 }, (x) => x).length);
    for (const n of sizes) expect(Math.abs(n - 100)).toBeLessThan(35);
  });

  it('is stable: adding accounts moves none of the others; one more shard moves only what it wins', () => {
    const before = new Map(ids.map((id) => [id, shardOf(id, 4)]));
    const more = [...ids, '999999999999', '888888888888'];
    for (const id of ids) expect(shardOf(id, 4)).toBe(before.get(id));
    const moved = more.filter((id) => before.has(id) && shardOf(id, 5) !== before.get(id));
    // Every account that moved went to the new shard 4; the rest stayed put.
    expect(moved.every((id) => shardOf(id, 5) === 4)).toBe(true);
    expect(moved.length).toBeGreaterThan(40);
    expect(moved.length).toBeLessThan(130);
  });

  it('one shard owns everything', () => {
    expect(inShard(ids, { index: 0, count: 1 }, (x) => x)).toEqual(ids);
  });
});
