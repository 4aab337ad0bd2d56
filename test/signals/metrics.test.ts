/**
 * The Prometheus exposition of a run, read back with a real parser of the format
 * (`parse-prometheus-text-format`, a port of the Prometheus Python client's parser), not by string compares:
 * every family has HELP and TYPE, hostile label values survive escaping, the counts match the evaluation.
 */
import { describe, expect, it } from '@jest/globals';
import parse, { type ParsedFamily } from 'parse-prometheus-text-format';
import { buildMetrics, LAST_SUCCESS } from '../../src/signals/metrics.js';
import { escapeHelp, escapeLabelValue, readSampleValue, renderExposition } from '../../src/signals/prometheus.js';
import { sampleResult, sampleWithHistory } from '../reporters/fixtures.js';

const finished = new Date('2026-01-02T03:10:05.250Z');
const run = { durationSeconds: 12.3456, finishedAt: finished, exitCode: 1, success: true };

function families(text: string): Map<string, ParsedFamily> {
  return new Map(parse(text).map((f) => [f.name, f]));
}
/** The value of the sample with exactly these labels. */
function value(fams: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const f = fams.get(name);
  const m = f?.metrics.find((s) => JSON.stringify(Object.entries(s.labels ?? {}).sort()) === JSON.stringify(Object.entries(labels).sort()));
  return m?.value === undefined ? undefined : Number(m.value);
}

describe('Prometheus text format', () => {
  it('escapes label values and HELP text as the format requires, and a parser reads them back intact', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeHelp('line\\one\ntwo "q"')).toBe('line\\\\one\\ntwo "q"');
    const hostile = 'x"} 1\nvigil_fake{a="b\\';
    const text = renderExposition([
      { name: 'vigil_test', help: 'Help with \\ and\nnewline', type: 'gauge', samples: [{ labels: { framework: hostile }, value: 1 }, { value: 2 }] },
    ]);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').filter((l) => l.startsWith('vigil_fake'))).toEqual([]);
    const [f] = parse(text);
    expect(f).toMatchObject({ name: 'vigil_test', type: 'GAUGE', help: 'Help with \\ and\nnewline' });
    expect(f!.metrics).toEqual([{ labels: { framework: hostile }, value: '1' }, { value: '2' }]);
  });

  it('rejects invalid names and duplicate series instead of writing a file a scrape would drop', () => {
    expect(() => renderExposition([{ name: 'vigil-bad', help: '', type: 'gauge', samples: [] }])).toThrow(/invalid metric name/);
    expect(() => renderExposition([{ name: 'vigil_x', help: '', type: 'gauge', samples: [{ labels: { 'bad-label': 'v' }, value: 1 }] }])).toThrow(
      /invalid label name/,
    );
    expect(() => renderExposition([{ name: 'vigil_x', help: '', type: 'gauge', samples: [{ labels: { __name__: 'v' }, value: 1 }] }])).toThrow(
      /invalid label name/,
    );
    expect(() =>
      renderExposition([
        {
          name: 'vigil_x',
          help: '',
          type: 'gauge',
          samples: [
            { labels: { a: '1', b: '2' }, value: 1 },
            { labels: { b: '2', a: '1' }, value: 2 },
          ],
        },
      ]),
    ).toThrow(/given twice/);
    const fam = { name: 'vigil_x', help: '', type: 'gauge' as const, samples: [] };
    expect(() => renderExposition([fam, fam])).toThrow(/given twice/);
  });

  it('reads one unlabelled sample back from an earlier file', () => {
    const text = renderExposition(buildMetrics(sampleResult(), undefined, run));
    expect(readSampleValue(text, LAST_SUCCESS)).toBe(finished.getTime() / 1000);
    expect(readSampleValue('# HELP x\nvigil_last_success_timestamp_seconds_other 5\n', LAST_SUCCESS)).toBeUndefined();
    expect(readSampleValue('garbage', LAST_SUCCESS)).toBeUndefined();
  });
});

