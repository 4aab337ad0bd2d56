import { lazy } from '../util/lazy.js';
import { readFile } from 'node:fs/promises';
import { describeAjvError, firstAjvError, jsonErrorPlace, jsonPath, plainAjv } from '../model/schema.js';
import { stripControls } from '../util/text.js';
import { FINDINGS_JSON_VERSION, type JsonFinding } from './findings-file.js';
import { InputError } from '../util/errors.js';
import { SEVERITIES, severityRank, type ControlStatus, type Severity, type Status } from './types.js';

// ───────────────────────────── reading findings.json ─────────────────────────────

/** The parts of a `findings.json` (src/reporters/json.ts) the diff reads. */
export interface FindingsDoc {
  file: string;
  formatVersion: number;
  tool: { name: string; version: string };
  evaluatedAt: string;
  snapshot: {
    scopes: { provider: string; account: string; regions: string[] }[];
    coverage: {
      gaps: {
        provider: string;
        account: string;
        region: string;
        service: string;
        operation: string;
        resourceTypes: string[];
        status: string;
        errorCode?: string;
        resourceId?: string;
      }[];
    };
  };
  rules: { id: string; resourceTypes: string[] }[];
  findings: JsonFinding[];
  compliance?: { id: string; title: string; score: number | null; controls: { id: string; title: string; status: ControlStatus }[] }[];
}

const str = { type: 'string' } as const;
const strArr = { type: 'array', items: str } as const;
const findingsSchema = {
  type: 'object',
  required: ['formatVersion', 'tool', 'evaluatedAt', 'snapshot', 'rules', 'findings'],
  properties: {
    formatVersion: { const: FINDINGS_JSON_VERSION },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: str, version: str } },
    evaluatedAt: str,
    snapshot: {
      type: 'object',
      required: ['scopes', 'coverage'],
      properties: {
        scopes: {
          type: 'array',
          items: { type: 'object', required: ['provider', 'account', 'regions'], properties: { provider: str, account: str, regions: strArr } },
        },
        coverage: {
          type: 'object',
          required: ['gaps'],
          properties: {
            gaps: {
              type: 'array',
              items: {
                type: 'object',
                required: ['provider', 'account', 'region', 'service', 'operation', 'resourceTypes', 'status'],
                properties: { provider: str, account: str, region: str, service: str, operation: str, resourceTypes: strArr, status: str, resourceId: str },
              },
            },
          },
        },
      },
    },
    rules: { type: 'array', items: { type: 'object', required: ['id', 'resourceTypes'], properties: { id: str, resourceTypes: strArr } } },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'ruleId', 'status', 'severity', 'title', 'message', 'resource'],
        properties: {
          id: { type: 'string', minLength: 1 },
          ruleId: str,
          status: { enum: ['pass', 'fail', 'unknown', 'not_applicable'] },
          severity: { enum: [...SEVERITIES] },
          title: str,
          message: str,
          resource: {
            type: 'object',
            required: ['provider', 'account', 'region', 'type', 'id'],
            properties: { provider: str, account: str, region: str, type: str, id: str, arn: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } },
          },
          suppressed: { type: 'object' },
        },
      },
    },
    compliance: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'score', 'controls'],
        properties: {
          id: str,
          title: str,
          score: { type: ['number', 'null'] },
          controls: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'status'],
              properties: { id: str, title: str, status: { enum: ['pass', 'fail', 'unknown', 'manual', 'not_applicable'] } },
            },
          },
        },
      },
    },
  },
} as const;

const findingsValidator = lazy(() => plainAjv().compile(findingsSchema));
const FIX = 'pass findings.json files written by `vigil audit` / `vigil evaluate` (--format json)';

