import type { CoverageEntry, Resource, ResourceRef, Snapshot } from '../model/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { findingIdFromKey, resourceKey } from './finding-id.js';
import { indexSnapshot, isGap } from './snapshot-index.js';
import { applySuppressions } from './suppressions.js';
import type { EvaluationResult, Finding, Rule, RuleMeta, RuleResult, Severity, SnapshotIndex, Status, Suppression } from './types.js';
import { SEVERITIES } from './types.js';

export interface EvaluateOptions {
  /** Per-rule tunables (already validated), overlaid on each rule's defaults. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** Per-rule severity overrides. */
  severityOverrides?: Record<string, Severity>;
  suppressions?: Suppression[];
  now?: Date;
}

/** Fills `{{name}}` placeholders. Missing values render as an empty string. */
export function renderMessage(template: string, data: RuleResult['data']): string {
  return compileTemplate(template)(data);
}

type Template = (data: RuleResult['data']) => string;
const compiled = new Map<string, Template>();

/** Splits a template once into literal parts and placeholder names (rendering runs once per finding). */
function compileTemplate(template: string): Template {
  let t = compiled.get(template);
  if (t) return t;
  const parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
  if (parts.length === 1) t = () => template;
  else {
    t = (data) => {
      let out = parts[0];
      for (let i = 1; i < parts.length; i += 2) {
        const v = data?.[parts[i]];
        out += (v === undefined || v === null ? '' : String(v)) + parts[i + 1];
      }
      return out;
    };
  }
  compiled.set(template, t);
  return t;
}

function describeGap(g: CoverageEntry): string {
  return `${g.service}:${g.operation} in ${g.region} ${g.status}${g.errorCode ? ` (${g.errorCode})` : ''}`;
}

function scopeRef(gap: CoverageEntry, type: string): ResourceRef {
  return { provider: gap.provider, account: gap.account, region: gap.region, type, id: gap.resourceId ?? '*', name: gap.resourceId ?? `all ${type} in ${gap.region}` };
}

/**
 * Pure evaluation of rules over a snapshot.
 *
 * Never a false pass: a rule's target type that could not be listed in a scope yields one `unknown`
 * finding for that scope; a resource whose inputs have a coverage gap yields `unknown` without
 * calling the rule; a rule that throws yields `unknown`.
 */
export function evaluate(snapshot: Snapshot, rules: Rule[], options: EvaluateOptions = {}): EvaluationResult {
  const index = indexSnapshot(snapshot);
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  const keys = new WeakMap<ResourceRef, string>();
  const keyOf = (ref: ResourceRef): string => {
    let k = keys.get(ref);
    if (k === undefined) keys.set(ref, (k = resourceKey(ref)));
    return k;
  };

  for (const rule of rules) {
    const severity = options.severityOverrides?.[rule.id] ?? rule.severity;
    const ctx = { options: { ...(rule.defaults ?? {}), ...(options.ruleOptions?.[rule.id] ?? {}) }, index, now };
    const emit = (ref: ResourceRef, result: RuleResult): void => {
      const template = rule.messages[result.messageId];
      const message = template === undefined ? `${rule.title} (${result.messageId})` : compileTemplate(template)(result.data);
      const f: Finding = { id: findingIdFromKey(rule.id, keyOf(ref), result.key), ruleId: rule.id, status: result.status, severity, title: rule.title, messageId: result.messageId, message, resource: ref };
      if (result.evidence) f.evidence = result.evidence;
      findings.push(f);
    };

    for (const type of rule.resourceTypes) {
      // Whole scopes (or single resources) whose listing failed: unknown, never silently empty.
      const seen = new Set<string>();
      for (const gap of index.snapshot.coverage) {
        if (!isGap(gap) || !gap.resourceTypes.includes(type)) continue;
        if (gap.resourceId !== undefined && index.get(type, gap.resourceId, gap.account)) continue; // handled per resource below
        const ref = scopeRef(gap, type);
        const k = `${ref.account}|${ref.region}|${ref.id}`;
        if (seen.has(k)) continue;
        seen.add(k);
        emit(ref, { status: 'unknown', messageId: '_coverage', evidence: { coverageGap: describeGap(gap) } });
        findings[findings.length - 1].message = `Not evaluated: could not collect ${type} (${describeGap(gap)}).`;
      }

      for (const resource of index.ofType(type)) {
        const gaps = inputGaps(index, rule, resource);
        if (gaps.length > 0) {
          emit(resource.ref, { status: 'unknown', messageId: '_coverage', evidence: { coverageGaps: gaps.map(describeGap) } });
          findings[findings.length - 1].message = `Not evaluated: input data missing (${gaps.map(describeGap).join('; ')}).`;
          continue;
        }
        let results: RuleResult | RuleResult[] | undefined;
        try {
          results = rule.evaluate(resource, ctx);
        } catch (err) {
          emit(resource.ref, { status: 'unknown', messageId: '_error', evidence: { error: (err as Error).message } });
          findings[findings.length - 1].message = `Not evaluated: rule error (${(err as Error).message}).`;
          continue;
        }
        if (results === undefined) continue;
        for (const r of Array.isArray(results) ? results : [results]) emit(r.resource ?? resource.ref, r);
      }
    }
  }

  const suppressed = applySuppressions(findings, options.suppressions ?? [], now);
  return buildResult(snapshot, rules, findings, suppressed, now);
}

const NO_GAPS: CoverageEntry[] = [];

function inputGaps(index: SnapshotIndex, rule: Rule, resource: Resource): CoverageEntry[] {
  const { account, region, id } = resource.ref;
  let out: CoverageEntry[] = NO_GAPS;
  for (const t of rule.resourceTypes) {
    for (const g of index.gaps(t, account, region, id)) if (g.resourceId === id) (out === NO_GAPS ? (out = []) : out).push(g);
  }
  for (const t of rule.inputs ?? []) {
    const gs = index.gaps(t, account, region, id);
    if (gs.length) (out === NO_GAPS ? (out = []) : out).push(...gs);
  }
  return out;
}

export function ruleMeta(rule: Rule): RuleMeta {
  return {
    id: rule.id,
    pack: rule.pack,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    risk: rule.risk,
    remediation: rule.remediation,
    references: rule.references,
    resourceTypes: rule.resourceTypes,
    precision: rule.precision ?? 'high',
  };
}

function buildResult(snapshot: Snapshot, rules: Rule[], findings: Finding[], suppressed: number, now: Date): EvaluationResult {
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) {
    byStatus[f.status]++;
    if (f.status === 'fail' && !f.suppressed) failuresBySeverity[f.severity]++;
  }
  const cov = snapshot.coverage;
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    evaluatedAt: now.toISOString(),
    snapshot: {
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      scopes: snapshot.scopes,
      resourceCount: snapshot.resources.length,
      coverage: {
        total: cov.length,
        ok: cov.filter((c) => c.status === 'ok').length,
        notApplicable: cov.filter((c) => c.status === 'not_applicable').length,
        gaps: cov.filter(isGap),
      },
    },
    rules: rules.map(ruleMeta),
    findings,
    summary: { byStatus, failuresBySeverity, suppressed },
  };
}
