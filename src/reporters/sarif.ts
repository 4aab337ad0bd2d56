import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { EvaluationResult, Finding, RuleMeta, Severity, Status } from '../engine/types.js';
import type { CoverageEntry, ResourceRef } from '../model/types.js';
import { PACKAGE_ROOT } from '../version.js';
import { controlsByRule, describeGap, effectiveSeverity, findingControls, resourceLabel, severityRank, stripControls } from './common.js';
import type { ReportFile, Reporter } from './types.js';

/** GitHub code scanning's per-file limits (FACTS.md "SARIF and GitHub code scanning", section 1). */
export interface SarifLimits {
  maxRunsPerFile: number;
  maxResultsPerRun: number;
  /** Gzipped size each file must stay under. */
  maxGzipBytes: number;
  maxTagsPerRule: number;
  /** Coverage-gap notifications listed per run (the rest are counted in one more notification). */
  maxGapNotificationsPerRun: number;
}

export const GITHUB_SARIF_LIMITS: SarifLimits = {
  maxRunsPerFile: 20,
  maxResultsPerRun: 25_000,
  // GitHub rejects files over 10 MB gzipped; keep 5 % of margin whichever way "MB" is counted.
  maxGzipBytes: 9_500_000,
  maxTagsPerRule: 20,
  maxGapNotificationsPerRun: 1_000,
};

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * GitHub's scale: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9 (strings). `info` gets 0.1, the
 * smallest value GitHub still counts as a security severity: the rule stays a security rule (a value of 0.0
 * would turn it into a plain "problem"), it sorts below every real low, and it never fails a PR check.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.1' };

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