/** Parses and validates a `findings.json`. Throws {@link InputError} naming the file and the JSON path. */
export function parseFindingsJson(text: string, file: string): FindingsDoc {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, file, jsonErrorPlace(text, err as Error), FIX);
  }
  const v = value as { formatVersion?: unknown; frameworks?: unknown; summary?: unknown };
  if (v && typeof v === 'object' && 'frameworks' in v && !('summary' in v)) {
    throw new InputError('this is a compliance.json, not a findings.json', file, '$', 'pass the findings.json next to it');
  }
  if (v && typeof v === 'object' && typeof v.formatVersion === 'number' && v.formatVersion !== FINDINGS_JSON_VERSION) {
    throw new InputError(
      `findings.json format version ${v.formatVersion} is not supported (this Vigil reads version ${FINDINGS_JSON_VERSION})`,
      file,
      '$.formatVersion',
      'evaluate the snapshot again with this version of Vigil',
    );
  }
  const validateFindings = findingsValidator();
  if (!validateFindings(value)) {
    const e = firstAjvError(validateFindings.errors);
    throw new InputError(describeAjvError(e), file, jsonPath(e.instancePath), FIX);
  }
  const doc = value as Omit<FindingsDoc, 'file'>;
  const seen = new Map<string, number>();
  doc.findings.forEach((f, i) => {
    const j = seen.get(f.id);
    if (j !== undefined)
      throw new InputError(
        `duplicate finding id ${JSON.stringify(f.id)} (also at $.findings[${j}])`,
        file,
        `$.findings[${i}].id`,
        'finding ids are unique in a file Vigil wrote: was it edited or concatenated?',
      );
    seen.set(f.id, i);
  });
  return { ...doc, file };
}

export async function loadFindingsJson(file: string): Promise<FindingsDoc> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read findings file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      file,
      undefined,
      'check the path; `vigil audit` writes vigil-out/findings.json',
    );
  }
  return parseFindingsJson(text, file);
}

// ───────────────────────────── the diff ─────────────────────────────

/** One finding as the diff lists it (the newer side when both exist). */
export interface DiffItem {
  id: string;
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  resource: JsonFinding['resource'];
  /** A suppression in the config accepted it: it does not count for `--fail-on-new`. */
  suppressed?: boolean;
}

export interface NewFailure extends DiffItem {
  /** `absent`: a new resource or a rule not run before. */
  previousStatus: Status | 'absent';
}

export interface Resolved extends DiffItem {
  /** `gone`: the resource is no longer there, and the new run did read its type in that scope. */
  now: 'pass' | 'not_applicable' | 'gone';
}

export interface CoverageLoss extends DiffItem {
  was: 'pass' | 'fail' | 'not_applicable';
  /** `missing`: no finding in the new run, and the new run cannot prove the resource is gone. */
  now: 'unknown' | 'missing';
  reason: string;
}

export interface CoverageGain extends DiffItem {
  now: Status;
}

export interface SeverityChange extends DiffItem {
  from: Severity;
  to: Severity;
  status: Status;
}

export interface FrameworkDelta {
  id: string;
  title: string;
  oldScore: number | null;
  newScore: number | null;
  /** newScore − oldScore (fractions, e.g. 0.075 for +7.5 points); null when either is null. */
  delta: number | null;
  controlChanges: { id: string; title: string; from: ControlStatus | 'absent'; to: ControlStatus | 'absent' }[];
}

export const DIFF_JSON_VERSION = 1;

export interface FindingsDiff {
  diffVersion: number;
  old: { file: string; evaluatedAt: string; toolVersion: string; findings: number };
  new: { file: string; evaluatedAt: string; toolVersion: string; findings: number };
  summary: {
    newFailures: number;
    newFailuresBySeverity: Record<Severity, number>;
    resolved: number;
    stillFailing: number;
    coverageLost: number;
    coverageRegained: number;
    severityChanged: number;
    unknownBefore: number;
    unknownNow: number;
  };
  newFailures: NewFailure[];
  resolved: Resolved[];
  stillFailing: DiffItem[];
  /** Known before, not known now: never counted as resolved. */
  coverageLost: CoverageLoss[];
  /** Unknown before, evaluated now. */
  coverageRegained: CoverageGain[];
  severityChanges: SeverityChange[];
  /** Per framework present in both files; absent when either file has no compliance result. */
  compliance?: FrameworkDelta[];
  /** Frameworks evaluated in only one of the files. */
  frameworksOnlyIn?: { old: string[]; new: string[] };
}

function item(f: JsonFinding): DiffItem {
  return {
    id: f.id,
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    message: f.message,
    resource: f.resource,
    ...(f.suppressed ? { suppressed: true } : {}),
  };
}

