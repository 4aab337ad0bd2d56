import { RESOURCE_TYPES, type InputType, type ResourceType } from '../model/registry.js';
import type { CoverageEntry, Resource, ResourceRef, Snapshot } from '../model/types.js';
import { redactPatterns } from '../model/redaction.js';
import { InputError } from '../util/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { findingIdFromKey, resourceKey } from './finding-id.js';
import { type Derivation, derive } from './derive.js';
import { indexSnapshot, isGap } from './snapshot-index.js';
import { applySuppressions } from './suppressions.js';
import type { EvaluationResult, Finding, Rule, RuleContext, RuleMeta, RuleResult, Severity, SnapshotIndex, Status, Suppression } from './types.js';
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
      let out = parts[0] ?? '';
      for (let i = 1; i < parts.length; i += 2) {
        const v = data?.[parts[i] ?? ''];
        out += (v === undefined || v === null ? '' : String(v)) + (parts[i + 1] ?? '');
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

function scopeRef(gap: Pick<CoverageEntry, 'provider' | 'account' | 'region' | 'resourceId'>, type: ResourceType): ResourceRef {
  return {
    provider: gap.provider,
    account: gap.account,
    region: gap.region,
    type,
    id: gap.resourceId ?? '*',
    name: gap.resourceId ?? `all ${type} in ${gap.region}`,
  };
}

const STATUSES: ReadonlySet<string> = new Set<Status>(['pass', 'fail', 'unknown', 'not_applicable']);

/**
 * Coverage entries standing for "never collected": a type the snapshot has no coverage entry for, in a scope of
 * its provider. They are not in the snapshot; they make the rules over the type `unknown` and are reported
 * with the coverage gaps (status `error`, code `NotCollected`).
 */
export function notCollected(index: SnapshotIndex, types: Iterable<ResourceType>): CoverageEntry[] {
  const out: CoverageEntry[] = [];
  for (const type of types) {
    const info = RESOURCE_TYPES[type];
    for (const scope of index.snapshot.scopes) {
      if (scope.provider !== info.provider) continue;
      const regions = info.scope === 'global' ? ['global'] : scope.regions.filter((r) => r !== 'global');
      for (const region of regions) {
        if (index.collected(type, scope.account, region)) continue;
        out.push({
          provider: scope.provider,
          account: scope.account,
          region,
          service: type.split('.')[1] ?? type,
          operation: 'collect',
          resourceTypes: [type],
          status: 'error',
          errorCode: 'NotCollected',
          message: `the snapshot has no coverage entry for ${type} in ${scope.account}/${region}: it was never collected there`,
        });
      }
    }
  }
  return out;
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

  // The derive stage: joins the selected rules read, computed once before any rule runs.
  const derived = derive(index, new Set(rules.flatMap((r) => r.derives ?? [])));
  const missing = notCollected(index, new Set(rules.flatMap((r) => r.resourceTypes)));

  for (const rule of rules) {
    const severity = options.severityOverrides?.[rule.id] ?? rule.severity;
    const declared = new Set<Derivation<unknown>>(rule.derives ?? []);
    const ctx: RuleContext<Record<string, unknown>> = {
      options: { ...(rule.defaults ?? {}), ...(options.ruleOptions?.[rule.id] ?? {}) },
      index,
      now,
      derived: <T>(d: Derivation<T>): T => {
        if (!declared.has(d as Derivation<unknown>)) throw new Error(`rule reads derivation ${d.id} without listing it in \`derives\``);
        return derived.get(d);
      },
    };
    const emit = (ref: ResourceRef, result: RuleResult, message?: string): void => {
      const template = (rule.messages as Record<string, string | undefined>)[result.messageId];
      const f: Finding = {
        id: findingIdFromKey(rule.id, keyOf(ref), result.key),
        ruleId: rule.id,
        status: result.status,
        severity,
        title: rule.title,
        messageId: result.messageId,
        message: message ?? (template === undefined ? `${rule.title} (${result.messageId})` : compileTemplate(template)(result.data)),
        resource: ref,
      };
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
        emit(
          ref,
          { status: 'unknown', messageId: '_coverage', evidence: { coverageGap: describeGap(gap) } },
          `Not evaluated: could not collect ${type} (${describeGap(gap)}).`,
        );
      }
      // Scopes where the type was never collected at all: unknown, never "none exist".
      for (const m of missing) {
        if (m.resourceTypes[0] !== type) continue;
        emit(
          scopeRef(m, type),
          { status: 'unknown', messageId: '_coverage', evidence: { coverageGap: describeGap(m) } },
          `Not evaluated: ${type} was never collected in ${m.account}/${m.region}.`,
        );
      }

      for (const resource of index.ofType(type)) {
        const gaps = inputGaps(index, rule, resource);
        if (gaps.length > 0) {
          emit(
            resource.ref,
            { status: 'unknown', messageId: '_coverage', evidence: { coverageGaps: gaps.map(describeGap) } },
            `Not evaluated: input data missing (${gaps.map(describeGap).join('; ')}).`,
          );
          continue;
        }
        let results: RuleResult | readonly RuleResult[] | undefined;
        try {
          results = rule.evaluate(resource, ctx);
        } catch (err) {
          // A rule error can quote anything it read, keys included: stored only once redacted.
          const message = redactPatterns(err instanceof Error ? err.message : String(err)).slice(0, 1000);
          emit(resource.ref, { status: 'unknown', messageId: '_error', evidence: { error: message } }, `Not evaluated: rule error (${message}).`);
          continue;
        }
        if (results === undefined) continue;
        for (const r of Array.isArray(results) ? (results as readonly RuleResult[]) : [results as RuleResult]) {
          // A rule that returns something else than a result is broken, not the resource unknown: an input
          // error naming the rule and its file (counting it as unknown would hide the bug in every run).
          if (!r || !STATUSES.has(r.status)) throw invalidResult(rule, resource.ref, r);
          emit(r.resource ?? resource.ref, r);
        }
      }
    }
  }

  const { suppressed, statuses } = applySuppressions(findings, options.suppressions ?? [], now);
  const result = buildResult(snapshot, rules, findings, suppressed, now, missing);
  if (statuses.length) result.suppressions = statuses;
  return result;
}