let infoUri: string | null | undefined;
/** The project's home page from package.json (`homepage`, else `repository`), when it names one. */
export function informationUri(): string | undefined {
  if (infoUri === undefined) {
    infoUri = null;
    try {
      const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { homepage?: string; repository?: string | { url?: string } };
      const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
      const uri = (pkg.homepage ?? repo ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
      if (/^https:\/\/[^\s]+$/.test(uri)) infoUri = uri;
    } catch {
      infoUri = null;
    }
  }
  return infoUri ?? undefined;
}

const trunc = (s: string, n: number): string => (s.length <= n ? s : s.slice(0, n - 1) + '…');

/**
 * Plain text for SARIF messages: no control characters; `\`, `[` and `]` escaped with a backslash as
 * SARIF §3.11.6 prescribes (the backslash first: otherwise a name's own `\[` becomes `\\[`, an escaped
 * backslash followed by a live bracket), and `<` `>` too, since GitHub renders message text as CommonMark,
 * where `<https://…>` is an autolink and `<a href>` inline HTML. So a cloud name cannot forge a link.
 */
function text(s: string): string {
  return stripControls(s).replace(/([\\[\]<>])/g, '\\$1');
}

/** One path segment of the synthetic location: only `[A-Za-z0-9._-]`, never `.`/`..`, bounded length. */
function segment(s: string): string {
  let out = s.replace(/[^A-Za-z0-9._-]/g, '_');
  if (out === '' || /^\.+$/.test(out)) out = '_' + out.replace(/\./g, '_');
  if (out.length > 120) out = out.slice(0, 100) + '-' + createHash('sha256').update(s).digest('hex').slice(0, 12);
  return out;
}

/**
 * Stable, repo-relative synthetic path of a resource, without a URI scheme (GitHub rejects the whole upload
 * otherwise), e.g. `cloud/aws/123456789012/us-east-1/ec2/security-group/sg-123`.
 */
export function artifactUri(ref: ResourceRef): string {
  const typeParts = ref.type.split('.');
  if (typeParts[0] === ref.provider && typeParts.length > 1) typeParts.shift();
  return ['cloud', ref.provider, ref.account, ref.region, ...typeParts, ref.id].map(segment).join('/');
}

const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/**
 * At most `max` tags: `security`, the pack and the severity always come first (GitHub needs `security` for
 * security-severity to count; pack and severity are the filters users reach for). Framework controls fill the
 * rest, taken round-robin across frameworks in each pack's control order, so every framework keeps at least
 * its first controls when a rule maps to many (GitHub keeps 20 tags and shows the first 10). The full list is
 * in the rule's help text.
 */
export function ruleTags(rule: Pick<RuleMeta, 'pack' | 'severity'>, controls: string[], max: number): string[] {
  const tags = [...new Set(['security', rule.pack, rule.severity])];
  const byFramework = new Map<string, string[]>();
  for (const c of controls) {
    const fw = c.slice(0, c.indexOf('/'));
    byFramework.set(fw, [...(byFramework.get(fw) ?? []), c]);
  }
  const queues = [...byFramework.values()];
  for (let i = 0; tags.length < max && queues.some((q) => i < q.length); i++) {
    for (const q of queues) {
      const tag = q[i];
      if (tag !== undefined && tags.length < max && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags.slice(0, max);
}

function helpText(rule: RuleMeta, controls: string[]): { text: string; markdown: string } {
  const refs = rule.references.filter((u) => /^https?:\/\/\S+$/.test(u));
  const plain = [
    rule.description,
    `Risk: ${rule.risk}`,
    `Remediation:\n${rule.remediation}`,
    refs.length ? `References:\n${refs.map((u) => `- ${u}`).join('\n')}` : '',
    controls.length ? `Framework controls: ${controls.join(', ')}` : '',
  ];
  const md = [
    `**${rule.title}** (severity: ${rule.severity}, pack: ${rule.pack}, rule: \`${rule.id}\`)`,
    rule.description,
    `### Risk\n\n${rule.risk}`,
    `### Remediation\n\n${rule.remediation}`,
    // helpUri is not among GitHub's supported fields: the links live here.
    refs.length ? `### References\n\n${refs.map((u) => `- [${u.replace(/[[\]]/g, '')}](${u.replace(/[()\s]/g, encodeURIComponent)})`).join('\n')}` : '',
    controls.length ? `### Framework controls\n\n${controls.map((c) => `- \`${c}\``).join('\n')}` : '',
  ];
  return { text: plain.filter(Boolean).join('\n\n'), markdown: md.filter(Boolean).join('\n\n') };
}

function descriptor(rule: RuleMeta, controls: string[], limits: SarifLimits): ReportingDescriptor {
  return {
    id: rule.id,
    name: trunc(pascal(rule.id) || rule.id, 255),
    shortDescription: { text: trunc(rule.title, 1024) },
    fullDescription: { text: trunc(rule.description || rule.title, 1024) },
    help: helpText(rule, controls),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ruleTags(rule, controls, limits.maxTagsPerRule),
      precision: rule.precision,
      'security-severity': SECURITY_SEVERITY[rule.severity],
      pack: rule.pack,
      severity: rule.severity,
      ...(controls.length ? { controls } : {}),
    },
  };
}

/** Metadata for a finding whose rule is not in `result.rules` (should not happen; never drop the result). */
function fallbackMeta(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    pack: 'unknown',
    title: f.title,
    severity: f.severity,
    description: f.title,
    risk: '',
    remediation: '',
    references: [],
    resourceTypes: [f.resource.type],
    precision: 'high',
  };
}

function toResult(f: Finding, ruleIndex: number, controls: string[] | undefined): Result {
  const r = f.resource;
  const identity = r.arn ?? `${r.provider}/${r.account}/${r.region}/${r.type}/${r.id}`;
  // TLS endpoints have no account or region (their placeholders equal the provider / `global`): nothing to add.
  const where =
    r.account === r.provider && r.region === 'global'
      ? ''
      : [r.provider, r.account === r.provider ? '' : r.account, r.region === 'global' ? '' : r.region].filter(Boolean).join(' ');
  const res: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    // The first sentence is GitHub's alert title: rule title + the resource.
    message: { text: text(`${f.title}: ${resourceLabel(r)}${where ? ` in ${where}` : ''}. ${f.message}${r.arn ? ` (${r.arn})` : ''}`) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(r) }, region: { startLine: 1 } },
        logicalLocations: [{ name: stripControls(r.name ?? r.id), fullyQualifiedName: stripControls(identity), kind: 'resource' }],
        message: { text: text(identity) },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.id },
    // SARIF's own field for "new since the baseline run" (--baseline).
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    properties: {
      findingId: f.id,
      provider: r.provider,
      account: r.account,
      region: r.region,
      resourceType: r.type,
      resourceId: r.id,
      ...(r.name ? { resourceName: r.name } : {}),
      ...(r.arn ? { arn: r.arn } : {}),
      ...(f.evidence ? { evidence: f.evidence } : {}),
      ...(controls ? { controls } : {}),
    },
  };
  if (f.suppressed) {
    res.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: f.suppressed.justification,
        ...(f.suppressed.expires ? { properties: { expires: f.suppressed.expires } } : {}),
      },
    ];
  }
  return res;
}

interface Group {
  provider: string;
  account: string;
  /** Fleet scans: the account's name (snapshot scope detail). */
  accountName?: string;
  regions: string[];
  fails: Finding[];
  gaps: CoverageEntry[];
  unknown: number;
  counts: Record<Status, number>;
}

const isoTime = (s: string | undefined): string | undefined => (s && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) ? s : undefined);

/** Distinct `automationDetails.id` per run: `vigil/<provider>-<account>/` (category = everything before the last `/`). */
function categories(groups: Group[]): Array<[Group, string]> {
  const seen = new Set<string>();
  return groups.map((g) => {
    let id = `vigil/${segment(`${g.provider}-${g.account}`)}`;
    if (seen.has(id)) id += '-' + createHash('sha256').update(`${g.provider}|${g.account}`).digest('hex').slice(0, 8);
    seen.add(id);
    return [g, id + '/'];
  });
}

function groupsOf(result: EvaluationResult): Group[] {
  const groups = new Map<string, Group>();
  const get = (provider: string, account: string): Group => {
    const k = `${provider}|${account}`;
    let g = groups.get(k);
    if (!g)
      groups.set(k, (g = { provider, account, regions: [], fails: [], gaps: [], unknown: 0, counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 } }));
    return g;
  };
  for (const s of result.snapshot.scopes) {
    const g = get(s.provider, s.account);
    g.regions.push(...s.regions);
    const name = (s.detail as { accountName?: unknown } | undefined)?.accountName;
    if (typeof name === 'string') g.accountName = name;
  }
  for (const f of result.findings) {
    const g = get(f.resource.provider, f.resource.account);
    g.counts[f.status]++;
    if (f.status === 'fail') g.fails.push(f);
    else if (f.status === 'unknown') g.unknown++;
  }
  for (const gap of result.snapshot.coverage.gaps) get(gap.provider, gap.account).gaps.push(gap);
  // An empty run still matters: uploading it closes the alerts that were fixed in that account.
  if (groups.size === 0) get('none', 'none');
  return [...groups.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.account.localeCompare(b.account));
}

const bySeverity = (a: Finding, b: Finding): number =>
  Number(!!a.suppressed) - Number(!!b.suppressed) ||
  severityRank(a.severity) - severityRank(b.severity) ||
  a.ruleId.localeCompare(b.ruleId) ||
  a.id.localeCompare(b.id);

interface BuiltRun {
  run: Run;
  json: string;
  gz: number;
}

function serialize(run: Run): BuiltRun {
  const json = JSON.stringify(run);
  return { run, json, gz: gzipSync(json).length };
}

function buildRun(
  result: EvaluationResult,
  g: Group,
  automationId: string,
  limits: SarifLimits,
  byRule: Map<string, string[]>,
  severity: Map<string, Severity>,
): BuiltRun {
  const metas = new Map(result.rules.map((r) => [r.id, { ...r, severity: severity.get(r.id) ?? r.severity }]));
  for (const f of g.fails) if (!metas.has(f.ruleId)) metas.set(f.ruleId, fallbackMeta(f));
  const ruleList = [...metas.values()];
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));

  const notes: Notification[] = [];
  const gapNotes = g.gaps.slice(0, limits.maxGapNotificationsPerRun).map<Notification>((gap) => ({
    level: 'warning',
    message: { text: text(`Not collected: ${describeGap(gap)}. Rules reading ${gap.resourceTypes.join(', ')} report unknown there, never pass.`) },
    properties: { coverage: gap },
  }));
  notes.push(...gapNotes);
  if (g.gaps.length > gapNotes.length)
    notes.push({ level: 'warning', message: { text: `${g.gaps.length - gapNotes.length} more coverage gaps are listed in findings.json.` } });
  if (g.unknown > 0)
    notes.push({
      level: 'warning',
      message: {
        text: `${g.unknown} checks could not be evaluated (status unknown) because of missing data; they are listed in findings.json and report.html.`,
      },
    });

  const fails = [...g.fails].sort(bySeverity);
  let kept = fails.slice(0, limits.maxResultsPerRun);
  const dropNote = (dropped: number, why: string): Notification => ({
    level: 'warning',
    message: { text: `${dropped} of ${fails.length} failing results were left out of this run (the least severe) ${why}; every finding is in findings.json.` },
    properties: { droppedResults: dropped },
  });

  const make = (): BuiltRun => {
    const extra: Notification[] = [];
    if (kept.length < fails.length) {
      extra.push(
        dropNote(
          fails.length - kept.length,
          kept.length < Math.min(fails.length, limits.maxResultsPerRun)
            ? `to keep the file under GitHub's ${limits.maxGzipBytes} gzipped bytes`
            : `to stay within GitHub's ${limits.maxResultsPerRun} results per run`,
        ),
      );
    }
    const startTimeUtc = isoTime(result.snapshot.startedAt);
    const endTimeUtc = isoTime(result.evaluatedAt);
    const info = informationUri();
    const run: Run = {
      tool: {
        driver: {
          name: 'Vigil',
          semanticVersion: result.tool.version,
          ...(info ? { informationUri: info } : {}),
          rules: ruleList.map((r) => descriptor(r, byRule.get(r.id) ?? [], limits)),
        },
      },
      automationDetails: {
        id: automationId,
        description: {
          text: text(
            `Vigil audit of ${g.provider === 'tls' && g.account === 'tls' ? 'TLS endpoints' : `${g.provider} ${g.account}${g.accountName ? ` (${g.accountName})` : ''}`}`,
          ),
        },
      },
      invocations: [
        {
          // Coverage gaps are reported, not fatal: the run completed and every affected rule says unknown.
          executionSuccessful: true,
          ...(startTimeUtc ? { startTimeUtc } : {}),
          ...(endTimeUtc ? { endTimeUtc } : {}),
          toolExecutionNotifications: [...extra, ...notes],
        },
      ],
      results: kept.map((f) => toResult(f, ruleIndex.get(f.ruleId)!, findingControls(f, byRule))),
      properties: {
        provider: g.provider,
        account: g.account,
        ...(g.accountName ? { accountName: stripControls(g.accountName) } : {}),
        regions: [...new Set(g.regions)],
        counts: g.counts,
      },
    };
    return serialize(run);
  };

  let built = make();
  // One run alone over the size limit: keep the most severe results that fit.
  while (built.gz > limits.maxGzipBytes && kept.length > 0) {
    kept = kept.slice(0, Math.floor(kept.length * Math.min(0.9, (limits.maxGzipBytes / built.gz) * 0.95)));
    built = make();
  }
  return built;
}

