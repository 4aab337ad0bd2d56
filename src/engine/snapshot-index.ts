import type { CoverageEntry, Resource, Snapshot } from '../model/types.js';
import type { SnapshotIndex } from './types.js';

const EMPTY: Resource[] = [];
const NO_GAPS: CoverageEntry[] = [];

/** A coverage gap applies to a scope when it is in the same account and region, or either side is global. */
export function gapApplies(gap: CoverageEntry, account: string, region: string): boolean {
  return gap.account === account && (gap.region === region || gap.region === 'global' || region === 'global');
}

export function isGap(entry: CoverageEntry): boolean {
  return entry.status !== 'ok' && entry.status !== 'not_applicable';
}

/** Builds the lookup structures once; every lookup afterwards is O(1) or O(matches). */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const byType = new Map<string, Resource[]>();
  for (const r of snapshot.resources) push(byType, r.ref.type, r);
  // Scope and id lookups are built per type on first use: most evaluations touch few types that way.
  const scopeIndexes = new Map<string, Map<string, Resource[]>>();
  const scopeIndex = (type: string): Map<string, Resource[]> => {
    let m = scopeIndexes.get(type);
    if (!m) {
      m = new Map();
      for (const r of byType.get(type) ?? EMPTY) {
        push(m, r.ref.account, r);
        push(m, `${r.ref.account}|${r.ref.region}`, r);
      }
      scopeIndexes.set(type, m);
    }
    return m;
  };
  const idIndexes = new Map<string, Map<string, Resource[]>>();
  const idIndex = (type: string): Map<string, Resource[]> => {
    let m = idIndexes.get(type);
    if (!m) {
      m = new Map();
      for (const r of byType.get(type) ?? EMPTY) push(m, r.ref.id, r);
      idIndexes.set(type, m);
    }
    return m;
  };
  const gapsByType = new Map<string, CoverageEntry[]>();
  // `type|account|region` (and `type|account|*`) of every coverage entry, read or not: "never collected"
  // differs from "none exist". A global entry covers every region; a global resource is covered by any entry.
  const coveredKeys = new Set<string>();
  for (const c of snapshot.coverage) {
    for (const t of c.resourceTypes) {
      coveredKeys.add(`${t}|${c.account}|${c.region}`);
      coveredKeys.add(`${t}|${c.account}|*`);
    }
    if (!isGap(c)) continue;
    for (const t of c.resourceTypes) push(gapsByType, t, c);
  }
  // The registry guarantees `ref.type` matches `data` (validated on load), so the typed views are safe.
  return {
    snapshot,
    ofType: (type) => (byType.get(type) ?? EMPTY) as never,
    inScope: (type, account, region) => (scopeIndex(type).get(region === undefined ? account : `${account}|${region}`) ?? EMPTY) as never,
    get: (type, id, account) => {
      const list = idIndex(type).get(id);
      if (!list) return undefined;
      return (account === undefined ? list[0] : list.find((r) => r.ref.account === account)) as never;
    },
    collected: (type, account, region) =>
      coveredKeys.has(`${type}|${account}|${region}`) ||
      coveredKeys.has(`${type}|${account}|global`) ||
      (region === 'global' && coveredKeys.has(`${type}|${account}|*`)),
    gaps: (type, account, region, resourceId) => {
      const list = gapsByType.get(type);
      if (!list) return NO_GAPS;
      return list.filter((g) => gapApplies(g, account, region) && (g.resourceId === undefined || g.resourceId === resourceId));
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