/** The input error for a rule that returned no valid result: names the rule, its file and the resource. */
function invalidResult(rule: Rule, ref: ResourceRef, r: unknown): InputError {
  const status = (r as { status?: unknown } | null | undefined)?.status;
  const got = r === null || typeof r !== 'object' ? `${r === null ? 'null' : typeof r} instead of a result` : `status ${JSON.stringify(status) ?? 'undefined'}`;
  return new InputError(
    `rule ${rule.id} returned ${got} for ${ref.type} ${JSON.stringify(ref.id)} in ${ref.account}/${ref.region}`,
    rule.source ?? `rule ${rule.id} (${rule.pack})`,
    'evaluate()',
    'return { status, messageId } with status pass, fail, unknown or not_applicable (or an array of them, or undefined for nothing to report)',
  );
}

const NO_GAPS: CoverageEntry[] = [];

/** Gaps in a resource's own per-resource coverage and in the rule's inputs; an input never collected in the resource's scope counts. */
function inputGaps(index: SnapshotIndex, rule: Rule, resource: Resource): CoverageEntry[] {
  const { provider, account, region, id } = resource.ref;
  let out: CoverageEntry[] = NO_GAPS;
  const add = (g: CoverageEntry) => (out === NO_GAPS ? (out = [g]) : out.push(g));
  for (const t of rule.resourceTypes) {
    for (const g of index.gaps(t, account, region, id)) if (g.resourceId === id) add(g);
  }
  for (const t of (rule.inputs ?? []) as readonly InputType[]) {
    for (const g of index.gaps(t, account, region, id)) add(g);
    if (!index.collected(t, account, region)) {
      add({
        provider,
        account,
        region,
        service: t.split('.')[1] ?? t,
        operation: 'collect',
        resourceTypes: [t],
        status: 'error',
        errorCode: 'NotCollected',
        message: `${t} was never collected`,
      });
    }
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

function buildResult(
  snapshot: Snapshot,
  rules: Rule[],
  findings: Finding[],
  suppressed: number,
  now: Date,
  notCollectedEntries: CoverageEntry[],
): EvaluationResult {
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
        gaps: [...cov.filter(isGap), ...notCollectedEntries],
      },
    },
    rules: rules.map(ruleMeta),
    findings,
    summary: { byStatus, failuresBySeverity, suppressed },
  };
}
