import type { ResourceRef } from '../model/types.js';
import type { Finding, Suppression, SuppressionStatus } from './types.js';

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    '^' +
      glob
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
}

/**
 * `YYYY-MM-DD` as a calendar date, strictly: `2027-02-30` is not one (JavaScript's `Date` would read it
 * as 2 March). Returns the UTC midnight that ends the day (the first instant it no longer applies), or
 * undefined when the text is not a real date.
 */
export function endOfDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  return Date.UTC(y, mo - 1, d + 1);
}

/** A suppression applies through its `expires` date (UTC), inclusive. */
export function isExpired(s: Suppression, now: Date): boolean {
  if (!s.expires) return false;
  const end = endOfDate(s.expires);
  return end === undefined || now.getTime() >= end;
}

/**
 * What a suppression's `resource` is compared with. By default the resource id and ARN, which the cloud
 * assigns; the name only with `match: name`, since names and tags are chosen by whoever can create the
 * resource (a group an attacker names `sg-0123…` must not inherit that group's suppression).
 */
function candidates(ref: ResourceRef, match: Suppression['match']): string[] {
  if (match === 'name') return ref.name ? [ref.name] : [];
  return ref.arn ? [ref.id, ref.arn] : [ref.id];
}

/**
 * Marks matching failures as suppressed (they stay in every report, flagged, but no longer count for
 * `--fail-on`). A suppression applies to findings of its rule (glob) whose resource matches (see
 * {@link candidates}) in its `account` / `region` when given, through its `expires` date. Returns the
 * number suppressed and, per configured suppression, whether it was expired, used, or matched nothing.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], now: Date): { suppressed: number; statuses: SuppressionStatus[] } {
  const entries = suppressions.map((s, index) => {
    const status: SuppressionStatus = {
      index,
      rule: s.rule,
      resource: s.resource,
      ...(s.expires ? { expires: s.expires } : {}),
      state: isExpired(s, now) ? 'expired' : 'unused',
      matched: 0,
    };
    return { s, status, rule: globToRegExp(s.rule), resource: globToRegExp(s.resource) };
  });
  const statuses = entries.map((e) => e.status);
  const active = entries.filter((a) => a.status.state !== 'expired');
  let n = 0;
  if (active.length) {
    for (const f of findings) {
      if (f.status !== 'fail') continue;
      const r = f.resource;
      const hit = active.find(
        (a) =>
          a.rule.test(f.ruleId) &&
          (!a.s.account || a.s.account === r.account) &&
          (!a.s.region || a.s.region === r.region) &&
          candidates(r, a.s.match).some((x) => a.resource.test(x)),
      );
      if (!hit) continue;
      f.suppressed = { justification: hit.s.justification, ...(hit.s.expires ? { expires: hit.s.expires } : {}) };
      hit.status.state = 'used';
      hit.status.matched++;
      n++;
    }
  }
  return { suppressed: n, statuses };
}

/** The configured suppressions that need attention: expired ones and those that matched nothing. */
export function staleSuppressions(statuses: SuppressionStatus[] | undefined): SuppressionStatus[] {
  return (statuses ?? []).filter((s) => s.state !== 'used');
}

/** Suppression `rule` patterns that name no known rule id (a typo would silently suppress nothing). */
export function unknownSuppressionRules(suppressions: Suppression[], ruleIds: string[]): number[] {
  return suppressions.flatMap((s, i) => (ruleIds.some((id) => globToRegExp(s.rule).test(id)) ? [] : [i]));
}
