/** Server-rendered sections of the HTML report: executive summary, trend, compliance, attestation checklist. */
import type { Severity, Status } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { staleSuppressions } from '../engine/suppressions.js';
import { UNKNOWN_CAUSE_TEXT, describeSuppression, failingRules, resourceLabel, severityRank, unknownBreakdown } from './common.js';
import { barChart, esc, lineChart, stackedBar } from './html-charts.js';
import { accountNames } from './html-data.js';
import type { ReportInput } from './types.js';

const n = (x: number): string => x.toLocaleString('en-US');
export const pct = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v * 1000) / 10}%`);
export const badge = (kind: string, label?: string): string => `<span class="badge b-${esc(kind)}">${esc(label ?? kind.replace('_', ' '))}</span>`;
/** A link only for https URLs (never javascript:, data: or plain http), opened without referrer or opener. */
export const link = (url: string, text = url): string =>
  /^https:\/\/[^\s"'<>]+$/i.test(url) ? `<a href="${esc(url)}" rel="noreferrer noopener" target="_blank">${esc(text)}</a>` : esc(text);
/** A link that opens the findings list filtered (the page script reads the `#f:` fragment). */
const filterLink = (params: Record<string, string>, text: string): string => `<a href="#f:${esc(new URLSearchParams(params).toString())}">${esc(text)}</a>`;

/**
 * Why checks are unknown, by cause, with the rules behind each: an auditor reading "could not be evaluated"
 * next to an empty coverage-gap table would otherwise see a contradiction.
 */
function unknownNote(result: ReportInput): string {
  const u = unknownBreakdown(result);
  if (!u.total) return '';
  const title = new Map(result.rules.map((r) => [r.id, r.title]));
  const causes = (['coverage', 'undetermined', 'error'] as const)
    .filter((c) => u.byCause[c] > 0)
    .map((c) => {
      const groups = u.groups.filter((g) => g.cause === c);
      const items = groups
        .slice(0, 8)
        .map(
          (g) =>
            `<li><code>${esc(g.ruleId)}</code> ×${n(g.count)} <span class="muted">(${esc(title.get(g.ruleId) ?? g.ruleId)})</span>, e.g. ${esc(g.example)}</li>`,
        )
        .join('');
      const more = groups.length > 8 ? `<li class="muted">and ${n(groups.length - 8)} more rules</li>` : '';
      const link = c === 'coverage' ? ` (see <a href="#gaps">Coverage gaps</a>)` : '';
      return `<li>${n(u.byCause[c])} because ${esc(UNKNOWN_CAUSE_TEXT[c])}${link}:<ul>${items}${more}</ul></li>`;
    })
    .join('');
  return `<div class="warn unknown-note"><p>${n(u.total)} check${u.total === 1 ? '' : 's'} could not be evaluated. They are <strong>unknown</strong>, not passed.</p><ul>${causes}</ul><p class="muted">Each one is listed under Findings with the status filter “unknown”.</p></div>`;
}

interface AccountRow {
  provider: string;
  account: string;
  name?: string;
  counts: Record<Status, number>;
  open: number;
}

/** Checks per (provider, account): the per-account score of an organisation scan. TLS has no account. */
function accounts(result: ReportInput): AccountRow[] {
  const names = accountNames(result);
  const rows = new Map<string, AccountRow>();
  for (const f of result.findings) {
    const r = f.resource;
    if (r.provider === 'tls') continue;
    const k = `${r.provider}\u0000${r.account}`;
    let row = rows.get(k);
    if (!row)
      rows.set(k, (row = { provider: r.provider, account: r.account, name: names[k], counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 }, open: 0 }));
    row.counts[f.status]++;
    if (f.status === 'fail' && !f.suppressed) row.open++;
  }
  return [...rows.values()].sort((a, b) => b.open - a.open || a.account.localeCompare(b.account));
}

