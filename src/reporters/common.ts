import type { EvaluationResult, Finding, Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import type { CoverageEntry, ResourceRef } from '../model/types.js';

/** 0 for critical … 4 for info: sorts the most severe first. */
export const severityRank = (s: Severity): number => {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

/**
 * Framework controls per rule id, as `framework/control` (e.g. `hipaa/164.312(e)(1)`), in the order the
 * framework packs list them. Taken from `result.compliance` (the packs own the mapping).
 */
export function controlsByRule(result: EvaluationResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const fw of result.compliance ?? []) {
    for (const c of fw.controls) {
      for (const r of c.rules) {
        const list = out.get(r.ruleId) ?? [];
        const tag = `${fw.id}/${c.id}`;
        if (!list.includes(tag)) list.push(tag);
        out.set(r.ruleId, list);
      }
    }
  }
  return out;
}

/** The controls a finding touches: its own list when the engine set one, else its rule's mapping. */
export function findingControls(f: Finding, byRule: Map<string, string[]>): string[] | undefined {
  const list = f.controls ?? byRule.get(f.ruleId);
  return list && list.length ? list : undefined;
}

/**
 * Removes characters that can act on a terminal or reorder displayed text: C0/C1 controls (ANSI escape
 * sequences start with ESC), DEL, and the Unicode bidi overrides/isolates ("Trojan Source").
 * Cloud-supplied strings (names, tags, messages built from them) pass through this before printing.
 */
export function stripControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** Short human label of a resource: `name (id)` or `id`. */
export function resourceLabel(ref: ResourceRef): string {
  return ref.name && ref.name !== ref.id ? `${ref.name} (${ref.id})` : ref.id;
}

/** One line describing a coverage gap, e.g. `ec2:DescribeSecurityGroups in eu-west-1: denied (AccessDenied)`. */
export function describeGap(g: CoverageEntry): string {
  const what = `${g.service}:${g.operation}${g.resourceId ? ` for ${g.resourceId}` : ''}`;
  return `${what} in ${g.provider} ${g.account} ${g.region}: ${g.status}${g.errorCode ? ` (${g.errorCode})` : ''}`;
}

/**
 * Severity each rule reported with: a config override changes the findings' severity but not the rule
 * metadata, so reports take it from the rule's findings and fall back to the metadata.
 */
export function effectiveSeverity(result: EvaluationResult): Map<string, Severity> {
  const out = new Map<string, Severity>(result.rules.map((r) => [r.id, r.severity]));
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    out.set(f.ruleId, f.severity);
  }
  return out;
}