describe('run metrics', () => {
  it('counts findings by status and severity, with zeros, and every family has HELP and TYPE gauge', () => {
    const result = sampleResult();
    const text = renderExposition(buildMetrics(result, undefined, run));
    const fams = families(text);
    for (const f of fams.values()) {
      expect(f.name).toMatch(/^vigil_/);
      expect(f.type).toBe('GAUGE');
      expect(f.help.length).toBeGreaterThan(10);
    }
    const count = (status: string, severity: string) =>
      result.findings.filter(
        (f) =>
          (status === 'suppressed' ? f.status === 'fail' && f.suppressed : f.status === status && !(f.status === 'fail' && f.suppressed)) &&
          f.severity === severity,
      ).length;
    for (const status of ['pass', 'fail', 'unknown', 'not_applicable', 'suppressed'])
      for (const severity of ['critical', 'high', 'medium', 'low', 'info'])
        expect([status, severity, value(fams, 'vigil_findings', { status, severity })]).toEqual([status, severity, count(status, severity)]);
    // The sample has a suppressed failure and open ones: both visible, neither mixed into the other.
    expect(value(fams, 'vigil_findings', { status: 'suppressed', severity: 'high' })).toBeGreaterThan(0);
    const openHigh = result.summary.failuresBySeverity.high;
    expect(value(fams, 'vigil_findings', { status: 'fail', severity: 'high' })).toBe(openHigh);
    expect(value(fams, 'vigil_run_success')).toBe(1);
    expect(value(fams, 'vigil_run_exit_code')).toBe(1);
    expect(value(fams, 'vigil_run_duration_seconds')).toBe(12.346);
    expect(value(fams, LAST_SUCCESS)).toBe(1767323405.25);
    expect(value(fams, 'vigil_last_run_timestamp_seconds')).toBe(1767323405.25);
    expect(value(fams, 'vigil_resources')).toBe(result.snapshot.resourceCount);
  });

  it('has compliance per framework, coverage gaps per service, and open failures per account', () => {
    const result = sampleResult();
    const fams = families(renderExposition(buildMetrics(result, undefined, run)));
    const fw = result.compliance![0]!;
    expect(value(fams, 'vigil_compliance_score_ratio', { framework: fw.id })).toBe(fw.score);
    for (const status of ['pass', 'fail', 'unknown', 'not_applicable', 'manual'] as const)
      expect(value(fams, 'vigil_framework_controls', { framework: fw.id, status })).toBe(fw.counts[status]);
    const gaps = result.snapshot.coverage.gaps;
    expect(gaps.length).toBeGreaterThan(0);
    const gapSum = fams.get('vigil_coverage_gaps')!.metrics.reduce((n, m) => n + Number(m.value), 0);
    expect(gapSum).toBe(gaps.length);
    expect(value(fams, 'vigil_coverage_steps', { state: 'gap' })).toBe(gaps.length);
    const g = gaps[0]!;
    expect(value(fams, 'vigil_coverage_gaps', { provider: g.provider, service: g.service, status: g.status })).toBeGreaterThan(0);
    const acct = fams.get('vigil_account_open_findings')!.metrics;
    const open = result.findings.filter((f) => f.status === 'fail' && !f.suppressed && f.resource.account === '123456789012').length;
    const got = acct.filter((m) => m.labels?.account === '123456789012').reduce((n, m) => n + Number(m.value), 0);
    expect(got).toBe(open);
  });

  it('leaves a score out when nothing was assessed, rather than NaN or 0', () => {
    const result = sampleResult();
    result.compliance![0]!.score = null;
    const fams = families(renderExposition(buildMetrics(result, undefined, run)));
    expect(fams.get('vigil_compliance_score_ratio')!.metrics).toEqual([]);
    expect(value(fams, 'vigil_framework_controls', { framework: result.compliance![0]!.id, status: 'pass' })).toBeDefined();
  });

  it('counts new, resolved and coverage lost by severity when the history store gave a delta', () => {
    const input = sampleWithHistory();
    const fams = families(renderExposition(buildMetrics(input, input.history, run)));
    expect(value(fams, 'vigil_history_runs')).toBe(3);
    expect(value(fams, 'vigil_baseline_found')).toBe(1);
    const newSev = input.history!.delta!.newFindings[0]!.severity;
    expect(value(fams, 'vigil_new_findings', { severity: newSev })).toBe(1);
    expect(value(fams, 'vigil_resolved_findings', { severity: 'high' })).toBe(2);
    expect(value(fams, 'vigil_resolved_findings', { severity: 'critical' })).toBe(0);
    expect(value(fams, 'vigil_coverage_lost_findings', { severity: 'medium' })).toBe(1);
    // Without a store there is no delta family at all (not zeros that would read as "nothing new").
    const plain = families(renderExposition(buildMetrics(input, undefined, run)));
    expect(plain.has('vigil_new_findings')).toBe(false);
  });

  it('keeps the previous last-success time on a failed run, and records failed deliveries', () => {
    const fams = families(
      renderExposition(
        buildMetrics(undefined, undefined, {
          ...run,
          success: false,
          exitCode: 2,
          previousLastSuccess: 1767000000,
          deliveries: { notify: false, pushgateway: true },
        }),
      ),
    );
    expect(value(fams, 'vigil_run_success')).toBe(0);
    expect(value(fams, 'vigil_run_exit_code')).toBe(2);
    expect(value(fams, LAST_SUCCESS)).toBe(1767000000);
    expect(value(fams, 'vigil_signal_delivery_failed', { signal: 'notify' })).toBe(1);
    expect(value(fams, 'vigil_signal_delivery_failed', { signal: 'pushgateway' })).toBe(0);
    expect(fams.has('vigil_findings')).toBe(false);
    // A first run that fails has no last success to report.
    const none = families(renderExposition(buildMetrics(undefined, undefined, { ...run, success: false })));
    expect(none.has(LAST_SUCCESS)).toBe(false);
  });
});
