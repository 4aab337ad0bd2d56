import type { EvaluationResult, Finding, Severity, SuppressionStatus } from '../engine/types.js';
import { severityRank } from '../engine/types.js';
import type { CoverageEntry, ResourceRef, SnapshotScope } from '../model/types.js';

export { severityRank };

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

import { stripControls } from '../util/text.js';

export { stripControls };

/** Short human label of a resource: `name (id)` or `id`. */
export function resourceLabel(ref: ResourceRef): string {
  return ref.name && ref.name !== ref.id ? `${ref.name} (${ref.id})` : ref.id;
}

/** One line describing a coverage gap, e.g. `ec2:DescribeSecurityGroups in eu-west-1: denied (AccessDenied)`. */
export function describeGap(g: CoverageEntry): string {
  const what = `${g.service}:${g.operation}${g.resourceId ? ` for ${g.resourceId}` : ''}`;
  // TLS endpoints have no account or region of their own: the endpoint id says it all.
  const where = g.provider === 'tls' ? '' : ` in ${g.provider} ${g.account} ${g.region}`;
  return `${what}${where}: ${g.status}${g.errorCode ? ` (${g.errorCode})` : ''}`;
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

const PROVIDER_LABEL: Record<string, string> = { aws: 'AWS', gcp: 'GCP', tls: 'TLS' };
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
/** `/home/me/exports/iam.jsonl` → `iam.jsonl`: reports name the file, not the machine layout it was read from. */
const baseName = (s: string): string => (/^(\/|[A-Za-z]:[\\/])/.test(s) ? s.split(/[\\/]/).pop() || s : s);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

/** A scope in words, for the terminal line and the HTML header. Every string is cloud- or user-supplied: callers escape. */
export interface ScopeDescription {
  /** `AWS`, `GCP`, `TLS`, or the provider id. */
  provider: string;
  /** The account / project / scope id; empty for TLS (its "account" is a placeholder). */
  account: string;
  /** What `regions` means for this provider: regions (AWS), locations (GCP), endpoints (TLS). */
  whereLabel: string;
  /** Regions or locations without `global`, or the TLS endpoints. */
  where: string[];
  /** `global` was collected too (account-wide services such as IAM). */
  global: boolean;
  /** Short notes from the scope's detail, e.g. `from asset export: resources.jsonl, iam.jsonl`, `partition aws-cn`. */
  notes: string[];
}

/** Reads a snapshot scope, including its free-form `detail`, into words (absolute paths reduced to file names). */
export function describeScope(sc: SnapshotScope): ScopeDescription {
  const detail = { ...(sc.detail ?? {}) };
  const notes: string[] = [];
  const provider = PROVIDER_LABEL[sc.provider] ?? sc.provider;
  if (sc.provider === 'tls') {
    const targets = strings(detail.targets) ?? [];
    delete detail.targets;
    for (const [k, v] of Object.entries(detail)) notes.push(detailNote(k, v));
    return { provider, account: '', whereLabel: 'endpoints', where: targets, global: false, notes: notes.filter(Boolean) };
  }
  if (sc.provider === 'aws' && typeof detail.partition === 'string') {
    // `aws` is the usual partition; only the others (aws-cn, aws-us-gov) are worth a word.
    if (detail.partition !== 'aws') notes.push(`partition ${detail.partition}`);
    delete detail.partition;
  }
  if (sc.provider === 'gcp') {
    const files = strings(detail.files);
    if (detail.source === 'asset-export') notes.push(`from asset export${files?.length ? `: ${files.map(baseName).join(', ')}` : ''}`);
    else if (detail.source === 'cloud-asset-api') notes.push(`live Cloud Asset API${typeof detail.scope === 'string' ? `, scope ${detail.scope}` : ''}`);
    if (detail.source === 'asset-export' || detail.source === 'cloud-asset-api') {
      delete detail.source;
      delete detail.files;
      delete detail.scope;
    }
  }
  for (const [k, v] of Object.entries(detail)) notes.push(detailNote(k, v));
  return {
    provider,
    account: sc.account,
    whereLabel: sc.provider === 'gcp' ? 'locations' : 'regions',
    where: sc.regions.filter((r) => r !== 'global'),
    global: sc.regions.includes('global'),
    notes: notes.filter(Boolean),
  };
}

function detailNote(key: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  const list = strings(v);
  if (list) return `${key}: ${list.map(baseName).join(', ')}`;
  if (typeof v === 'string') return `${key}: ${baseName(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${key}: ${v}`;
  return `${key}: ${JSON.stringify(v)}`;
}

/** One short phrase per scope: `AWS 123456789012 (2 regions + global)`, `GCP my-project (global)`, `TLS: 3 endpoints`. */
export function scopeSummary(sc: SnapshotScope): string {
  const d = describeScope(sc);
  if (sc.provider === 'tls') return d.where.length ? `${d.provider}: ${plural(d.where.length, 'endpoint')}` : `${d.provider} endpoints`;
  const parts = [
    d.where.length ? plural(d.where.length, d.whereLabel === 'locations' ? 'location' : 'region') : '',
    d.global ? (d.where.length ? '+ global' : 'global') : '',
  ].filter(Boolean);
  return `${d.provider} ${d.account}${parts.length ? ` (${parts.join(' ')})` : ''}`;
}

/** Why checks are `unknown`, by cause: data not collected (coverage gap), a rule error, or a value a rule could not establish. */
export type UnknownCause = 'coverage' | 'error' | 'undetermined';

export interface UnknownGroup {
  ruleId: string;
  cause: UnknownCause;
  count: number;
  /** The message of the first such finding, as an example of the reason. */
  example: string;
}

export interface UnknownBreakdown {
  total: number;
  byCause: Record<UnknownCause, number>;
  /** Per (rule, cause), most frequent first. */
  groups: UnknownGroup[];
}

/**
 * The engine marks its own unknowns with message ids `_coverage` (inputs not collected) and `_error` (the rule
 * threw); any other unknown is a rule saying the collected data does not establish the value it needs.
 */
export function unknownCause(f: Pick<Finding, 'messageId'>): UnknownCause {
  return f.messageId === '_coverage' ? 'coverage' : f.messageId === '_error' ? 'error' : 'undetermined';
}

export function unknownBreakdown(result: EvaluationResult): UnknownBreakdown {
  const byCause: Record<UnknownCause, number> = { coverage: 0, error: 0, undetermined: 0 };
  const groups = new Map<string, UnknownGroup>();
  let total = 0;
  for (const f of result.findings) {
    if (f.status !== 'unknown') continue;
    total++;
    const cause = unknownCause(f);
    byCause[cause]++;
    const k = `${cause}|${f.ruleId}`;
    const g = groups.get(k);
    if (g) g.count++;
    else groups.set(k, { ruleId: f.ruleId, cause, count: 1, example: f.message });
  }
  return { total, byCause, groups: [...groups.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)) };
}

