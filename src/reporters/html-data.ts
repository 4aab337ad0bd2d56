import type { Finding, Status } from '../engine/types.js';
import { controlsByRule, effectiveSeverity } from './common.js';
import type { ReportInput } from './types.js';

export const STATUS_CODE: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

/** Account display names from the snapshot scopes (organisation scans name their accounts in `detail`). */
export function accountNames(result: ReportInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sc of result.snapshot.scopes) {
    const d = sc.detail ?? {};
    const name = [d.accountName, d.name, d.projectName].find((v): v is string => typeof v === 'string' && v.length > 0);
    if (name) out[`${sc.provider}\u0000${sc.account}`] = name;
  }
  return out;
}

/**
 * The data the page script renders from, sent once and compactly because it scales with the findings.
 *
 * - `f`: one array per finding, `[rule, status, scope, type, id, name, arn, message, evidence, suppressed, findingId]`.
 *   rule, scope, type index the tables below; message and evidence (JSON text, -1 for none) index `texts`.
 *   `arn` is `0` for none, a string, or — when the ARN ends with the resource id, as almost all do — the index
 *   of its prefix in `texts` (the page appends the id), which keeps 100,000 findings well under 10 MB.
 *   Passes and not-applicable results keep only `[rule, status, scope, type, id, name]` (details in findings.json).
 * - `cf`: per framework, per control, the evidence: `{ r: [rule indexes] }` when it is exactly the failing,
 *   unknown and suppressed findings of the mapped rules (the engine's definition, checked here), else the
 *   explicit `[failing, unknown, suppressed]` finding indexes.
 * - `ctl`: framework control tags (`hipaa/164.312(e)(1)`) that rules index through `rules[i].ctl`.
 * - `nw`: indexes of the findings that are new since the previous run (history), when known.
 */
export function pageData(result: ReportInput) {
  const sev = effectiveSeverity(result);
  const byRule = controlsByRule(result);
  const ctl: string[] = [];
  const ctlIdx = new Map<string, number>();
  const ctlTitle = new Map<string, string>();
  for (const fw of result.compliance ?? []) for (const c of fw.controls) ctlTitle.set(`${fw.id}/${c.id}`, c.title);
  const controlIndex = (tag: string): number => {
    let i = ctlIdx.get(tag);
    if (i === undefined) ctlIdx.set(tag, (i = ctl.push(tag) - 1));
    return i;
  };
  const ruleIdx = new Map<string, number>();
  const rules: unknown[] = [];
  const addRule = (id: string, f?: Finding): number => {
    let i = ruleIdx.get(id);
    if (i === undefined) {
      const m = result.rules.find((r) => r.id === id);
      i = rules.length;
      ruleIdx.set(id, i);
      rules.push({
        id,
        title: m?.title ?? f?.title ?? id,
        severity: sev.get(id) ?? f?.severity ?? 'info',
        pack: m?.pack ?? 'other',
        description: m?.description ?? '',
        risk: m?.risk ?? '',
        remediation: m?.remediation ?? '',
        references: m?.references ?? [],
        ctl: (byRule.get(id) ?? []).map(controlIndex),
      });
    }
    return i;
  };
  for (const r of result.rules) addRule(r.id);

  const scopeIdx = new Map<string, number>();
  const scopes: string[][] = [];
  const typeIdx = new Map<string, number>();
  const types: string[] = [];
  const idIndex = new Map<string, number>();
  // Messages, evidence and ARN prefixes repeat a lot (every resource behind one coverage gap says the same): stored once.
  const textIdx = new Map<string, number>();
  const texts: string[] = [];
  const intern = (t: string): number => {
    let k = textIdx.get(t);
    if (k === undefined) textIdx.set(t, (k = texts.push(t) - 1));
    return k;
  };
  const f: unknown[] = result.findings.map((x, i) => {
    const ref = x.resource;
    const sk = `${ref.provider}\u0000${ref.account}\u0000${ref.region}`;
    let s = scopeIdx.get(sk);
    if (s === undefined) scopeIdx.set(sk, (s = scopes.push([ref.provider, ref.account, ref.region]) - 1));
    let t = typeIdx.get(ref.type);
    if (t === undefined) typeIdx.set(ref.type, (t = types.push(ref.type) - 1));
    const row: unknown[] = [addRule(x.ruleId, x), STATUS_CODE[x.status], s, t, ref.id, ref.name ?? 0];
    if (x.status === 'fail' || x.status === 'unknown') {
      const arn = !ref.arn ? 0 : ref.arn.length > ref.id.length && ref.arn.endsWith(ref.id) ? intern(ref.arn.slice(0, -ref.id.length)) : ref.arn;
      row.push(
        arn,
        intern(x.message),
        x.evidence ? intern(JSON.stringify(x.evidence)) : -1,
        x.suppressed ? x.suppressed.justification || 'suppressed' : 0,
        x.id,
      );
      idIndex.set(x.id, i);
    }
    return row;
  });
  const toIdx = (ids: string[]): number[] => ids.map((id) => idIndex.get(id)).filter((n): n is number => n !== undefined);
  const evidenceOfRule = new Map<string, number[]>();
  result.findings.forEach((x, i) => {
    if (x.status !== 'fail' && x.status !== 'unknown') return;
    const list = evidenceOfRule.get(x.ruleId);
    if (list) list.push(i);
    else evidenceOfRule.set(x.ruleId, [i]);
  });
  const cf = (result.compliance ?? []).map((fw) =>
    fw.controls.map((c) => {
      const explicit = [toIdx(c.failingFindingIds), toIdx(c.unknownFindingIds), toIdx(c.suppressedFindingIds ?? [])];
      const mapped = new Set(c.rules.map((r) => r.ruleId));
      const derived = [...mapped].flatMap((id) => evidenceOfRule.get(id) ?? []);
      const given = new Set(explicit.flat());
      const same = derived.length === given.size && derived.every((i) => given.has(i));
      return same ? { r: [...mapped].map((id) => ruleIdx.get(id)).filter((n) => n !== undefined) } : explicit;
    }),
  );
  const gaps = result.snapshot.coverage.gaps.map((g) => [
    g.provider,
    g.account,
    g.region,
    g.service,
    g.operation,
    g.status,
    g.errorCode ?? '',
    g.resourceId ?? '',
    g.resourceTypes.join(', '),
    g.message ?? '',
  ]);
  // Unknown checks no coverage gap explains (a value a rule could not establish, a rule error): the gap list says so.
  const uo = result.findings.reduce((n, x) => n + (x.status === 'unknown' && x.messageId !== '_coverage' ? 1 : 0), 0);
  const nw = result.history?.delta ? toIdx(result.history.delta.newFindings.map((d) => d.id)) : undefined;
  return {
    v: 2,
    rules,
    ctl,
    ctlTitles: ctl.map((t) => ctlTitle.get(t) ?? ''),
    scopes,
    names: accountNames(result),
    types,
    texts,
    f,
    cf,
    gaps,
    uo,
    ...(nw ? { nw } : {}),
  };
}
