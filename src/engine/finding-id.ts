import { createHash } from 'node:crypto';
import type { ResourceRef } from '../model/types.js';

/** Identity of a resource for finding ids, suppressions and diffs. */
export function resourceKey(ref: ResourceRef): string {
  return [ref.provider, ref.account, ref.region, ref.type, ref.id].join('|');
}

/** Stable finding id: the same rule on the same resource keeps the same id across runs. */
export function findingId(ruleId: string, ref: ResourceRef, key?: string): string {
  const h = createHash('sha256');
  h.update(ruleId);
  h.update('\0');
  h.update(resourceKey(ref));
  if (key) h.update('\0' + key);
  return h.digest('hex').slice(0, 32);
}
