/**
 * The HTML report of 100,000 findings in headless Chromium (Debian `chromium`): file size, time from
 * navigation start until the page script has rendered the default view, and the time of a few interactions
 * (switch to the by-resource view, filter one account, sort the table). Targets: under 10 MB, usable under 2 s.
 * Run: `npx tsx bench/report-load.ts [count]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtml } from '../src/reporters/html.js';
import { launchChromium } from '../test/support/browser.js';
import { syntheticResult } from './report-size.js';

const count = process.argv[2] ? Number(process.argv[2]) : 100_000;
const dir = mkdtempSync(join(tmpdir(), 'vigil-report-load-'));
const file = join(dir, 'report.html');
const html = renderHtml(syntheticResult(count));
writeFileSync(file, html);
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(pathToFileURL(file).href + (i ? `?run=${i}` : ''));
    await page.waitForSelector('html[data-ready="1"]');
    runs.push(Number(await page.getAttribute('html', 'data-ready-ms')));
  }
  /** Milliseconds from a change to the rendered result (the page renders synchronously on `change`). */
  const timed = (fn: string) =>
    page.evaluate((code) => {
      const t0 = performance.now();
      new Function(code)();
      return performance.now() - t0;
    }, fn);
  const byResource = await timed(
    `const r = document.querySelector('input[name=view][value=resource]'); r.checked = true; r.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  const account = await timed(
    `const s = document.querySelector('select[name=acct]'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  const table = await timed(
    `const r = document.querySelector('input[name=view][value=table]'); r.checked = true; r.dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  const sort = await timed(`document.querySelector('th button.sort[data-sort=resource]').click();`);
  const allStatuses = await timed(
    `document.querySelectorAll('input[name=status]').forEach((c) => { c.checked = true; }); document.querySelector('input[name=status]').dispatchEvent(new Event('change', { bubbles: true }));`,
  );
  const median = [...runs].sort((a, b) => a - b)[1];
  if (median === undefined) throw new Error('report-load: fewer than 2 timed runs');
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  process.stdout.write(`report.html for ${count.toLocaleString('en-US')} findings: ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB (target < 10 MB)\n`);
  process.stdout.write(`  navigation start → default view rendered: ${runs.map(ms).join(', ')} (median ${ms(median)}; target < 2000 ms)\n`);
  process.stdout.write(
    `  by-resource view ${ms(byResource)} · one account ${ms(account)} · table view ${ms(table)} · sort by resource ${ms(sort)} · all statuses ${ms(allStatuses)}\n`,
  );
  process.stdout.write(`  JS heap ${(heap / 1e6).toFixed(0)} MB${errors.length ? `; page errors: ${errors.join('; ')}` : ''}\n`);
  if (errors.length) process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
