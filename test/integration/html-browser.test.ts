/**
 * The HTML report in a real headless Chromium (Debian `chromium` through playwright-core): it loads from a
 * file:// URL under its own Content-Security-Policy, the filters, views, sorting and URL-fragment state work
 * as a user clicks them, hostile names stay inert, and screenshots (light, dark, print) land in test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html.js';
import { XSS, sampleWithHistory } from '../reporters/fixtures.js';
import { type Browser, launchChromium, testOutputDir } from '../support/browser.js';

describe('HTML report in headless Chromium', () => {
  let browser: Browser;
  let url: string;
  const shots = testOutputDir('html-report');
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(sampleWithHistory()));
    url = pathToFileURL(file).href;
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page that records dialogs (an XSS would alert), script errors, CSP reports and every request. */
  async function open(hash = ''): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url + hash);
    await page.waitForSelector('html[data-ready="1"]');
    return page;
  }
  const visibleRows = (page: Page, sel = '#groups tbody tr') =>
    page.$$eval(sel, (trs) => trs.map((tr) => tr.querySelector('td.res div, td.rule')?.textContent ?? ''));

  it('loads with its script under the CSP, makes no request but itself, and leaves screenshots (light, dark, print)', async () => {
    const page = await open();
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator('#groups .group').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: join(shots, 'dark.png'), fullPage: true });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.locator('#filters').isVisible()).toBe(false);
    expect(await page.locator('#attest table.attest').isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'print.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('keeps hostile names inert: the payload shows as text in every view, no element or dialog comes of it', async () => {
    const page = await open('#f:view=table&st=0,1,2,3');
    expect(await page.locator('#groups td.res', { hasText: `${XSS} (sg-0001)` }).count()).toBe(1);
    for (const view of ['rule', 'resource']) {
      await page.check(`input[name=view][value=${view}]`);
      await page.click('#expand-all');
    }
    await page.click('button.ctl-ev >> nth=0');
    expect(await page.locator('img, [onerror]').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain(XSS);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the trend from the history store: three inline SVG charts, the changes since the baseline, hostile names inert', async () => {
    const page = await open('#trend');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator('#trend figure.chart svg').count()).toBe(3);
    expect(await page.locator('#trend svg path.line').count()).toBeGreaterThan(0);
    // The charts are drawn: a line has a real on-screen size (SVG under the CSP, no script needed).
    const box = await page.locator('#trend figure.chart >> nth=1').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(await page.locator('#trend').innerText()).toContain(
      'Since the baseline, run r2 of 2025-12-15 00:00 UTC: 1 new (show them) · 2 resolved · 1 coverage lost (not resolved).',
    );
    for (const id of ['trend-new', 'trend-resolved', 'trend-lost']) await page.click(`#${id} > summary`);
    expect(await page.locator('#trend-resolved tbody tr').count()).toBe(2);
    expect(await page.locator('#trend-resolved').innerText()).toContain(XSS);
    expect(await page.locator('#trend-lost').innerText()).toContain(`Old TLS ${XSS}`);
    expect(await page.locator('#trend img, #trend [onerror]').count()).toBe(0);
    await page.locator('#trend').screenshot({ path: join(shots, 'trend.png') });
    // "(show them)" opens the list filtered to what is new.
    await page.click('#trend a:has-text("(show them)")');
    await page.waitForFunction(() => location.hash.includes('new=1'));
    expect(await page.isChecked('input[name=new]')).toBe(true);
    expect(await page.textContent('#match-count')).toMatch(/^1 finding in 1 rule matches/);
    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('filters by account, region and control; the fragment carries the view, and a reload restores it', async () => {
    const page = await open();
    await page.check('input[name=view][value=resource]');
    await page.selectOption('select[name=acct]', 'aws:210987654321');
    expect(await page.locator('#groups .group').count()).toBe(1);
    expect(await page.getAttribute('#groups .group', 'data-resource')).toBe('sg-0009');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#f:view=resource&acct=aws:210987654321');
    await page.reload();
    await page.waitForSelector('html[data-ready="1"]');
    expect(await page.inputValue('select[name=acct]')).toBe('aws:210987654321');
    expect(await page.isChecked('input[name=view][value=resource]')).toBe(true);
    expect(await page.locator('#groups .group').count()).toBe(1);
    await page.click('#reset');
    await page.selectOption('select[name=region]', 'ap-south-1');
    expect(await page.textContent('#match-count')).toBe('1 finding in 1 rule matches the filters (of 6 findings).');
    await page.click('#reset');
    await page.selectOption('select[name=ctl]', { label: 'hipaa/164.312(e)(1) — Transmission security' });
    await page.check('input[name=view][value=rule]');
    expect(await page.$$eval('#groups .group', (gs) => gs.map((g) => g.getAttribute('data-rule')))).toEqual(['test-sg-open', 'test-tls-old-protocol']);
    // A summary link sets the filters through the fragment.
    await page.click('table.accounts a:has-text("123456789012")');
    await page.waitForFunction(() => location.hash.includes('acct='));
    expect(await page.inputValue('select[name=acct]')).toBe('aws:123456789012');
    expect(await page.textContent('#match-count')).toMatch(/^3 findings in 1 rule match/);
    // History: only what is new since the previous run.
    await page.click('#reset');
    await page.check('input[name=new]');
    expect(await page.textContent('#match-count')).toMatch(/^1 finding in 1 rule matches/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sorts the table by a column header, both ways, and says so to assistive technology', async () => {
    const page = await open('#f:view=table&st=0,1,2,3');
    const labels = async () => page.$$eval('#groups tbody tr td.res > div:first-child', (ds) => ds.map((d) => d.textContent!.toLowerCase()));
    await page.click('th button.sort[data-sort=resource]');
    const asc = await labels();
    expect(asc).toHaveLength(6);
    expect([...asc].sort()).toEqual(asc);
    expect(await page.getAttribute('th:has(button[data-sort=resource])', 'aria-sort')).toBe('ascending');
    await page.click('th button.sort[data-sort=resource]');
    expect(await labels()).toEqual([...asc].reverse());
    expect(await page.getAttribute('th:has(button[data-sort=resource])', 'aria-sort')).toBe('descending');
    expect(new URL(page.url()).hash).toContain('sort=resource');
    await page.click('th button.sort[data-sort=status]');
    const statuses = await page.$$eval('#groups tbody tr', (trs) => trs.map((tr) => tr.className));
    expect(statuses).toEqual([...statuses].sort());
    expect(await visibleRows(page)).toHaveLength(6);
    await page.close();
  });

  it('is usable from the keyboard: a rule group opens with Enter and shows its documentation, evidence and https links', async () => {
    const page = await open();
    await page.focus('#groups .group[data-rule=test-sg-open] > .toggle');
    await page.keyboard.press('Enter');
    const body = page.locator('#groups .group[data-rule=test-sg-open] .body');
    expect(await body.isVisible()).toBe(true);
    const link = body.locator('a[href^="https://"]');
    expect(await link.getAttribute('rel')).toBe('noreferrer noopener');
    expect(await body.locator('dl.evidence').count()).toBeGreaterThan(0);
    expect(await page.locator('#trend svg path.line').count()).toBeGreaterThan(0);
    await page.close();
  });
});
