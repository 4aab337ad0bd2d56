import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationResult, Finding, Status } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { PACKAGE_ROOT } from '../version.js';
import { staleSuppressions } from '../engine/suppressions.js';
import { UNKNOWN_CAUSE_TEXT, describeScope, describeSuppression, effectiveSeverity, failingRules, scopeSummary, unknownBreakdown } from './common.js';
import type { ReportFile, Reporter } from './types.js';

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u003c` etc. (so no
 * `</script>` or `<!--` can appear), and U+2028/U+2029 are escaped too. All of these only ever occur inside
 * JSON strings, where the escapes mean the same characters.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Assets {
  template: string;
  css: string;
  js: string;
}

let assets: Assets | undefined;
function loadAssets(): Assets {
  if (!assets) {
    const dir = join(PACKAGE_ROOT, 'reports');
    const a = {
      template: readFileSync(join(dir, 'report.html'), 'utf8'),
      css: readFileSync(join(dir, 'report.css'), 'utf8'),
      js: readFileSync(join(dir, 'report.js'), 'utf8'),
    };
    // Inline code must not be able to close its own element early.
    if (/<\/(script|style)/i.test(a.js + a.css) || /<!--/.test(a.js)) throw new Error('reports/report.js or report.css contains a closing script/style tag');
    assets = a;
  }
  return assets;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');

/**
 * No network at all: `default-src 'none'` blocks fetch/XHR/WebSocket, images, fonts, frames and media. The one
 * inline script and the one inline style are allowed by their SHA-256 hash rather than 'unsafe-inline', so
 * even if some markup were injected, an injected `<script>`, `<style>`, `style=""` or event handler would not
 * run. The report sets no inline `style` attributes, so it needs no 'unsafe-inline' for styles either.
 */
export function contentSecurityPolicy(js: string, css: string): string {
  return [`default-src 'none'`, `script-src 'sha256-${sha256(js)}'`, `style-src 'sha256-${sha256(css)}'`, `img-src 'none'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}

const STATUS_CODE: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };
const fmtTime = (s: string): string => esc(s.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
const pct = (n: number | null): string => (n === null ? 'n/a' : `${Math.round(n * 1000) / 10}%`);
const badge = (kind: string, label?: string): string => `<span class="badge b-${esc(kind)}">${esc(label ?? kind.replace('_', ' '))}</span>`;

/**
 * The data the page script renders from, compact because it scales with the findings: one array per finding,
 * `[rule, status, scope, type, id, name, arn, message, evidence, suppressed, findingId]`, where rule, scope,
 * type, message and evidence (as JSON text, -1 for none) are indexes into shared tables. Passes and
 * not-applicable results keep only `[rule, status, scope, type, id, name]` (their message and evidence are in
 * findings.json).
 */
function pageData(result: EvaluationResult) {
  const sev = effectiveSeverity(result);
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
  // Messages and evidence repeat a lot (every resource behind one coverage gap says the same): stored once.
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
      row.push(ref.arn ?? 0, intern(x.message), x.evidence ? intern(JSON.stringify(x.evidence)) : -1, x.suppressed ? x.suppressed.justification || 'suppressed' : 0, x.id);
      idIndex.set(x.id, i);
    }
    return row;
  });
  const toIdx = (ids: string[]): number[] => ids.map((id) => idIndex.get(id)).filter((n): n is number => n !== undefined);
  const cf = (result.compliance ?? []).map((fw) => fw.controls.map((c) => [toIdx(c.failingFindingIds), toIdx(c.unknownFindingIds), toIdx(c.suppressedFindingIds ?? [])]));
  const gaps = result.snapshot.coverage.gaps.map((g) => [g.provider, g.account, g.region, g.service, g.operation, g.status, g.errorCode ?? '', g.resourceId ?? '', g.resourceTypes.join(', '), g.message ?? '']);
  // Unknown checks no coverage gap explains (a value a rule could not establish, a rule error): the gap list says so.
  const uo = result.findings.reduce((n, x) => n + (x.status === 'unknown' && x.messageId !== '_coverage' ? 1 : 0), 0);
  return { v: 1, rules, scopes, types, texts, f, cf, gaps, uo };
}

/** At most `max` names, then "and N more". */
const capped = (items: string[], max: number): string => (items.length > max ? `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more` : items.join(', '));

