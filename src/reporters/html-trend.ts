/**
 * The trend section of the HTML report (issue 15), only when the history store gave the reporters a
 * history: compliance score per framework, open failures per severity, unknown checks and coverage gaps
 * over the runs (inline SVG, server-rendered: nothing to load under the report's CSP), and what changed
 * since the baseline run — new, resolved, and coverage lost (never counted as resolved). Every string of a
 * delta finding is cloud-supplied and escaped.
 */
import type { DeltaFinding } from '../engine/history-types.js';
import { SEVERITIES } from '../engine/types.js';
import { esc, lineChart } from './html-charts.js';
import { badge, filterLink } from './html-sections.js';
import type { ReportInput } from './types.js';

const n = (x: number): string => x.toLocaleString('en-US');
const SERIES_CLASSES = ['c-s1', 'c-s2', 'c-s3', 'c-s4', 'c-s5', 'c-s6'];
/** Rows listed per kind of change; the rest are counted (the finding lists below hold every current finding). */
export const TREND_LIST_CAP = 100;

function changeTable(id: string, title: string, list: readonly DeltaFinding[], note = ''): string {
  if (!list.length) return '';
  const rows = list
    .slice(0, TREND_LIST_CAP)
    .map((f) => {
      const name = f.resourceName && f.resourceName !== f.resourceId ? `<div class="muted">${esc(f.resourceName)}</div>` : '';
      const where = [f.account, f.region].filter(Boolean).map(esc).join(' / ');
      return `<tr><td>${badge(f.severity)}</td><td><code>${esc(f.ruleId)}</code><div>${esc(f.title)}</div></td><td class="res"><div class="mono">${esc(f.resourceId)}</div>${name}</td><td>${where}</td></tr>`;
    })
    .join('');
  const more = list.length > TREND_LIST_CAP ? `<p class="muted">and ${n(list.length - TREND_LIST_CAP)} more.</p>` : '';
  return `<details class="changes" id="${id}"><summary>${esc(title)} (${n(list.length)})</summary>${note ? `<p class="muted">${esc(note)}</p>` : ''}<table class="changes"><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Account / region</th></tr></thead><tbody>${rows}</tbody></table>${more}</details>`;
}

/** Trend over the history store's runs and the changes since the baseline; empty without history. */
export function trend(result: ReportInput): string {
  const h = result.history;
  if (!h?.trend.length) return '';
  const runs = h.trend;
  const labels = runs.map((r) => r.startedAt.slice(0, 10));
  const fwIds = [...new Set(runs.flatMap((r) => Object.keys(r.scores)))];
  const title = new Map((result.compliance ?? []).map((fw) => [fw.id, fw.title]));
  const scores = lineChart(
    'Compliance score per framework',
    labels,
    fwIds.map((id, i) => ({
      name: title.get(id) ?? id,
      cls: SERIES_CLASSES[i % SERIES_CLASSES.length] ?? 'c-s1',
      values: runs.map((r) => {
        const v = r.scores[id];
        return v === null || v === undefined ? null : v;
      }),
    })),
    { max: 100, unit: '%' },
  );
  const open = lineChart(
    'Open failures per severity',
    labels,
    SEVERITIES.map((s) => ({ name: s, cls: `c-${s}`, values: runs.map((r) => r.openBySeverity[s] ?? null) })),
  );
  const coverage = lineChart('Unknown checks and coverage gaps', labels, [
    { name: 'unknown checks', cls: 'c-s5', values: runs.map((r) => r.unknown) },
    { name: 'coverage gaps', cls: 'c-s6', values: runs.map((r) => r.coverageGaps) },
  ]);

  const d = h.delta;
  let since = '';
  let lists = '';
  if (d && d.baselineRunId === null) since = '<p>This is the first run in the history store: nothing to compare with yet.</p>';
  else if (d) {
    const base = runs.find((r) => r.runId === d.baselineRunId);
    const baseText = `run <code>${esc(d.baselineRunId)}</code>${base ? ` of ${esc(base.startedAt.slice(0, 16).replace('T', ' '))} UTC` : ''}`;
    const show = d.newFindings.length ? ` ${filterLink({ new: '1', st: '0,1' }, '(show them)')}` : '';
    const lost = d.coverageLost.length ? ` · <strong>${n(d.coverageLost.length)}</strong> coverage lost (not resolved)` : '';
    since = `<p>Since the baseline, ${baseText}: <strong>${n(d.newFindings.length)}</strong> new${show} · <strong>${n(d.resolvedFindings.length)}</strong> resolved${lost}.</p>`;
    lists =
      changeTable('trend-new', 'New failures', d.newFindings) +
      changeTable('trend-resolved', 'Resolved', d.resolvedFindings, 'Failing in the baseline, passing now.') +
      changeTable(
        'trend-lost',
        'Coverage lost',
        d.coverageLost,
        'Failing in the baseline, now unknown or not collected: Vigil could not check them this time, so they are not counted as resolved.',
      );
  }
  const first = labels[0] ?? '';
  const last = labels.at(-1) ?? '';
  return `<section id="trend"><h2>Trend</h2><p class="muted">${n(runs.length)} run${runs.length === 1 ? '' : 's'} from the history store, ${esc(first)} to ${esc(last)}.</p>${since}<div class="charts">${scores}${open}${coverage}</div>${lists}</section>`;
}