function fileContent(runs: BuiltRun[]): string {
  return `{"$schema":${JSON.stringify(SARIF_SCHEMA_URI)},"version":"2.1.0","runs":[${runs.map((r) => r.json).join(',')}]}`;
}

/** Packs runs into files of at most `maxRunsPerFile` runs and `maxGzipBytes` gzipped, checking each file's real size. */
function pack(runs: BuiltRun[], limits: SarifLimits): string[] {
  const chunks: BuiltRun[][] = [];
  let cur: BuiltRun[] = [];
  let size = 0;
  for (const r of runs) {
    if (cur.length && (cur.length >= limits.maxRunsPerFile || size + r.gz > limits.maxGzipBytes)) {
      chunks.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += r.gz;
  }
  if (cur.length) chunks.push(cur);
  const out: string[] = [];
  const emit = (chunk: BuiltRun[]): void => {
    const content = fileContent(chunk);
    if (chunk.length > 1 && gzipSync(content).length > limits.maxGzipBytes) {
      const half = Math.ceil(chunk.length / 2);
      emit(chunk.slice(0, half));
      emit(chunk.slice(half));
    } else out.push(content);
  };
  chunks.forEach(emit);
  return out;
}

export const sarifFileName = (i: number): string => (i === 0 ? 'vigil.sarif' : `vigil-${i + 1}.sarif`);

/** SARIF 2.1.0 for GitHub code scanning: one run per (provider, account); split over several files past GitHub's limits. */
export function renderSarif(result: EvaluationResult, limits: SarifLimits = GITHUB_SARIF_LIMITS): ReportFile[] {
  const byRule = controlsByRule(result);
  const severity = effectiveSeverity(result);
  const runs = categories(groupsOf(result)).map(([g, id]) => buildRun(result, g, id, limits, byRule, severity));
  return pack(runs, limits).map((content, i) => ({ name: sarifFileName(i), content }));
}

/** Type helper for tests and callers that parse the output. */
export type SarifLog = Log;

export const sarifReporter: Reporter = { format: 'sarif', render: (result) => renderSarif(result) };