function header(result: EvaluationResult): string {
  const s = result.snapshot;
  const scopes = s.scopes.length
    ? s.scopes
        .map((sc) => {
          const d = describeScope(sc);
          const where = [...d.where, ...(d.global ? ['global'] : [])];
          // TLS has no account: the endpoints are the scope ("3 endpoints: a:443, b:443, …").
          const title = d.account ? `<strong>${esc(d.account)}</strong> <span class="muted">${esc(d.whereLabel)}:</span> ` : `<strong>${esc(scopeSummary(sc).replace(/^\S+:? /, ''))}</strong>${where.length ? ': ' : ''}`;
          const list = where.length ? esc(capped(where, 24)) : d.account ? '—' : '';
          const notes = d.notes.length ? ` <span class="muted">· ${esc(d.notes.join(' · '))}</span>` : '';
          return `<li>${badge(sc.provider, d.provider)} ${title}${list}${notes}</li>`;
        })
        .join('')
    : '<li class="muted">No scope recorded in the snapshot.</li>';
  return `<h1>Vigil security and compliance report</h1>
<dl class="meta">
<dt>Scope</dt><dd><ul class="scopes">${scopes}</ul></dd>
<dt>Collected</dt><dd>${fmtTime(s.startedAt)} → ${fmtTime(s.finishedAt)}</dd>
<dt>Evaluated</dt><dd>${fmtTime(result.evaluatedAt)} by ${esc(result.tool.name)} ${esc(result.tool.version)}</dd>
<dt>Resources</dt><dd>${s.resourceCount.toLocaleString('en-US')}</dd>
</dl>`;
}

/**
 * Why checks are unknown, by cause, with the rules behind each: an auditor reading "could not be evaluated"
 * next to an empty coverage-gap table would otherwise see a contradiction.
 */
function unknownNote(result: EvaluationResult): string {
  const u = unknownBreakdown(result);
  if (!u.total) return '';
  const title = new Map(result.rules.map((r) => [r.id, r.title]));
  const causes = (['coverage', 'undetermined', 'error'] as const)
    .filter((c) => u.byCause[c] > 0)
    .map((c) => {
      const groups = u.groups.filter((g) => g.cause === c);
      const items = groups
        .slice(0, 8)
        .map((g) => `<li><code>${esc(g.ruleId)}</code> ×${g.count.toLocaleString('en-US')} <span class="muted">(${esc(title.get(g.ruleId) ?? g.ruleId)})</span>, e.g. ${esc(g.example)}</li>`)
        .join('');
      const more = groups.length > 8 ? `<li class="muted">and ${(groups.length - 8).toLocaleString('en-US')} more rules</li>` : '';
      const link = c === 'coverage' ? ` (see <a href="#gaps">Coverage gaps</a>)` : '';
      return `<li>${u.byCause[c].toLocaleString('en-US')} because ${esc(UNKNOWN_CAUSE_TEXT[c])}${link}:<ul>${items}${more}</ul></li>`;
    })
    .join('');
  return `<div class="warn unknown-note"><p>${u.total.toLocaleString('en-US')} check${u.total === 1 ? '' : 's'} could not be evaluated. They are <strong>unknown</strong>, not passed.</p><ul>${causes}</ul><p class="muted">Each one is listed under Findings with the status filter “unknown”.</p></div>`;
}

/** Expired suppressions and those that matched nothing (the data is `result.suppressions`). */
function suppressionNote(result: EvaluationResult): string {
  const stale = staleSuppressions(result.suppressions);
  if (!stale.length) return '';
  return `<div class="warn suppressions"><p>${stale.length.toLocaleString('en-US')} configured suppression${stale.length === 1 ? '' : 's'} need attention:</p><ul>${stale.map((s) => `<li>${esc(describeSuppression(s))}</li>`).join('')}</ul></div>`;
}

function summary(result: EvaluationResult): string {
  const { byStatus, failuresBySeverity, suppressed } = result.summary;
  const cov = result.snapshot.coverage;
  const statusCards = (['fail', 'unknown', 'pass', 'not_applicable'] as Status[])
    .map((st) => `<div class="card s-${st}"><div class="num">${byStatus[st].toLocaleString('en-US')}</div><div>${esc(st === 'not_applicable' ? 'not applicable' : st)}</div></div>`)
    .join('');
  const sevRow = SEVERITIES.map((sv) => `<td class="sev-${sv}">${failuresBySeverity[sv].toLocaleString('en-US')}</td>`).join('');
  const top = failingRules(result)
    .slice(0, 10)
    .map((r) => `<tr><td>${badge(r.severity)}</td><td><code>${esc(r.ruleId)}</code></td><td>${esc(r.title)}</td><td class="n">${r.count.toLocaleString('en-US')}</td></tr>`)
    .join('');
  return `<h2>Summary</h2>
<div class="cards">${statusCards}<div class="card"><div class="num">${suppressed.toLocaleString('en-US')}</div><div>suppressed</div></div></div>
${unknownNote(result)}
<table class="sev"><caption>Open failures by severity</caption><thead><tr>${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody><tr>${sevRow}</tr></tbody></table>
<p>Coverage: ${cov.ok.toLocaleString('en-US')} of ${cov.total.toLocaleString('en-US')} collection steps read in full, ${cov.notApplicable.toLocaleString('en-US')} not applicable, <a href="#gaps">${cov.gaps.length.toLocaleString('en-US')} gaps</a>.</p>
${suppressionNote(result)}
${top ? `<table class="top"><caption>Top failing rules</caption><thead><tr><th>Severity</th><th>Rule</th><th>Title</th><th>Failures</th></tr></thead><tbody>${top}</tbody></table>` : '<p>No open failures.</p>'}`;
}

