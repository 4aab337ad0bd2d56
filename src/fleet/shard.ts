import { createHash } from 'node:crypto';
import { InputError } from '../util/errors.js';

/** One slice of a fleet: `index` in `0 … count-1` (Kubernetes' `JOB_COMPLETION_INDEX` is 0-based too). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `--shard i/N` (0-based `i`, as `JOB_COMPLETION_INDEX`). */
export function parseShard(value: string, flag = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const fix = `pass ${flag} INDEX/COUNT with a 0-based index, e.g. ${flag} 0/4 … ${flag} 3/4 (Kubernetes: ${flag} $(JOB_COMPLETION_INDEX)/4)`;
  if (!m) throw new InputError(`"${value}" is not a shard`, undefined, flag, fix);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10_000) throw new InputError(`shard count ${count} is out of range (1–10000)`, undefined, flag, fix);
  if (index >= count) throw new InputError(`shard index ${index} is not below the shard count ${count} (indexes are 0-based)`, undefined, flag, fix);
  return { index, count };
}

function weight(key: string, shard: number): bigint {
  return createHash('sha256').update(`${key}\u0000${shard}`).digest().readBigUInt64BE(0);
}

/**
 * Rendezvous (highest-random-weight) hashing: the shard whose hash with the key is highest owns the key.
 * Deterministic on every machine; adding or removing accounts never moves the others, and going from N to
 * N+1 shards moves only the accounts the new shard wins (about 1/(N+1) of them).
 */
export function shardOf(key: string, count: number): number {
  let best = 0;
  let bestWeight = -1n;
  for (let i = 0; i < count; i++) {
    const w = weight(key, i);
    if (w > bestWeight) {
      best = i;
      bestWeight = w;
    }
  }
  return best;
}

/** The keys one shard owns, in their input order. */
export function inShard<T>(items: readonly T[], shard: Shard, key: (item: T) => string): T[] {
  return items.filter((it) => shardOf(key(it), shard.count) === shard.index);
}