/**
 * Why the new run cannot prove that an old finding's resource is gone, or undefined when it can: the rule ran,
 * the account (and, for AWS, the region) was scanned, and no coverage gap touches the resource's type there.
 */
function missingReason(
  newDoc: FindingsDoc,
  f: JsonFinding,
  ctx: { rules: Map<string, string[]>; accounts: Set<string>; regions: Set<string> },
): string | undefined {
  const r = f.resource;
  const types = ctx.rules.get(f.ruleId);
  if (!types) return `rule ${f.ruleId} was not evaluated in the new run`;
  if (!ctx.accounts.has(`${r.provider}|${r.account}`)) return `${r.provider} account ${r.account} was not scanned in the new run`;
  if (r.provider === 'aws' && r.region !== 'global' && r.region !== 'unknown' && !ctx.regions.has(`${r.provider}|${r.account}|${r.region}`))
    return `region ${r.region} of ${r.account} was not scanned in the new run`;
  for (const g of newDoc.snapshot.coverage.gaps) {
    if (g.provider !== r.provider || g.account !== r.account) continue;
    if (g.region !== r.region && g.region !== 'global' && r.region !== 'global') continue;
    if (g.resourceId !== undefined && g.resourceId !== r.id) continue;
    if (!g.resourceTypes.includes(r.type) && !g.resourceTypes.some((t) => types.includes(t))) continue;
    return `the new run could not collect ${g.resourceTypes.join(', ')} there (${g.service}:${g.operation} in ${g.region}: ${g.status}${g.errorCode ? `, ${g.errorCode}` : ''})`;
  }
  return undefined;
}

const order = (a: DiffItem, b: DiffItem): number =>
  severityRank(a.severity) - severityRank(b.severity) ||
  a.ruleId.localeCompare(b.ruleId) ||
  a.resource.account.localeCompare(b.resource.account) ||
  a.resource.id.localeCompare(b.resource.id) ||
  a.id.localeCompare(b.id);

function complianceDelta(oldDoc: FindingsDoc, newDoc: FindingsDoc): Pick<FindingsDiff, 'compliance' | 'frameworksOnlyIn'> {
  if (!oldDoc.compliance || !newDoc.compliance) return {};
  const before = new Map(oldDoc.compliance.map((fw) => [fw.id, fw]));
  const after = new Map(newDoc.compliance.map((fw) => [fw.id, fw]));
  const compliance: FrameworkDelta[] = [];
  for (const [id, n] of after) {
    const o = before.get(id);
    if (!o) continue;
    const oc = new Map(o.controls.map((c) => [c.id, c]));
    const nc = new Map(n.controls.map((c) => [c.id, c]));
    const controlChanges: FrameworkDelta['controlChanges'] = [];
    for (const c of n.controls)
      if (oc.get(c.id)?.status !== c.status) controlChanges.push({ id: c.id, title: c.title, from: oc.get(c.id)?.status ?? 'absent', to: c.status });
    for (const c of o.controls) if (!nc.has(c.id)) controlChanges.push({ id: c.id, title: c.title, from: c.status, to: 'absent' });
    const delta = o.score === null || n.score === null ? null : Math.round((n.score - o.score) * 1e6) / 1e6;
    compliance.push({ id, title: n.title, oldScore: o.score, newScore: n.score, delta, controlChanges });
  }
  const onlyOld = [...before.keys()].filter((k) => !after.has(k));
  const onlyNew = [...after.keys()].filter((k) => !before.has(k));
  return { compliance, ...(onlyOld.length || onlyNew.length ? { frameworksOnlyIn: { old: onlyOld, new: onlyNew } } : {}) };
}

/**
 * Compares two `findings.json` by stable finding id. Pure. Never a false "resolved": a finding that turned
 * `unknown`, or vanished where the new run had a coverage gap, a narrower scope or fewer rules, is coverage loss.
 */