function compliance(result: EvaluationResult): string {
  if (!result.compliance?.length) return '';
  const fws = result.compliance
    .map((fw, fi) => {
      const auto = fw.controls.map((c, ci) => ({ c, ci })).filter(({ c }) => c.status !== 'manual');
      const manual = fw.controls.filter((c) => c.status === 'manual');
      const rows = auto
        .map(({ c, ci }) => {
          const rules = c.rules
            .map(
              (r) =>
                `<li>${badge(r.status)} <code>${esc(r.ruleId)}</code> <span class="muted">— ${esc(r.rationale)}</span> <span class="counts">${r.counts.fail} fail · ${r.counts.unknown} unknown · ${r.counts.pass} pass${r.suppressed ? ` · ${r.suppressed} suppressed` : ''}</span>${r.note ? ` <em class="muted">${esc(r.note)}</em>` : ''}</li>`,
            )
            .join('');
          const nf = c.failingFindingIds.length;
          const nu = c.unknownFindingIds.length;
          const ns = c.suppressedFindingIds?.length ?? 0;
          const label = [nf ? `${nf.toLocaleString('en-US')} failing` : '', nu ? `${nu.toLocaleString('en-US')} unknown` : '', ns ? `${ns.toLocaleString('en-US')} suppressed` : ''].filter(Boolean).join(', ');
          const ev = label ? `<button type="button" class="ctl-ev" data-fw="${fi}" data-ctl="${ci}" aria-expanded="false">Resources: ${label}</button><div class="ev-body" hidden></div>` : '';
          return `<tr class="ctl s-${esc(c.status)}"><td><strong>${esc(c.id)}</strong></td><td>${esc(c.title)}${c.description ? `<div class="muted">${esc(c.description)}</div>` : ''}<ul class="ctl-rules">${rules}</ul>${ev}</td><td>${badge(c.status)}</td></tr>`;
        })
        .join('');
      const checklist = manual.length
        ? `<h4>Manual controls: a person must attest these</h4><ul class="checklist">${manual
            .map((c) => `<li><label><input type="checkbox"> <strong>${esc(c.id)}</strong> ${esc(c.title)}</label>${c.rationale ? `<div class="muted">${esc(c.rationale)}</div>` : ''}</li>`)
            .join('')}</ul>`
        : '';
      const k = fw.counts;
      // One framework is shown open; with several, each folds under its score line so the overview stays readable.
      return `<details class="framework" id="fw-${esc(fw.id)}"${result.compliance!.length === 1 ? ' open' : ''}>
<summary><h3>${esc(fw.title)} <span class="muted">${esc(fw.version)}</span></h3> <span class="score">${pct(fw.score)}</span> <span class="muted">of automated controls pass</span></summary>
<p>Score = passed / (passed + failed + unknown) automated controls. ${badge('pass')} ${k.pass} ${badge('fail')} ${k.fail} ${badge('unknown')} ${k.unknown} ${badge('not_applicable')} ${k.not_applicable} ${badge('manual')} ${k.manual}. <span class="muted">Source: ${esc(fw.source)}</span></p>
${rows ? `<table class="controls"><thead><tr><th>Control</th><th>Requirement and evidence</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${checklist}
</details>`;
    })
    .join('\n');
  const overview = result.compliance
    .map((fw) => {
      const k = fw.counts;
      return `<tr><td><a href="#fw-${esc(fw.id)}" data-open="fw-${esc(fw.id)}">${esc(fw.title)}</a> <span class="muted">${esc(fw.version)}</span></td><td class="n score-cell">${pct(fw.score)}</td><td class="n">${k.pass}</td><td class="n">${k.fail}</td><td class="n">${k.unknown}</td><td class="n">${k.not_applicable}</td><td class="n">${k.manual}</td></tr>`;
    })
    .join('');
  return `<section id="compliance"><h2>Compliance</h2>
<table class="fw-overview"><caption>Controls per framework (score = passed / (passed + failed + unknown); manual controls need a person to attest them)</caption><thead><tr><th>Framework</th><th>Score</th><th>Pass</th><th>Fail</th><th>Unknown</th><th>N/A</th><th>Manual</th></tr></thead><tbody>${overview}</tbody></table>
${fws}</section>`;
}

/** Fills `{{name}}` slots in one pass: inserted values are never scanned again for slots. */
function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in slots ? slots[k] : m));
}

/** One self-contained HTML file: summary, compliance and coverage rendered here; finding lists rendered in the page from embedded JSON. */
export function renderHtml(result: EvaluationResult): string {
  const { template, css, js } = loadAssets();
  return fill(template, {
    csp: esc(contentSecurityPolicy(js, css)),
    title: esc(`Vigil report — ${result.snapshot.scopes.map(scopeSummary).join(', ') || 'no scope'}`),
    css,
    header: header(result),
    summary: summary(result),
    compliance: compliance(result),
    complianceLink: result.compliance?.length ? ' <a href="#compliance">Compliance</a>' : '',
    gapCount: result.snapshot.coverage.gaps.length.toLocaleString('en-US'),
    data: scriptJson(pageData(result)),
    js,
  });
}

export const htmlReporter: Reporter = { format: 'html', render: (result): ReportFile[] => [{ name: 'report.html', content: renderHtml(result) }] };
