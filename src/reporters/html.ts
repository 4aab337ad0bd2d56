import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';
import { describeScope, scopeSummary } from './common.js';
import { esc } from './html-charts.js';
import { pageData } from './html-data.js';
import { attestation, badge, compliance, summary, suppressions } from './html-sections.js';
import { trend } from './html-trend.js';
import type { ReportFile, ReportInput, Reporter } from './types.js';

export { esc };

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
  return [
    `default-src 'none'`,
    `script-src 'sha256-${sha256(js)}'`,
    `style-src 'sha256-${sha256(css)}'`,
    `img-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

const fmtTime = (s: string): string => esc(s.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

/** At most `max` names, then "and N more". */
const capped = (items: string[], max: number): string =>
  items.length > max ? `${items.slice(0, max).join(', ')} and ${(items.length - max).toLocaleString('en-US')} more` : items.join(', ');

function header(result: ReportInput): string {
  const s = result.snapshot;
  const scopes = s.scopes.length
    ? s.scopes
        .map((sc) => {
          const d = describeScope(sc);
          const where = [...d.where, ...(d.global ? ['global'] : [])];
          // TLS has no account: the endpoints are the scope ("3 endpoints: a:443, b:443, …").
          const title = d.account
            ? `<strong>${esc(d.account)}</strong> <span class="muted">${esc(d.whereLabel)}:</span> `
            : `<strong>${esc(scopeSummary(sc).replace(/^\S+:? /, ''))}</strong>${where.length ? ': ' : ''}`;
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

/** Fills `{{name}}` slots in one pass: inserted values are never scanned again for slots. */
function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => slots[k] ?? m);
}

/**
 * One self-contained HTML file: summary, trend, compliance and attestation rendered here; finding lists,
 * filters and views rendered in the page from the embedded JSON (sent once, rendered on demand).
 */
export function renderHtml(result: ReportInput): string {
  const { template, css, js } = loadAssets();
  return fill(template, {
    csp: esc(contentSecurityPolicy(js, css)),
    title: esc(`Vigil report — ${result.snapshot.scopes.map(scopeSummary).join(', ') || 'no scope'}`),
    css,
    header: header(result),
    summary: summary(result),
    trend: trend(result),
    compliance: compliance(result),
    attestation: attestation(result),
    suppressions: suppressions(result),
    complianceLink:
      (result.history?.trend.length ? ' <a href="#trend">Trend</a>' : '') + (result.compliance?.length ? ' <a href="#compliance">Compliance</a>' : ''),
    attestLink: result.compliance?.some((fw) => fw.controls.some((c) => c.status === 'manual')) ? ' <a href="#attest">Attestation</a>' : '',
    gapCount: result.snapshot.coverage.gaps.length.toLocaleString('en-US'),
    data: scriptJson(pageData(result)),
    js,
  });
}

export const htmlReporter: Reporter = { format: 'html', render: (result): ReportFile[] => [{ name: 'report.html', content: renderHtml(result) }] };
