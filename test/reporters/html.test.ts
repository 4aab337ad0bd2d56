import { describe, expect, it } from '@jest/globals';
import { JSDOM, VirtualConsole } from 'jsdom';
import { createHash } from 'node:crypto';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult } from '../../src/engine/types.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../../src/model/types.js';
import { esc, renderHtml, scriptJson } from '../../src/reporters/html.js';
import { XSS, openGroupRule, sampleResult, sampleWithHistory, undeterminedResult } from './fixtures.js';

interface Page {
  dom: JSDOM;
  doc: Document;
  alerts: unknown[];
  errors: string[];
}

/** Loads the report in jsdom with its inline script running, as a browser would. */
function load(html: string): Page {
  const alerts: unknown[] = [];
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e) => errors.push(String(e)));
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    virtualConsole,
    beforeParse(window) {
      window.alert = (m?: unknown) => void alerts.push(m);
    },
  });
  return { dom, doc: dom.window.document, alerts, errors };
}

const click = (el: Element | null): void => {
  if (!el) throw new Error('element not found');
  (el as HTMLElement).click();
};
const expandAll = (doc: Document): void => {
  click(doc.getElementById('expand-all'));
  doc.querySelectorAll('button.ctl-ev').forEach((b) => click(b));
};
const setCheckbox = (doc: Document, name: string, value: string, on: boolean): void => {
  const box = doc.querySelector(`input[name=${name}][value="${value}"]`) as HTMLInputElement;
  box.checked = on;
  box.dispatchEvent(new doc.defaultView!.Event('change', { bubbles: true }));
};