export function diffFindings(oldDoc: FindingsDoc, newDoc: FindingsDoc): FindingsDiff {
  const before = new Map(oldDoc.findings.map((f) => [f.id, f]));
  const after = new Map(newDoc.findings.map((f) => [f.id, f]));
  const ctx = {
    rules: new Map(newDoc.rules.map((r) => [r.id, r.resourceTypes])),
    accounts: new Set([...newDoc.snapshot.scopes, ...newDoc.findings.map((f) => f.resource)].map((x) => `${x.provider}|${x.account}`)),
    regions: new Set(
      [...newDoc.snapshot.scopes.flatMap((s) => s.regions.map((region) => ({ ...s, region }))), ...newDoc.findings.map((f) => f.resource)].map(
        (x) => `${x.provider}|${x.account}|${x.region}`,
      ),
    ),
  };
  const d: Pick<FindingsDiff, 'newFailures' | 'resolved' | 'stillFailing' | 'coverageLost' | 'coverageRegained' | 'severityChanges'> = {
    newFailures: [],
    resolved: [],
    stillFailing: [],
    coverageLost: [],
    coverageRegained: [],
    severityChanges: [],
  };

  for (const n of newDoc.findings) {
    const o = before.get(n.id);
    if (n.status === 'fail' && o?.status !== 'fail') d.newFailures.push({ ...item(n), previousStatus: o?.status ?? 'absent' });
    if (!o) continue;
    if (o.status === 'fail' && n.status === 'fail') d.stillFailing.push(item(n));
    if (o.status === 'fail' && (n.status === 'pass' || n.status === 'not_applicable')) d.resolved.push({ ...item(n), now: n.status });
    if (o.status !== 'unknown' && n.status === 'unknown') d.coverageLost.push({ ...item(n), was: o.status, now: 'unknown', reason: n.message });
    if (o.status === 'unknown' && n.status !== 'unknown') d.coverageRegained.push({ ...item(n), now: n.status });
    if (o.severity !== n.severity && (o.status === 'fail' || n.status === 'fail'))
      d.severityChanges.push({ ...item(n), from: o.severity, to: n.severity, status: n.status });
  }
  for (const o of oldDoc.findings) {
    if (after.has(o.id) || (o.status !== 'fail' && o.status !== 'pass')) continue;
    const reason = missingReason(newDoc, o, ctx);
    if (reason) d.coverageLost.push({ ...item(o), was: o.status, now: 'missing', reason });
    else if (o.status === 'fail') d.resolved.push({ ...item(o), now: 'gone' });
  }
  for (const list of Object.values(d)) (list as DiffItem[]).sort(order);

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of d.newFailures) bySeverity[f.severity]++;
  const unknown = (doc: FindingsDoc) => doc.findings.filter((f) => f.status === 'unknown').length;
  const side = (doc: FindingsDoc) => ({ file: doc.file, evaluatedAt: doc.evaluatedAt, toolVersion: doc.tool.version, findings: doc.findings.length });
  return {
    diffVersion: DIFF_JSON_VERSION,
    old: side(oldDoc),
    new: side(newDoc),
    summary: {
      newFailures: d.newFailures.length,
      newFailuresBySeverity: bySeverity,
      resolved: d.resolved.length,
      stillFailing: d.stillFailing.length,
      coverageLost: d.coverageLost.length,
      coverageRegained: d.coverageRegained.length,
      severityChanged: d.severityChanges.length,
      unknownBefore: unknown(oldDoc),
      unknownNow: unknown(newDoc),
    },
    ...d,
    ...complianceDelta(oldDoc, newDoc),
  };
}

/** New failures (not suppressed) at or above `threshold`. */
export function newFailuresAtOrAbove(diff: FindingsDiff, threshold: Severity): NewFailure[] {
  return diff.newFailures.filter((f) => !f.suppressed && severityRank(f.severity) <= severityRank(threshold));
}

// ───────────────────────────── output ─────────────────────────────

const clean = (s: string, max = 300): string => {
  const t = stripControls(s);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
};
const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const pts = (x: number | null): string => (x === null ? '' : ` (${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts)`);

function line(f: DiffItem, tail: string): string {
  const r = f.resource;
  const label = r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id;
  const where = [r.provider, r.account === r.provider ? '' : r.account, r.region === 'global' ? '' : r.region].filter(Boolean).join(' ');
  return `  ${f.severity.toUpperCase().padEnd(8)} ${clean(f.ruleId, 80)}  ${clean(label, 120)} [${clean(where, 80)}]${f.suppressed ? ' (suppressed)' : ''}: ${clean(tail)}`;
}

