/**
 * The signal flags through the real CLI (`vigil evaluate` in a subprocess, as a user or a CronJob runs it)
 * against a local receiver on 127.0.0.1, and the history seam: `evaluateAndReport` given a HistoryContext
 * (what the history store hands over) posts the delta to the webhook and counts it in the metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parse from 'parse-prometheus-text-format';
import { main } from '../../src/cli/main.js';
import { evaluateAndReport } from '../../src/cli/pipeline.js';
import type { HistoryContext } from '../../src/engine/history-types.js';
import { loadSnapshot } from '../../src/model/schema.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { runCli } from '../support/cli.js';
import { type SignalServer, closedPort, startSignalServer } from '../support/signal-server.js';

const SNAPSHOT = join(PACKAGE_ROOT, 'examples', 'demo', 'aws-snapshot.json');
const SECRET = 'T0AAA/B0BBB/hooksecretvalue';

/** Runs the CLI in this process, capturing stderr. */
async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'vigil', ...args]), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('vigil evaluate with signals', () => {
  let server: SignalServer;
  let dir: string;
  const env = () => ({ ...process.env, NO_COLOR: '1' });

  beforeAll(async () => {
    server = await startSignalServer();
    dir = mkdtempSync(join(tmpdir(), 'vigil-signals-cli-'));
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes the metrics file and pushes them; --notify without a history store posts nothing and says so', async () => {
    const metrics = join(dir, 'textfile', 'vigil.prom');
    const r = await runCli(
      ['evaluate', SNAPSHOT, '--out', join(dir, 'out'), '--quiet', '--framework', 'soc2', '--metrics-file', metrics, '--pushgateway', server.url],
      {
        cwd: dir,
        env: { ...env(), VIGIL_NOTIFY_URL: `${server.url}/services/${SECRET}` },
      },
    );
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('--notify: no baseline to compare with')]);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
    const fams = new Map(parse(readFileSync(metrics, 'utf8')).map((f) => [f.name, f]));
    expect(fams.get('vigil_run_success')!.metrics).toEqual([{ value: '1' }]);
    expect(fams.get('vigil_run_exit_code')!.metrics).toEqual([{ value: '1' }]);
    const findings = JSON.parse(readFileSync(join(dir, 'out', 'findings.json'), 'utf8'));
    const open = fams
      .get('vigil_findings')!
      .metrics.filter((m) => m.labels?.status === 'fail')
      .reduce((n, m) => n + Number(m.value), 0);
    expect(open).toBe(Object.values(findings.summary.failuresBySeverity as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(fams.get('vigil_compliance_score_ratio')!.metrics.map((m) => m.labels?.framework)).toEqual(['soc2']);
    expect(server.received.map((q) => [q.method, q.url])).toEqual([['PUT', '/metrics/job/vigil']]);
  });

  it('a run that fails (a snapshot that does not exist) still writes its metrics: success 0, the last success kept', async () => {
    const metrics = join(dir, 'textfile', 'vigil.prom');
    const before = parse(readFileSync(metrics, 'utf8')).find((f) => f.name === 'vigil_last_success_timestamp_seconds')!.metrics[0]!.value;
    const r = await runCli(['evaluate', join(dir, 'missing.json'), '--out', join(dir, 'out'), '--metrics-file', metrics], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    const fams = new Map(parse(readFileSync(metrics, 'utf8')).map((f) => [f.name, f]));
    expect(fams.get('vigil_run_success')!.metrics).toEqual([{ value: '0' }]);
    expect(fams.get('vigil_run_exit_code')!.metrics).toEqual([{ value: '2' }]);
    expect(fams.get('vigil_last_success_timestamp_seconds')!.metrics).toEqual([{ value: before }]);
    expect(fams.has('vigil_findings')).toBe(false);
  });

  it('a Pushgateway that is down is a warning, not a failed audit; bad signal flags are usage errors before anything runs', async () => {
    const port = await closedPort();
    const r = await runCli(['evaluate', SNAPSHOT, '--out', join(dir, 'out2'), '--quiet', '--fail-on', 'none', '--pushgateway', `http://127.0.0.1:${port}/`], {
      cwd: dir,
      env: env(),
      timeoutMs: 90_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(`--pushgateway: could not push to http://127\\.0\\.0\\.1:${port}/… after 4 attempts \\(ECONNREFUSED\\); the audit goes on`),
    );
    // Flag checks, in process (`main` as bin.js calls it): each is exit 2 naming the flag, before any evaluation.
    for (const [args, msg] of [
      [['--pushgateway', 'ftp://gw/'], /only http and https/],
      [['--pushgateway', 'http://gw:9091/metrics'], /needs a job/],
      [['--notify', 'http://hook/x#frag'], /fragment/],
      [['--notify-format', 'slack'], /--notify-format without --notify/],
      [['--notify', 'http://hook/', '--notify-min-severity', 'urgent'], /unknown severity "urgent"/],
      [['--notify', 'http://hook/', '--notify-format', 'teams'], /argument 'teams' is invalid/],
    ] as const) {
      const { code, stderr } = await inProcess(['evaluate', SNAPSHOT, '--out', join(dir, 'never'), ...args]);
      expect([args, code, stderr]).toEqual([args, 2, expect.stringMatching(msg)]);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  }, 120_000);

  it('with a HistoryContext (the store seam): the delta is posted as Slack blocks and counted in the metrics', async () => {
    server.received.length = 0;
    const snapshot = await loadSnapshot(SNAPSHOT);
    const metricsFile = join(dir, 'seam.prom');
    const printed: string[] = [];
    // A first pass gives real finding ids; the history then says one failure is new and one passed since.
    const first = await evaluateAndReport(snapshot, { flags: { out: join(dir, 'seam0'), quiet: true, format: 'json' }, config: {} });
    const fail = first.result.findings.find((f) => f.status === 'fail' && (f.severity === 'critical' || f.severity === 'high'))!;
    const pass = first.result.findings.find((f) => f.status === 'pass' && f.severity === 'high')!;
    const asDelta = (f: typeof fail) => ({
      id: f.id,
      ruleId: f.ruleId,
      severity: f.severity,
      title: f.title,
      resourceId: f.resource.id,
      account: f.resource.account,
      region: f.resource.region,
    });
    const history: HistoryContext = {
      trend: [
        {
          runId: 'r1',
          startedAt: '2026-01-01T02:00:00Z',
          scores: {},
          openBySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
          unknown: 0,
          coverageGaps: 0,
        },
        {
          runId: 'r2',
          startedAt: '2026-01-02T02:00:00Z',
          scores: {},
          openBySeverity: { critical: 0, high: 2, medium: 0, low: 0, info: 0 },
          unknown: 0,
          coverageGaps: 0,
        },
      ],
      delta: { baselineRunId: 'r1', newFindings: [asDelta(fail)], resolvedFindings: [asDelta(pass)], coverageLost: [] },
    };
    const { code } = await evaluateAndReport(snapshot, {
      flags: { out: join(dir, 'seam'), quiet: true, format: 'html,json' },
      config: {},
      print: (t) => void printed.push(t),
      history,
      signals: { metricsFile, notify: { url: `${server.url}/services/${SECRET}`, format: 'slack', minSeverity: 'high' } },
    });
    expect(code).toBe(1);
    expect(server.received).toHaveLength(1);
    const body = JSON.parse(server.received[0]!.body);
    expect(body.text).toBe('Vigil: 1 new failure, 1 resolved (critical/high)');
    expect(JSON.stringify(body.blocks)).toContain(fail.resource.id);
    const fams = new Map(parse(readFileSync(metricsFile, 'utf8')).map((f) => [f.name, f]));
    expect(fams.get('vigil_new_findings')!.metrics).toContainEqual({ labels: { severity: fail.severity }, value: '1' });
    expect(fams.get('vigil_signal_delivery_failed')!.metrics).toEqual([{ labels: { signal: 'notify' }, value: '0' }]);
    // The HTML report of that run has the trend section.
    expect(readFileSync(join(dir, 'seam', 'report.html'), 'utf8')).toContain('<section id="trend">');
  });
});
