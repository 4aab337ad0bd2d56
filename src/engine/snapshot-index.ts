import type { CoverageEntry, Resource, Snapshot } from '../model/types.js';
import type { SnapshotIndex } from './types.js';

const EMPTY: Resource<any>[] = [];

/** A coverage gap applies to a scope when it is in the same account and region, or either side is global. */
export function gapApplies(gap: CoverageEntry, account: string, region: string): boolean {
  return gap.account === account && (gap.region === region || gap.region === 'global' || region === 'global');
}

export function isGap(entry: CoverageEntry): boolean {
  return entry.status !== 'ok' && entry.status !== 'not_applicable';
}

/** Builds the lookup structures once; every lookup afterwards is O(1) or O(matches). */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const byType = new Map<string, Resource<any>[]>();
  const byScope = new Map<string, Resource<any>[]>();
  const byId = new Map<string, Resource<any>[]>();
  for (const r of snapshot.resources) {
    const { type, account, region, id } = r.ref;
    push(byType, type, r);
    push(byScope, `${type}|${account}`, r);
    push(byScope, `${type}|${account}|${region}`, r);
    push(byId, `${type}|${id}`, r);
  }
  const gapsByType = new Map<string, CoverageEntry[]>();
  for (const c of snapshot.coverage) {
    if (!isGap(c)) continue;
    for (const t of c.resourceTypes) push(gapsByType, t, c);
  }
  return {
    snapshot,
    ofType: (type) => byType.get(type) ?? EMPTY,
    inScope: (type, account, region) => byScope.get(region === undefined ? `${type}|${account}` : `${type}|${account}|${region}`) ?? EMPTY,
    get: (type, id, account) => {
      const list = byId.get(`${type}|${id}`);
      if (!list) return undefined;
      return account === undefined ? list[0] : list.find((r) => r.ref.account === account);
    },
    gaps: (type, account, region, resourceId) =>
      (gapsByType.get(type) ?? []).filter(
        (g) => gapApplies(g, account, region) && (g.resourceId === undefined || g.resourceId === resourceId),
      ),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