/** The short summary: counts, coverage loss called out, compliance score deltas. */
export function renderDiffSummary(diff: FindingsDiff): string {
  const s = diff.summary;
  const sev = SEVERITIES.filter((x) => s.newFailuresBySeverity[x] > 0).map((x) => `${x} ${s.newFailuresBySeverity[x]}`);
  const out = [
    `vigil diff: ${clean(diff.old.file)} (${clean(diff.old.evaluatedAt, 40)}) → ${clean(diff.new.file)} (${clean(diff.new.evaluatedAt, 40)})`,
    `  new failures:      ${s.newFailures}${sev.length ? ` (${sev.join(', ')})` : ''}`,
    `  resolved:          ${s.resolved}`,
    `  still failing:     ${s.stillFailing}`,
    `  coverage lost:     ${s.coverageLost}${s.coverageLost ? '  ← known before, NOT evaluated now: not resolved; check the collection (permissions, regions, rules)' : ''}`,
    `  coverage regained: ${s.coverageRegained}`,
    `  severity changes:  ${s.severityChanged}`,
    `  unknown checks:    ${s.unknownBefore} → ${s.unknownNow}`,
  ];
  for (const fw of diff.compliance ?? []) out.push(`  compliance ${clean(fw.id, 60)}: ${pct(fw.oldScore)} → ${pct(fw.newScore)}${pts(fw.delta)}`);
  if (diff.frameworksOnlyIn)
    out.push(
      `  frameworks in one file only: old [${diff.frameworksOnlyIn.old.map((x) => clean(x, 60)).join(', ')}], new [${diff.frameworksOnlyIn.new.map((x) => clean(x, 60)).join(', ')}]`,
    );
  return out.join('\n');
}

/** Summary plus the lists, each cut at `limit` lines (0 = all). Every string from the files is stripped of control characters. */
export function renderDiffText(diff: FindingsDiff, limit = 50): string {
  const out = [renderDiffSummary(diff)];
  const section = <T extends DiffItem>(title: string, list: T[], tail: (f: T) => string): void => {
    if (!list.length) return;
    out.push('', `${title} (${list.length}):`);
    const shown = limit > 0 ? list.slice(0, limit) : list;
    for (const f of shown) out.push(line(f, tail(f)));
    if (shown.length < list.length) out.push(`  … and ${list.length - shown.length} more (--limit 0 or --format json for all)`);
  };
  const prev = (p: NewFailure['previousStatus']): string => (p === 'absent' ? 'new' : `was ${p}`);
  section('New failures', diff.newFailures, (f) => `${f.message} [${prev(f.previousStatus)}]`);
  section('Coverage lost (NOT resolved)', diff.coverageLost, (f) => `was ${f.was}, now ${f.now === 'unknown' ? 'unknown' : 'missing'}: ${f.reason}`);
  section('Resolved', diff.resolved, (f) => (f.now === 'gone' ? 'resource gone' : `now ${f.now}`));
  section('Severity changes', diff.severityChanges, (f) => `${f.from} → ${f.to} (${f.status})`);
  section('Coverage regained', diff.coverageRegained, (f) => `was unknown, now ${f.now}`);
  section('Still failing', diff.stillFailing, (f) => f.message);
  for (const fw of diff.compliance ?? []) {
    if (!fw.controlChanges.length) continue;
    out.push('', `Control changes in ${clean(fw.id, 60)} (${fw.controlChanges.length}):`);
    for (const c of limit > 0 ? fw.controlChanges.slice(0, limit) : fw.controlChanges)
      out.push(`  ${clean(c.id, 80)} ${clean(c.title, 120)}: ${c.from} → ${c.to}`);
    if (limit > 0 && fw.controlChanges.length > limit) out.push(`  … and ${fw.controlChanges.length - limit} more`);
  }
  return out.join('\n') + '\n';
}

export function renderDiffJson(diff: FindingsDiff): string {
  return JSON.stringify(diff, null, 2) + '\n';
}
