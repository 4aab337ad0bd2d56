import type { Finding, Suppression } from './types.js';

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

/**
 * Marks matching findings as suppressed (they stay in every report, flagged, but no longer count
 * for `--fail-on`). Expired suppressions do not apply. Returns how many findings were suppressed.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], now: Date): number {
  const active = suppressions
    .filter((s) => !s.expires || new Date(s.expires).getTime() >= now.getTime())
    .map((s) => ({ s, rule: globToRegExp(s.rule), resource: globToRegExp(s.resource) }));
  if (active.length === 0) return 0;
  let n = 0;
  for (const f of findings) {
    if (f.status !== 'fail') continue;
    const names = [f.resource.id, f.resource.arn, f.resource.name].filter((x): x is string => !!x);
    const hit = active.find((a) => a.rule.test(f.ruleId) && names.some((x) => a.resource.test(x)));
    if (hit) {
      f.suppressed = { justification: hit.s.justification, ...(hit.s.expires ? { expires: hit.s.expires } : {}) };
      n++;
    }
  }
  return n;
}