describe('HTML reporter', () => {
  const result = sampleResult();
  const html = renderHtml(result);

  it('renders a security group named with an XSS payload as text: no <img> is created, the literal text shows', () => {
    const page = load(html);
    expandAll(page.doc);
    expect(page.errors).toEqual([]);
    expect(page.doc.querySelectorAll('img').length).toBe(0);
    expect(page.doc.querySelectorAll('[onerror]').length).toBe(0);
    expect(page.alerts).toEqual([]);
    const text = page.doc.body.textContent!;
    // Client-rendered: the finding row under its rule, the compliance evidence, the coverage gap message.
    const cells = [...page.doc.querySelectorAll('#groups td.res')].map((td) => td.textContent);
    expect(cells.some((t) => t!.includes(`${XSS} (sg-0001)`))).toBe(true);
    expect([...page.doc.querySelectorAll('#compliance td.msg')].some((td) => td.textContent!.includes(`Security group ${XSS} allows`))).toBe(true);
    expect([...page.doc.querySelectorAll('#gap-list td.msg')].map((td) => td.textContent)).toEqual([`denied for ${XSS}`]);
    // Server-rendered: the scope detail in the header.
    expect(page.doc.querySelector('ul.scopes')!.textContent).toContain(XSS);
    expect(text.split(XSS).length - 1).toBeGreaterThanOrEqual(4);
    // And the raw markup never carries the payload unescaped outside the JSON block.
    const outsideData = html.replace(/<script type="application\/json" id="data">[\s\S]*?<\/script>/, '');
    expect(outsideData).not.toContain('<img');
  });

  it('makes no network request: CSP forbids it, the inline code is pinned by hash, no http(s) URL in src; links https-only, without referrer or opener', () => {
    const page = load(html);
    expandAll(page.doc);
    const csp = page.doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:/);
    const scripts = [...page.doc.querySelectorAll('script')];
    expect(scripts.filter((s) => s.hasAttribute('src'))).toEqual([]);
    const code = scripts.filter((s) => !s.type);
    expect(code).toHaveLength(1);
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(code[0]!.textContent!)}'`);
    const styles = [...page.doc.querySelectorAll('style')];
    expect(styles).toHaveLength(1);
    expect(csp).toContain(`style-src 'sha256-${hash(styles[0]!.textContent!)}'`);
    expect(styles[0]!.textContent).not.toMatch(/@import|url\(/);
    expect(page.doc.querySelectorAll('link, iframe, object, embed, img, video, audio, source').length).toBe(0);
    for (const el of page.doc.querySelectorAll('[src], [href], [action], [srcset], [style]')) {
      for (const attr of ['src', 'action', 'srcset']) expect(el.getAttribute(attr) ?? '').not.toMatch(/^\s*(https?:)?\/\//i);
      expect(el.hasAttribute('style')).toBe(false);
    }
    // Links are in-page anchors, or https links (references, the standard's source) that send no referrer and get no opener.
    const external = [...page.doc.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href')!.startsWith('#'));
    expect(external.length).toBeGreaterThan(0);
    for (const a of external) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('rel')).toBe('noreferrer noopener');
    }
  });

  it('shows the scope, the times and the summary counts by status and severity', () => {
    const { doc } = load(html);
    const header = doc.querySelector('header')!.textContent!;
    expect(header).toContain('123456789012');
    expect(header).toContain('210987654321');
    expect(header).toContain('us-east-1, ap-south-1');
    expect(header).toContain('2026-01-01 00:00:00Z → 2026-01-01 00:00:01Z');
    expect(header).toContain('2026-01-02 03:04:05Z');
    const cards = [...doc.querySelectorAll('#summary .card')].map((c) => [...c.children].map((x) => x.textContent).join(' '));
    expect(cards).toEqual(['4 fail', '1 unknown', '1 pass', '0 not applicable', '1 suppressed']);
    expect([...doc.querySelectorAll('table.sev td')].map((td) => td.textContent)).toEqual(['0', '2', '1', '0', '0']);
    expect(doc.querySelector('#summary')!.textContent).toContain('unknown, not passed');
    expect([...doc.querySelectorAll('table.top tbody tr')].map((tr) => tr.querySelector('td:nth-child(2)')!.textContent)).toEqual([
      'test-sg-open',
      'test-tls-old-protocol',
    ]);
  });

  it('has a compliance section per framework: score, control status, failing resources with evidence, manual checklist', () => {
    const { doc } = load(html);
    const fw = doc.querySelector('#fw-hipaa')!;
    expect(fw.querySelector('h3')!.textContent).toContain('HIPAA Security Rule');
    expect(fw.querySelector('.score')!.textContent).toBe('0%');
    const rows = [...fw.querySelectorAll('tr.ctl')].map((tr) => `${tr.querySelector('strong')!.textContent}:${tr.lastElementChild!.textContent}`);
    expect(rows).toEqual(['164.312(e)(1):fail', '164.312(a)(1):fail']);
    expect(fw.querySelector('tr.ctl')!.textContent).toContain('Old TLS weakens transmission security.');
    const btn = fw.querySelector('button.ctl-ev')!;
    expect(btn.textContent).toBe('Resources: 3 failing, 1 unknown');
    click(btn);
    const evRows = [...btn.nextElementSibling!.querySelectorAll(':scope > table > tbody > tr')];
    expect(evRows).toHaveLength(4);
    expect(evRows.map((r) => r.children[1]!.textContent).sort()).toEqual(['test-sg-open', 'test-sg-open', 'test-sg-open', 'test-tls-old-protocol']);
    expect(evRows.some((r) => r.querySelector('dl.evidence')?.textContent?.includes('0.0.0.0/0 tcp 22'))).toBe(true);
    const second = fw.querySelectorAll('button.ctl-ev')[1]!;
    expect(second.textContent).toBe('Resources: 2 failing, 1 unknown, 1 suppressed');
    expect(fw.querySelectorAll('tr.ctl')[1]!.textContent).toContain('1 suppressed');
    click(second);
    const supRow = [...second.nextElementSibling!.querySelectorAll(':scope > table > tbody > tr')].find((r) => r.textContent!.includes('legacy-bastion'))!;
    expect(supRow.querySelector('.b-suppressed')).not.toBeNull();
    expect(supRow.textContent).toContain('Suppressed: Bastion, restricted by NACL (ticket SEC-12)');
    const manual = [...fw.querySelectorAll('ul.checklist li')];
    expect(manual).toHaveLength(1);
    // The printable sheet: one row per manual control, with blank cells for reviewer, date and notes.
    const sheet = [...doc.querySelectorAll('#attest table.attest tbody tr')];
    expect(sheet).toHaveLength(1);
    expect(sheet[0]!.textContent).toContain('164.308(a)(5)(i)');
    expect(sheet[0]!.querySelectorAll('td.blank')).toHaveLength(3);
    expect(manual[0]!.textContent).toContain('164.308(a)(5)(i)');
    expect(manual[0]!.textContent).toContain('attested by the security officer');
  });

  it('groups findings by rule and filters by status, severity, pack and text', () => {
    const { doc } = load(html);
    const groups = () => [...doc.querySelectorAll('#groups .group')].map((g) => g.getAttribute('data-rule'));
    expect(groups()).toEqual(['test-sg-open', 'test-tls-old-protocol']); // fail + unknown by default
    expect(doc.getElementById('match-count')!.textContent).toMatch(/^5 findings in 2 rules/);
    setCheckbox(doc, 'status', '0', false); // hide fails: only the unknown remains
    expect(groups()).toEqual(['test-sg-open']);
    setCheckbox(doc, 'status', '2', true); // show passes
    expect(doc.getElementById('match-count')!.textContent).toMatch(/^2 findings/);
    setCheckbox(doc, 'status', '0', true);
    setCheckbox(doc, 'severity', 'high', false);
    expect(groups()).toEqual(['test-tls-old-protocol']);
    setCheckbox(doc, 'severity', 'high', true);
    const pack = doc.querySelector('select[name=pack]') as HTMLSelectElement;
    expect([...pack.options].map((o) => o.value)).toEqual(['', 'network', 'tls']);
    pack.value = 'tls';
    pack.dispatchEvent(new doc.defaultView!.Event('change', { bubbles: true }));
    expect(groups()).toEqual(['test-tls-old-protocol']);
    pack.value = '';
    const q = doc.querySelector('input[name=q]') as HTMLInputElement;
    q.value = 'LEGACY-bastion';
    q.dispatchEvent(new doc.defaultView!.Event('change', { bubbles: true }));
    expect(groups()).toEqual(['test-sg-open']);
    click(doc.querySelector('#groups .group .toggle'));
    const rows = [...doc.querySelectorAll('#groups tbody tr')];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Suppressed: Bastion, restricted by NACL (ticket SEC-12)');
    (doc.querySelector('input[name=suppressed]') as HTMLInputElement).click();
    expect(groups()).toEqual([]);
  });

  it('shows the rule documentation and evidence per finding when a group is opened', () => {
    const { doc } = load(html);
    const group = doc.querySelector('#groups .group[data-rule="test-sg-open"]')!;
    expect(group.querySelector('.body')!.hasAttribute('hidden')).toBe(true);
    click(group.querySelector('.toggle'));
    expect(group.querySelector('.toggle')!.getAttribute('aria-expanded')).toBe('true');
    const body = group.querySelector('.body')!;
    expect(body.textContent).toContain('Anyone on the internet can reach the ports.');
    expect(body.querySelector('.remediation')!.textContent).toContain('aws ec2 revoke-security-group-ingress');
    expect(body.textContent).toContain('https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html');
    expect(body.querySelector('a')!.getAttribute('rel')).toBe('noreferrer noopener');
    const ev = [...body.querySelectorAll('dl.evidence')].map((d) => d.textContent);
    expect(ev.some((t) => t!.includes('rule0.0.0.0/0 tcp 22'))).toBe(true);
  });

  it('embeds JSON that cannot close its script element or break on U+2028', () => {
    const nasty = { s: '</script><script>alert(1)</script><!-- & \u2028\u2029' };
    const out = scriptJson(nasty);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual(nasty);
    expect(esc(`"'<>&`)).toBe('&#34;&#39;&#60;&#62;&#38;');
  });

  it('stays small and paginates with many findings', () => {
    const n = 20_000;
    const resources = Array.from({ length: n }, (_, i) => ({
      ref: {
        provider: 'aws' as const,
        account: '123456789012',
        region: 'us-east-1',
        type: 'aws.ec2.security-group' as const,
        id: `sg-${String(i).padStart(17, '0')}`,
        name: `group-${i}`,
      },
      data: { open: i % 4 === 0 },
    }));
    const big: EvaluationResult = evaluate(
      {
        schemaVersion: SNAPSHOT_SCHEMA_VERSION,
        tool: { name: 'vigil', version: 't' },
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:00:01Z',
        scopes: [],
        resources,
        coverage: [],
      },
      [openGroupRule],
    );
    const page = renderHtml(big);
    // About 60 bytes per pass and 250 per failure (message, evidence, id) on top of a fixed ~25 kB.
    expect(page.length).toBeLessThan(25_000 + n * 0.75 * 70 + n * 0.25 * 260);
    const { doc, errors } = load(page);
    expect(errors).toEqual([]);
    click(doc.querySelector('#groups .group .toggle'));
    const tbody = () => doc.querySelectorAll('#groups tbody tr').length;
    expect(tbody()).toBe(100);
    const more = doc.querySelector('#groups button.more') as HTMLButtonElement;
    expect(more.textContent).toBe('Show 100 more (4,900 left)');
    more.click();
    expect(tbody()).toBe(200);
  });

  it('describes scopes in words: file names instead of absolute paths, TLS endpoints listed, no raw JSON', () => {
    const r = sampleResult();
    r.snapshot.scopes = [
      { provider: 'aws', account: '123456789012', regions: ['us-east-1', 'global'], detail: { partition: 'aws' } },
      { provider: 'aws', account: '999999999999', regions: ['cn-north-1'], detail: { partition: 'aws-cn' } },
      {
        provider: 'gcp',
        account: 'nw-analytics-prod',
        regions: ['europe-west1', 'global'],
        detail: { source: 'asset-export', files: ['/tmp/work/exports/resources.jsonl', 'C:\\exports\\iam.jsonl'] },
      },
      { provider: 'gcp', account: 'org-1', regions: ['global'], detail: { source: 'cloud-asset-api', scope: 'organizations/123' } },
      { provider: 'tls', account: 'tls', regions: ['global'], detail: { targets: ['127.0.0.1:8443@localhost', `${XSS}:443`] } },
    ];
    const { doc } = load(renderHtml(r));
    const items = [...doc.querySelectorAll('ul.scopes li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      'AWS 123456789012 regions: us-east-1, global',
      'AWS 999999999999 regions: cn-north-1 · partition aws-cn',
      'GCP nw-analytics-prod locations: europe-west1, global · from asset export: resources.jsonl, iam.jsonl',
      'GCP org-1 locations: global · live Cloud Asset API, scope organizations/123',
      `TLS 2 endpoints: 127.0.0.1:8443@localhost, ${XSS}:443`,
    ]);
    expect(doc.querySelector('ul.scopes')!.textContent).not.toMatch(/[{}]|\/tmp\//);
    expect(doc.querySelector('ul.scopes img')).toBeNull();
  });

  it('says which rules left checks unknown and why when no coverage gap explains them', () => {
    const { doc } = load(renderHtml(undeterminedResult()));
    const note = doc.querySelector('#summary .unknown-note')!;
    const text = note.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('2 checks could not be evaluated. They are unknown, not passed.');
    expect(text).toContain('2 because the collected data does not establish the value the rule needs');
    expect(text).toContain(
      'test-db-tls-forced ×2 (Database does not force TLS), e.g. Database db-1: whether TLS is forced cannot be established (parameter not listed).',
    );
    expect(text).not.toContain('Coverage gaps');
    expect(note.querySelector('a[href="#gaps"]')).toBeNull();
    expect(doc.getElementById('gap-list')!.textContent).toBe(
      'None: every collection step was read in full. The 2 unknown checks did not come from missing data: the Summary says which rules and why.',
    );
    // With a coverage gap, the note points to the gap table for those checks.
    const withGap = load(html).doc.querySelector('#summary .unknown-note')!;
    expect(withGap.textContent).toContain('1 because their input data could not be collected (see Coverage gaps):');
    expect(withGap.querySelector('a[href="#gaps"]')).not.toBeNull();
  });

  it('opens with a compliance overview per framework; each framework folds under its score and opens from its link', () => {
    const r = sampleResult();
    r.compliance = [r.compliance![0]!, { ...r.compliance![0]!, id: 'soc2', title: 'SOC 2 Trust Services Criteria', version: '2017', score: 0.5 }];
    const { doc } = load(renderHtml(r));
    const rows = [...doc.querySelectorAll('table.fw-overview tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent!.trim()));
    expect(rows).toEqual([
      ['HIPAA Security Rule 45 CFR 164 Subpart C', '0%', '0', '2', '0', '0', '1'],
      ['SOC 2 Trust Services Criteria 2017', '50%', '0', '2', '0', '0', '1'],
    ]);
    const soc2 = doc.getElementById('fw-soc2') as HTMLDetailsElement;
    expect(soc2.tagName).toBe('DETAILS');
    expect(soc2.open).toBe(false);
    expect(soc2.querySelector('summary')!.textContent).toContain('50%');
    click(doc.querySelector('a[data-open="fw-soc2"]'));
    expect(soc2.open).toBe(true);
    expect(doc.querySelector('nav')!.textContent).toContain('Compliance');
    // A single framework is shown open; without frameworks there is no Compliance section or link.
    expect((load(html).doc.getElementById('fw-hipaa') as HTMLDetailsElement).open).toBe(true);
    const none = sampleResult();
    none.compliance = undefined;
    const plain = load(renderHtml(none)).doc;
    expect(plain.getElementById('compliance')).toBeNull();
    expect(plain.querySelector('nav')!.textContent).not.toContain('Compliance');
  });

  it('groups evidence records that differ in one field: one exposure path listing its ports', () => {
    const r = sampleResult();
    const f = r.findings.find((x) => x.resource.id === 'sg-0001')!;
    f.evidence = {
      paths: [22, 80, 443, 8080]
        .map((port) => ({ via: 'igw-1 → rtb-1 → acl-1', group: 'sg-0001', port }))
        .concat([{ via: 'igw-2 → rtb-9', group: 'sg-0001', port: 22 }]),
    };
    const { doc } = load(renderHtml(r));
    click(doc.querySelector('#groups .group[data-rule=test-sg-open] > .toggle'));
    const items = [...doc.querySelectorAll('#groups ol.ev-records li')].map((li) => li.textContent);
    expect(items).toEqual([
      'via igw-1 → rtb-1 → acl-1 · group sg-0001 · port 22, 80, 443, 8080 (4 port values, one path)',
      'via igw-2 → rtb-9 · group sg-0001 · port 22',
    ]);
  });

  it('has a trend section only with history: score, severity and coverage charts, and what changed since the baseline', () => {
    expect(load(html).doc.getElementById('trend')).toBeNull();
    expect(html).not.toContain('href="#trend"');
    const { doc, errors } = load(renderHtml(sampleWithHistory()));
    expect(errors).toEqual([]);
    const trend = doc.getElementById('trend')!;
    expect(doc.querySelector('a[href="#trend"]')).not.toBeNull();
    expect(trend.textContent).toContain('3 runs from the history store, 2025-12-01 to 2026-01-02.');
    expect(trend.querySelector('p:nth-of-type(2)')!.textContent).toBe(
      'Since the baseline, run r2 of 2025-12-15 00:00 UTC: 1 new (show them) · 2 resolved · 1 coverage lost (not resolved).',
    );
    const charts = [...trend.querySelectorAll('figure.chart')];
    expect(charts.map((c) => c.querySelector('figcaption')!.textContent)).toEqual([
      'Compliance score per framework',
      'Open failures per severity',
      'Unknown checks and coverage gaps',
    ]);
    const [scores, open, coverage] = charts;
    if (!scores || !open || !coverage) throw new Error('three trend charts expected');
    // Scores arrive as 0..100; the null score of run 2 breaks the line: two single points, no path through the gap.
    expect(scores.querySelectorAll('circle')).toHaveLength(2);
    expect(scores.querySelectorAll('path')).toHaveLength(0);
    expect(scores.querySelector('desc')!.textContent).toBe('HIPAA Security Rule: 50%, n/a, 0%');
    expect(open.querySelectorAll('path.line')).toHaveLength(5);
    expect(open.querySelector('desc')!.textContent).toContain('high: 4, 3, 2');
    expect(coverage.querySelector('desc')!.textContent).toBe('unknown checks: 3, 0, 2; coverage gaps: 1, 0, 1');
    // "(show them)" filters the list to the new finding.
    const show = trend.querySelector('a[href^="#f:"]')!;
    expect(show.getAttribute('href')).toBe('#f:new=1&st=0%2C1');
    // The changes, listed; hostile names are text.
    const rows = (id: string) => [...doc.querySelectorAll(`#${id} tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows('trend-new')).toHaveLength(1);
    expect(rows('trend-resolved')).toEqual([
      ['high', 'test-sg-openSecurity group open', `sg-0100${XSS}`, '123456789012 / us-east-1'],
      ['high', 'test-sg-openSecurity group open', 'sg-0101', '123456789012 / us-east-1'],
    ]);
    expect(rows('trend-lost')).toEqual([['medium', `test-tls-old-protocolOld TLS ${XSS}`, 'legacy.example:443', 'tls / global']]);
    expect(doc.querySelector('#trend-lost')!.textContent).toContain('not counted as resolved');
    expect(trend.querySelector('img')).toBeNull();
  });

  it('says so on the first recorded run, and shows only the charts without a delta', () => {
    const first = sampleWithHistory();
    first.history = { trend: first.history!.trend.slice(0, 1), delta: { baselineRunId: null, newFindings: [], resolvedFindings: [], coverageLost: [] } };
    const t1 = load(renderHtml(first)).doc.getElementById('trend')!;
    expect(t1.textContent).toContain('1 run from the history store, 2025-12-01 to 2025-12-01.');
    expect(t1.textContent).toContain('This is the first run in the history store: nothing to compare with yet.');
    expect(t1.querySelectorAll('details.changes')).toHaveLength(0);
    const noDelta = sampleWithHistory();
    noDelta.history!.delta = null;
    const doc = load(renderHtml(noDelta)).doc;
    const t2 = doc.getElementById('trend')!;
    expect(t2.querySelectorAll('figure.chart')).toHaveLength(3);
    expect(t2.textContent).not.toContain('Since the baseline');
    // Without a delta, nothing is "new": the filter is not offered.
    expect(doc.getElementById('new-only')!.hidden).toBe(true);
    const empty = sampleWithHistory();
    empty.history = { trend: [], delta: null };
    expect(load(renderHtml(empty)).doc.getElementById('trend')).toBeNull();
  });

  it('scores each account and links it to the filtered list', () => {
    const { doc } = load(html);
    const rows = [...doc.querySelectorAll('table.accounts tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['AWS', '123456789012', '', '25%', '1', '2', '1', '1'],
      ['AWS', '210987654321', '', '0%', '1', '1', '0', '0'],
    ]);
    expect(doc.querySelector('table.accounts a')!.getAttribute('href')).toBe('#f:acct=aws%3A123456789012');
    const svgs = [...doc.querySelectorAll('#summary figure.chart figcaption')].map((c) => c.textContent);
    expect(svgs).toEqual(['Pass rate per framework (automated controls)', 'Open failures by severity', 'Open failures by pack', 'Coverage: collection steps']);
  });
});