/** How each cause reads in a report sentence: `N checks … because …`. */
export const UNKNOWN_CAUSE_TEXT: Record<UnknownCause, string> = {
  coverage: 'their input data could not be collected',
  error: 'the rule failed with an error while evaluating them',
  undetermined: 'the collected data does not establish the value the rule needs',
};

export interface FailingRule {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Open (not suppressed) failures. */
  count: number;
}

/** Rules with open failures, most severe first, then most failures, then by id (stable across runs). */
export function failingRules(result: EvaluationResult): FailingRule[] {
  const sev = effectiveSeverity(result);
  const title = new Map(result.rules.map((r) => [r.id, r.title]));
  const counts = new Map<string, number>();
  for (const f of result.findings) if (f.status === 'fail' && !f.suppressed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return [...counts.entries()]
    .map(([ruleId, count]) => ({ ruleId, count, title: title.get(ruleId) ?? ruleId, severity: sev.get(ruleId) ?? 'info' }))
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}

/** A JSON array with one item per line: large exports stay greppable and can be sliced line by line. */
export function jsonArrayLines(items: readonly unknown[]): string {
  return items.length ? `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]\n` : '[]\n';
}

/** One line for a configured suppression that needs attention (expired, or matched nothing this run). */
export function describeSuppression(s: SuppressionStatus): string {
  const what = `suppressions[${s.index}] rule ${s.rule} resource ${s.resource}`;
  return s.state === 'expired'
    ? `${what}: expired ${s.expires} (no longer applies)`
    : `${what}: matched no failing finding in this run (remove it, or check its id, account and region)`;
}
