import * as crypto from 'node:crypto';
import type { ResourceRef } from '../model/types.js';

/**
 * Identity of a resource for finding ids, suppressions and diffs. It must not depend on anything a failed
 * call can change: a resource with an ARN (or GCP full resource name) is keyed on it, since it is built
 * from the resource's identity alone; an S3 bucket's region, for one, comes from GetBucketLocation, and a
 * failed call must not give the same bucket a new id. Without an ARN: provider, account, region, type, id.
 */
export function resourceKey(ref: ResourceRef): string {
  return ref.arn ? [ref.provider, ref.account, ref.type, ref.arn].join('|') : [ref.provider, ref.account, ref.region, ref.type, ref.id].join('|');
}

/** Stable finding id: the same rule on the same resource keeps the same id across runs. */
export function findingId(ruleId: string, ref: ResourceRef, key?: string): string {
  return findingIdFromKey(ruleId, resourceKey(ref), key);
}

// One-shot hashing (Node ≥ 20.12) avoids a Hash object per finding: it is the hot path with 100k+ findings.
const oneShot = (crypto as unknown as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

/** As {@link findingId}, for a precomputed {@link resourceKey}. */
export function findingIdFromKey(ruleId: string, resourceKeyValue: string, key?: string): string {
  const input = `${ruleId}\0${resourceKeyValue}${key ? `\0${key}` : ''}`;
  const hex = oneShot ? oneShot('sha256', input, 'hex') : crypto.createHash('sha256').update(input).digest('hex');
  return hex.slice(0, 32);
}
