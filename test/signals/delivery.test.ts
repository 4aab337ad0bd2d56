/**
 * Sending the signals to real HTTP servers on 127.0.0.1 (a webhook receiver, a Pushgateway stand-in): retries
 * with backoff on 5xx and dropped connections, no retry on 4xx, a bound on a server that never answers, a
 * server that is down; a failed delivery is a warning naming the host only (never the webhook's secret path
 * or user info) and a metric, and the metrics file is replaced atomically and keeps the last success time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parse from 'parse-prometheus-text-format';
import { sendSignals, type SignalPlan } from '../../src/signals/index.js';
import { deliver, redactUrl } from '../../src/signals/http.js';
import { LAST_SUCCESS } from '../../src/signals/metrics.js';
import { readSampleValue } from '../../src/signals/prometheus.js';
import { sampleWithHistory } from '../reporters/fixtures.js';
import { type SignalServer, closedPort, startSignalServer } from '../support/signal-server.js';

const fast = { attemptTimeoutMs: 1000, totalTimeoutMs: 5000, maxAttempts: 3, baseDelayMs: 10 };
const SECRET = 'T000/B000/XXXXsecretXXXX';

describe('signal delivery', () => {
  let server: SignalServer;
  let dir: string;
  const logs: string[] = [];
  const log = (t: string) => void logs.push(t);

  beforeAll(async () => {
    server = await startSignalServer();
    dir = mkdtempSync(join(tmpdir(), 'vigil-signals-'));
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.received.length = 0;
    logs.length = 0;
    server.script([], 200);
  });

  it('posts the notification, pushes with PUT and writes the metrics file, all of one run', async () => {
    const input = sampleWithHistory();
    const file = join(dir, 'ok', 'vigil.prom');
    const plan: SignalPlan = {
      metricsFile: file,
      pushgateway: `${server.url.replace('//', '//vigil:s%40cret@')}/metrics/job/vigil/instance/prod`,
      notify: { url: `${server.url}/hooks/${SECRET}`, format: 'slack', minSeverity: 'medium' },
      delivery: fast,
    };
    const out = await sendSignals(plan, { result: input, history: input.history, exitCode: 1, success: true, startedAtMs: Date.now() - 2000 }, log);
    expect(logs).toEqual([]);
    expect(server.received.map((r) => [r.method, r.url])).toEqual([
      ['POST', `/hooks/${SECRET}`],
      ['PUT', '/metrics/job/vigil/instance/prod'],
    ]);
    const [hook, push] = server.received;
    expect(hook!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(hook!.body).text).toBe('Vigil: 1 new failure, 2 resolved, 1 no longer checked (critical/high/medium)');
    expect(push!.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    // User info in the URL is sent as Basic authorization (fetch itself refuses such URLs).
    expect(push!.headers.authorization).toBe(`Basic ${Buffer.from('vigil:s@cret').toString('base64')}`);
    expect(hook!.headers.authorization).toBeUndefined();
    // The push parses as the format and carries the same findings as the file (the file adds the push's outcome).
    const pushed = new Map(parse(push!.body).map((f) => [f.name, f]));
    const written = new Map(parse(readFileSync(file, 'utf8')).map((f) => [f.name, f]));
    expect(pushed.get('vigil_findings')).toEqual(written.get('vigil_findings'));
    expect(pushed.get('vigil_new_findings')).toEqual(written.get('vigil_new_findings'));
    expect(written.get('vigil_signal_delivery_failed')!.metrics).toEqual([
      { labels: { signal: 'notify' }, value: '0' },
      { labels: { signal: 'pushgateway' }, value: '0' },
    ]);
    expect(Number(written.get('vigil_run_duration_seconds')!.metrics[0]!.value)).toBeGreaterThanOrEqual(2);
    expect(out.metricsFile).toBe(file);
    // Nothing but the file itself is left in the directory (the temporary name never ends in .prom).
    expect(readdirSync(join(dir, 'ok'))).toEqual(['vigil.prom']);
  });

  it('retries a 500 and a dropped connection with backoff, then delivers', async () => {
    server.script([500, 'reset'], 200);
    const r = await deliver(`${server.url}/hook`, { method: 'POST', headers: {}, body: '{}' }, fast);
    expect(r).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(server.received).toHaveLength(3);
  });

  it('honours Retry-After within the time budget, and never retries a 4xx', async () => {
    const waits: number[] = [];
    server.script([{ status: 429, headers: { 'retry-after': '1' } }], 200);
    const r = await deliver(`${server.url}/hook`, { method: 'POST', headers: {}, body: '{}' }, { ...fast, sleep: async (ms) => void waits.push(ms) });
    expect(r.ok).toBe(true);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    server.received.length = 0;
    server.script([], 404);
    expect(await deliver(`${server.url}/hook`, { method: 'POST', headers: {}, body: '{}' }, fast)).toEqual({
      ok: false,
      attempts: 1,
      status: 404,
      error: 'HTTP 404',
    });
    expect(server.received).toHaveLength(1);
  });

  it('gives up on a server that never answers within the time bound', async () => {
    server.script([], 'hang');
    const t0 = process.hrtime.bigint();
    const r = await deliver(
      `${server.url}/hook`,
      { method: 'POST', headers: {}, body: '{}' },
      { attemptTimeoutMs: 200, totalTimeoutMs: 1000, maxAttempts: 10, baseDelayMs: 10 },
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/timed out/);
    // Bounded by the total budget, not by ten attempts' worth of waiting (generous margin: no wall-clock assertion of speed).
    expect(ms).toBeLessThan(10_000);
    expect(server.received.length).toBeGreaterThanOrEqual(1);
    server.script([], 200);
  });

  it('a webhook that is down or keeps failing: a warning without the secret, a metric, and the rest still sent', async () => {
    const port = await closedPort();
    const input = sampleWithHistory();
    const file = join(dir, 'down.prom');
    const hookUrl = `https://user:pa55word@127.0.0.1:${port}/services/${SECRET}?token=abc`;
    const plan: SignalPlan = {
      metricsFile: file,
      pushgateway: `${server.url}/metrics/job/vigil`,
      notify: { url: hookUrl.replace('https', 'http'), format: 'json', minSeverity: 'high' },
      delivery: fast,
    };
    await sendSignals(plan, { result: input, history: input.history, exitCode: 0, success: true, startedAtMs: Date.now() }, log);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      new RegExp(`^--notify: could not post to http://127\\.0\\.0\\.1:${port}/… after 3 attempts \\(ECONNREFUSED\\); the audit goes on$`),
    );
    for (const secret of [SECRET, 'pa55word', 'user', 'token']) expect(logs.join('\n')).not.toContain(secret);
    const fams = new Map(parse(readFileSync(file, 'utf8')).map((f) => [f.name, f]));
    expect(fams.get('vigil_signal_delivery_failed')!.metrics).toContainEqual({ labels: { signal: 'notify' }, value: '1' });
    // The push went out anyway, and says the notification failed.
    expect(server.received.map((r) => r.method)).toEqual(['PUT']);
    expect(server.received[0]!.body).toContain('vigil_signal_delivery_failed{signal="notify"} 1');

    // A receiver answering 500 every time: retried, then given up; a Pushgateway answering 500 too.
    logs.length = 0;
    server.received.length = 0;
    server.script([], 500);
    await sendSignals(
      { ...plan, notify: { url: `${server.url}/services/${SECRET}`, format: 'slack', minSeverity: 'high' } },
      { result: input, history: input.history, exitCode: 0, success: true, startedAtMs: Date.now() },
      log,
    );
    expect(logs).toEqual([
      `--notify: could not post to ${server.url}/… after 3 attempts (HTTP 500); the audit goes on`,
      `--pushgateway: could not push to ${server.url}/… after 3 attempts (HTTP 500); the audit goes on`,
    ]);
    expect(server.received).toHaveLength(6);
    const again = readFileSync(file, 'utf8');
    expect(again).toContain('vigil_signal_delivery_failed{signal="notify"} 1');
    expect(again).toContain('vigil_signal_delivery_failed{signal="pushgateway"} 1');
  });

  it('posts nothing without a delta (says so) or when nothing changed; a failed run keeps the last success time and pushes with POST', async () => {
    const input = sampleWithHistory();
    const file = join(dir, 'keep.prom');
    const plan: SignalPlan = {
      metricsFile: file,
      pushgateway: `${server.url}/metrics/job/vigil`,
      notify: { url: `${server.url}/hook`, format: 'json', minSeverity: 'high' },
      delivery: fast,
    };
    const t1 = new Date('2026-01-02T00:00:00Z');
    await sendSignals(plan, { result: input, exitCode: 0, success: true, startedAtMs: t1.getTime(), now: () => t1 }, log);
    expect(logs).toEqual(['--notify: no baseline to compare with (no history store or no --baseline), so there is no change to post; nothing was sent']);
    expect(server.received.map((r) => r.method)).toEqual(['PUT']);
    expect(readSampleValue(readFileSync(file, 'utf8'), LAST_SUCCESS)).toBe(t1.getTime() / 1000);

    logs.length = 0;
    server.received.length = 0;
    const quiet = { ...input.history!, delta: { baselineRunId: 'r2', newFindings: [], resolvedFindings: [], coverageLost: [] } };
    const t2 = new Date('2026-01-03T00:00:00Z');
    await sendSignals(plan, { result: input, history: quiet, exitCode: 3, success: false, startedAtMs: t2.getTime(), now: () => t2 }, log);
    expect(logs).toEqual([]);
    expect(server.received.map((r) => r.method)).toEqual(['POST']);
    const text = readFileSync(file, 'utf8');
    expect(readSampleValue(text, LAST_SUCCESS)).toBe(t1.getTime() / 1000);
    expect(readSampleValue(text, 'vigil_last_run_timestamp_seconds')).toBe(t2.getTime() / 1000);
    expect(readSampleValue(text, 'vigil_run_success')).toBe(0);
  });

  it('writes an unwritable metrics path as an input error, and redacts every URL it prints', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    await expect(sendSignals({ metricsFile: join(dir, 'a-file', 'm.prom') }, { exitCode: 0, success: true, startedAtMs: Date.now() }, log)).rejects.toThrow(
      /cannot write the metrics file/,
    );
    expect(redactUrl('https://hooks.slack.com/services/T/B/secret')).toBe('https://hooks.slack.com/…');
    expect(redactUrl('http://u:p@gw:9091')).toBe('http://gw:9091/…');
    expect(redactUrl('http://gw:9091')).toBe('http://gw:9091');
    expect(redactUrl('not a url')).toBe('(an invalid URL)');
  });
});