/** Resources with the most open failures, weighted by severity (critical counts most). */
function mostExposed(result: ReportInput, max = 10) {
  const weight: Record<Severity, number> = { critical: 1000, high: 100, medium: 10, low: 1, info: 0 };
  const by = new Map<string, { label: string; type: string; where: string; id: string; score: number; count: number; worst: Severity }>();
  for (const f of result.findings) {
    if (f.status !== 'fail' || f.suppressed) continue;
    const r = f.resource;
    const k = `${r.provider}\u0000${r.account}\u0000${r.region}\u0000${r.type}\u0000${r.id}`;
    let e = by.get(k);
    if (!e)
      by.set(
        k,
        (e = {
          label: resourceLabel(r),
          type: r.type,
          where: r.provider === 'tls' ? 'tls' : `${r.provider} ${r.account} ${r.region}`,
          id: r.id,
          score: 0,
          count: 0,
          worst: 'info',
        }),
      );
    e.score += weight[f.severity];
    e.count++;
    if (severityRank(f.severity) < severityRank(e.worst)) e.worst = f.severity;
  }
  return [...by.values()].sort((a, b) => b.score - a.score || b.count - a.count || a.label.localeCompare(b.label)).slice(0, max);
}

/** The executive summary: status cards, charts (pass rate per framework, failures by severity and pack, coverage), accounts, most exposed resources. */
export function summary(result: ReportInput): string {
  const { byStatus, failuresBySeverity, suppressed } = result.summary;
  const cov = result.snapshot.coverage;
  const statusCards = (['fail', 'unknown', 'pass', 'not_applicable'] as Status[])
    .map((st) => `<div class="card s-${st}"><div class="num">${n(byStatus[st])}</div><div>${esc(st === 'not_applicable' ? 'not applicable' : st)}</div></div>`)
    .join('');
  const sevRow = SEVERITIES.map((sv) => `<td class="sev-${sv}">${n(failuresBySeverity[sv])}</td>`).join('');
  const ranked = failingRules(result);
  const top = ranked
    .slice(0, 10)
    .map(
      (r) => `<tr><td>${badge(r.severity)}</td><td>${filterLink({ q: r.ruleId }, r.ruleId)}</td><td>${esc(r.title)}</td><td class="n">${n(r.count)}</td></tr>`,
    )
    .join('');
  const packOf = new Map(result.rules.map((r) => [r.id, r.pack]));
  const byPack = new Map<string, number>();
  for (const r of ranked) byPack.set(packOf.get(r.ruleId) ?? 'other', (byPack.get(packOf.get(r.ruleId) ?? 'other') ?? 0) + r.count);
  const charts = [
    result.compliance?.length
      ? barChart(
          'Pass rate per framework (automated controls)',
          result.compliance.map((fw) => ({
            label: fw.title,
            value: Math.round((fw.score ?? 0) * 1000) / 10,
            cls: fw.score === null ? 'c-na' : 'c-pass',
            text: pct(fw.score),
          })),
          100,
        )
      : '',
    barChart(
      'Open failures by severity',
      SEVERITIES.map((s) => ({ label: s, value: failuresBySeverity[s], cls: `c-${s}` })),
    ),
    byPack.size
      ? barChart(
          'Open failures by pack',
          [...byPack.entries()].sort((a, b) => b[1] - a[1]).map(([p, v]) => ({ label: p, value: v, cls: 'c-fail' })),
        )
      : '',
    stackedBar('Coverage: collection steps', [
      { label: 'read in full', value: cov.ok, cls: 'c-pass' },
      { label: 'not applicable', value: cov.notApplicable, cls: 'c-na' },
      { label: 'gaps', value: cov.gaps.length, cls: 'c-unknown' },
    ]),
  ].join('');
  const acc = accounts(result);
  const accTable =
    acc.length > 1 || acc.some((a) => a.name)
      ? `<table class="accounts"><caption>Accounts and projects (score = pass / (pass + fail + unknown) of the checks)</caption><thead><tr><th>Provider</th><th>Account</th><th>Name</th><th>Score</th><th>Open failures</th><th>Fail</th><th>Unknown</th><th>Pass</th></tr></thead><tbody>${acc
          .map((a) => {
            const denom = a.counts.pass + a.counts.fail + a.counts.unknown;
            return `<tr><td>${badge(a.provider, a.provider.toUpperCase())}</td><td>${filterLink({ acct: `${a.provider}:${a.account}` }, a.account)}</td><td>${esc(a.name ?? '')}</td><td class="n">${pct(denom ? a.counts.pass / denom : null)}</td><td class="n">${n(a.open)}</td><td class="n">${n(a.counts.fail)}</td><td class="n">${n(a.counts.unknown)}</td><td class="n">${n(a.counts.pass)}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '';
  const exposed = mostExposed(result);
  const exposedTable = exposed.length
    ? `<table class="exposed"><caption>Most exposed resources (open failures, weighted by severity)</caption><thead><tr><th>Worst</th><th>Resource</th><th>Type</th><th>Where</th><th>Open failures</th></tr></thead><tbody>${exposed
        .map(
          (e) =>
            `<tr><td>${badge(e.worst)}</td><td class="res">${filterLink({ view: 'resource', q: e.id }, e.label)}</td><td class="mono">${esc(e.type)}</td><td>${esc(e.where)}</td><td class="n">${n(e.count)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<h2>Summary</h2>
<div class="cards">${statusCards}<div class="card"><div class="num">${n(suppressed)}</div><div>suppressed</div></div></div>
${unknownNote(result)}
<div class="charts">${charts}</div>
<table class="sev"><caption>Open failures by severity</caption><thead><tr>${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody><tr>${sevRow}</tr></tbody></table>
<p>Coverage: ${n(cov.ok)} of ${n(cov.total)} collection steps read in full, ${n(cov.notApplicable)} not applicable, <a href="#gaps">${n(cov.gaps.length)} gaps</a>.</p>
${accTable}
${exposedTable}
${top ? `<table class="top"><caption>Top failing rules</caption><thead><tr><th>Severity</th><th>Rule</th><th>Title</th><th>Failures</th></tr></thead><tbody>${top}</tbody></table>` : '<p>No open failures.</p>'}`;
}

const SERIES_CLASSES = ['c-s1', 'c-s2', 'c-s3', 'c-s4', 'c-s5', 'c-s6'];

/** Trend over the history store's runs: compliance score per framework and open failures per severity, plus what changed since the previous run. */
export function trend(result: ReportInput): string {
  const h = result.history;
  if (!h?.runs.length) return '';
  const labels = h.runs.map((r) => r.startedAt.slice(0, 10));
  const fwIds = [...new Set(h.runs.flatMap((r) => Object.keys(r.scores)))];
  const title = new Map((result.compliance ?? []).map((fw) => [fw.id, fw.title]));
  const scores = lineChart(
    'Compliance score per framework',
    labels,
    fwIds.map((id, i) => ({
      name: title.get(id) ?? id,
      cls: SERIES_CLASSES[i % SERIES_CLASSES.length] ?? 'c-s1',
      values: h.runs.map((r) => {
        const score = r.scores[id];
        return score === null || score === undefined ? null : score * 100;
      }),
    })),
    { max: 100, unit: '%' },
  );
  const open = lineChart(
    'Open failures per severity',
    labels,
    SEVERITIES.map((s) => ({ name: s, cls: `c-${s}`, values: h.runs.map((r) => r.openBySeverity[s] ?? null) })),
  );
  const sp = h.sincePrevious;
  const since = sp
    ? `<p>Since the previous run: <strong>${n(sp.newIds.length)}</strong> new ${sp.newIds.length ? filterLink({ new: '1', st: '0,1' }, '(show them)') : ''} · <strong>${n(sp.resolvedIds.length)}</strong> resolved.</p>`
    : '';
  return `<section id="trend"><h2>Trend</h2><p class="muted">${n(h.runs.length)} run${h.runs.length === 1 ? '' : 's'} from the history store, ${esc(labels[0])} to ${esc(labels[labels.length - 1])}.</p>${since}<div class="charts">${scores}${open}</div></section>`;
}

/** Per framework: overview, controls with their rules and evidence (rendered on demand), manual controls. */
export function compliance(result: ReportInput): string {
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
          const label = [nf ? `${n(nf)} failing` : '', nu ? `${n(nu)} unknown` : '', ns ? `${n(ns)} suppressed` : ''].filter(Boolean).join(', ');
          const ev = label
            ? `<button type="button" class="ctl-ev" data-fw="${fi}" data-ctl="${ci}" aria-expanded="false">Resources: ${label}</button><div class="ev-body" hidden></div>`
            : '';
          const filter = filterLink({ ctl: `${fw.id}/${c.id}`, st: '0,1,2,3' }, 'all checks of this control');
          return `<tr class="ctl s-${esc(c.status)}"><td><strong>${esc(c.id)}</strong></td><td>${esc(c.title)}${c.description ? `<div class="muted">${esc(c.description)}</div>` : ''}<ul class="ctl-rules">${rules}</ul>${ev} <span class="muted">· ${filter}</span></td><td>${badge(c.status)}</td></tr>`;
        })
        .join('');
      const checklist = manual.length
        ? `<h4>Manual controls: a person must attest these (see the <a href="#attest">attestation checklist</a>)</h4><ul class="checklist">${manual
            .map((c) => `<li><strong>${esc(c.id)}</strong> ${esc(c.title)}${c.rationale ? `<div class="muted">${esc(c.rationale)}</div>` : ''}</li>`)
            .join('')}</ul>`
        : '';
      const k = fw.counts;
      // One framework is shown open; with several, each folds under its score line so the overview stays readable.
      return `<details class="framework" id="fw-${esc(fw.id)}"${result.compliance!.length === 1 ? ' open' : ''}>
<summary><h3>${esc(fw.title)} <span class="muted">${esc(fw.version)}</span></h3> <span class="score">${pct(fw.score)}</span> <span class="muted">of automated controls pass</span></summary>
<p>Score = passed / (passed + failed + unknown) automated controls. ${badge('pass')} ${k.pass} ${badge('fail')} ${k.fail} ${badge('unknown')} ${k.unknown} ${badge('not_applicable')} ${k.not_applicable} ${badge('manual')} ${k.manual}. <span class="muted">Source: ${link(fw.source)}</span></p>
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

/** A printable sheet for the manual controls: one row each, with blank cells for the reviewer's decision, name, date and notes. */
export function attestation(result: ReportInput): string {
  const rows = (result.compliance ?? []).flatMap((fw) =>
    fw.controls
      .filter((c) => c.status === 'manual')
      .map(
        (c) =>
          `<tr><td class="box" aria-label="attested">☐</td><td><strong>${esc(fw.title)} ${esc(c.id)}</strong><div>${esc(c.title)}</div></td><td>${esc(c.rationale ?? c.description ?? '')}</td><td class="blank"></td><td class="blank"></td><td class="blank notes"></td></tr>`,
      ),
  );
  if (!rows.length) return '';
  return `<section id="attest"><h2>Attestation checklist</h2>
<p class="muted">Controls no automated check can decide. Print this section (<button type="button" id="print-attest">Print the checklist</button>) and have a reviewer tick, sign and date each row.</p>
<table class="attest"><thead><tr><th>Done</th><th>Control</th><th>What to attest</th><th>Reviewer</th><th>Date</th><th>Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="sign">Reviewed by: ______________________ Signature: ______________________ Date: ____________</p></section>`;
}

/**
 * Suppression audit (issue 12): expired, unused and unknown suppressions. The evaluation result does not carry
 * them yet; when it does, they render here, between compliance and the findings.
 */
export function suppressions(result: ReportInput): string {
  const stale = staleSuppressions(result.suppressions);
  if (!stale.length) return '';
  return `<div class="warn suppressions"><p>${stale.length.toLocaleString('en-US')} configured suppression${stale.length === 1 ? '' : 's'} need attention:</p><ul>${stale.map((s) => `<li>${esc(describeSuppression(s))}</li>`).join('')}</ul></div>`;
}
