/**
 * The metrics of one run, for `--metrics-file` (node_exporter's textfile collector) and `--pushgateway`.
 * Every metric is a gauge describing the latest run. Series that alerts compare are always present, with
 * zeros (a severity with no failure is `0`, not missing, so `vigil_findings{status="fail",severity="critical"} > 0`
 * and its absence behave as expected); a compliance score that does not exist (no automated control was
 * assessed) is left out rather than written as NaN or 0.
 */
import type { HistoryContext, DeltaFinding } from '../engine/history-types.js';
import { SEVERITIES, type EvaluationResult, type Severity } from '../engine/types.js';
import type { ControlStatus } from '../engine/types.js';
import { TOOL_VERSION } from '../version.js';
import type { MetricFamily, Sample } from './prometheus.js';

/** The sample read back from the previous metrics file when a run does not succeed. */
export const LAST_SUCCESS = 'vigil_last_success_timestamp_seconds';

export type SignalName = 'notify' | 'pushgateway';

export interface RunInfo {
  /** Wall time of the whole command (collection, evaluation, reports), in seconds. */
  durationSeconds: number;
  /** When the run ended. */
  finishedAt: Date;
  exitCode: number;
  /** The run finished and its verdict stands (exit 0 or 1). */
  success: boolean;
  /** `vigil_last_success_timestamp_seconds` of the previous metrics, kept when this run did not succeed. */
  previousLastSuccess?: number;
  /** Outcome of each signal this run sent before the metrics were rendered (`true` = delivered). */
  deliveries?: Partial<Record<SignalName, boolean>>;
}

const STATUSES = ['pass', 'fail', 'unknown', 'not_applicable', 'suppressed'] as const;
const CONTROL_STATUSES: readonly ControlStatus[] = ['pass', 'fail', 'unknown', 'not_applicable', 'manual'];

const gauge = (name: string, help: string, samples: Sample[]): MetricFamily => ({ name, help, type: 'gauge', samples });
const seconds = (d: Date): number => Math.round(d.getTime()) / 1000;

function bySeverity(list: readonly DeltaFinding[]): Sample[] {
  const n = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of list) n.set(f.severity, (n.get(f.severity) ?? 0) + 1);
  return SEVERITIES.map((severity) => ({ labels: { severity }, value: n.get(severity) ?? 0 }));
}

/** Findings, compliance and coverage of an evaluated run. */
function resultFamilies(result: EvaluationResult): MetricFamily[] {
  const counts = new Map<string, number>();
  const key = (status: string, severity: string): string => `${status}\u0000${severity}`;
  const perAccount = new Map<string, number>();
  for (const f of result.findings) {
    const status = f.status === 'fail' && f.suppressed ? 'suppressed' : f.status;
    counts.set(key(status, f.severity), (counts.get(key(status, f.severity)) ?? 0) + 1);
    if (status === 'fail') {
      const k = `${f.resource.provider}\u0000${f.resource.account}\u0000${f.severity}`;
      perAccount.set(k, (perAccount.get(k) ?? 0) + 1);
    }
  }
  const findings = STATUSES.flatMap((status) =>
    SEVERITIES.map((severity) => ({ labels: { status, severity }, value: counts.get(key(status, severity)) ?? 0 })),
  );
  const accounts = [...new Set(result.snapshot.scopes.map((s) => `${s.provider}\u0000${s.account}`))].sort();
  const accountSamples = accounts.flatMap((a) => {
    const [provider = '', account = ''] = a.split('\u0000');
    return SEVERITIES.map((severity) => ({ labels: { provider, account, severity }, value: perAccount.get(`${a}\u0000${severity}`) ?? 0 }));
  });

  const cov = result.snapshot.coverage;
  const gapGroups = new Map<string, number>();
  for (const g of cov.gaps) {
    const k = [g.provider, g.service, g.status].join('\u0000');
    gapGroups.set(k, (gapGroups.get(k) ?? 0) + 1);
  }
  const gapSamples = [...gapGroups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, value]) => {
      const [provider = '', service = '', status = ''] = k.split('\u0000');
      return { labels: { provider, service, status }, value };
    });

  const fws = result.compliance ?? [];
  return [
    gauge(
      'vigil_findings',
      'Checks of the latest run by status (pass, fail, unknown, not_applicable; suppressed = failures a suppression accepted) and severity.',
      findings,
    ),
    gauge('vigil_account_open_findings', 'Open (unsuppressed) failures of the latest run per scanned account or project, by severity.', accountSamples),
    gauge('vigil_resources', 'Resources in the evaluated snapshot.', [{ value: result.snapshot.resourceCount }]),
    gauge('vigil_rules', 'Rules evaluated in the latest run.', [{ value: result.rules.length }]),
    gauge(
      'vigil_coverage_steps',
      'Collection steps of the latest run: read in full (ok), not applicable, or a coverage gap (checks that need them are unknown, never passed).',
      [
        { labels: { state: 'ok' }, value: cov.ok },
        { labels: { state: 'not_applicable' }, value: cov.notApplicable },
        { labels: { state: 'gap' }, value: cov.gaps.length },
      ],
    ),
    gauge(
      'vigil_coverage_gaps',
      'Coverage gaps of the latest run by provider, service and reason (denied, throttled, timeout, error, not collected).',
      gapSamples,
    ),
    gauge(
      'vigil_compliance_score_ratio',
      'Compliance score per framework, 0..1: passed / (passed + failed + unknown) automated controls. Absent when no automated control was assessed.',
      fws.filter((fw) => fw.score !== null).map((fw) => ({ labels: { framework: fw.id }, value: fw.score ?? 0 })),
    ),
    gauge(
      'vigil_framework_controls',
      'Framework controls of the latest run by status (manual = needs a person to attest).',
      fws.flatMap((fw) => CONTROL_STATUSES.map((status) => ({ labels: { framework: fw.id, status }, value: fw.counts[status] }))),
    ),
    gauge('vigil_collection_duration_seconds', 'Time the snapshot took to collect (its startedAt to finishedAt).', [
      { value: Math.max(0, (Date.parse(result.snapshot.finishedAt) - Date.parse(result.snapshot.startedAt)) / 1000) || 0 },
    ]),
  ];
}

/** What changed since the baseline run (only with a history store and a baseline). */
function deltaFamilies(history: HistoryContext): MetricFamily[] {
  const out: MetricFamily[] = [
    gauge('vigil_history_runs', 'Runs in the trend the history store returned (the current one included).', [{ value: history.trend.length }]),
  ];
  const d = history.delta;
  if (!d) return out;
  out.push(
    gauge('vigil_baseline_found', '1 when the run was compared with a baseline run, 0 when there was none yet (first run: nothing is new by comparison).', [
      { value: d.baselineRunId === null ? 0 : 1 },
    ]),
    gauge('vigil_new_findings', 'Failures new since the baseline run, by severity.', bySeverity(d.newFindings)),
    gauge('vigil_resolved_findings', 'Failures of the baseline run that pass now, by severity.', bySeverity(d.resolvedFindings)),
    gauge(
      'vigil_coverage_lost_findings',
      'Failures of the baseline run that are now unknown or not collected (coverage lost, never counted as resolved), by severity.',
      bySeverity(d.coverageLost),
    ),
  );
  return out;
}

/**
 * Every metric of a run. `result` is absent when the run failed before it had an evaluation (then only the
 * run's own metrics are written, and the last-success time is the previous one).
 */
export function buildMetrics(result: EvaluationResult | undefined, history: HistoryContext | undefined, run: RunInfo): MetricFamily[] {
  const lastSuccess = run.success ? seconds(run.finishedAt) : run.previousLastSuccess;
  const deliveries = Object.entries(run.deliveries ?? {}) as Array<[SignalName, boolean]>;
  return [
    gauge('vigil_build_info', 'Vigil version that wrote these metrics.', [{ labels: { version: TOOL_VERSION }, value: 1 }]),
    gauge('vigil_run_success', '1 when the latest run finished with a verdict (exit 0 or 1), 0 when it failed or assessed too little (exit 2 or 3).', [
      { value: run.success ? 1 : 0 },
    ]),
    gauge('vigil_run_exit_code', 'Exit code of the latest run.', [{ value: run.exitCode }]),
    gauge('vigil_run_duration_seconds', 'Wall time of the latest run (collection, evaluation and reports).', [
      { value: Math.round(run.durationSeconds * 1000) / 1000 },
    ]),
    gauge('vigil_last_run_timestamp_seconds', 'When the latest run ended (Unix time), whatever its outcome.', [{ value: seconds(run.finishedAt) }]),
    ...(lastSuccess === undefined
      ? []
      : [
          gauge(LAST_SUCCESS, 'When the last successful run ended (Unix time); kept from the previous metrics when a run fails. Alert on its age.', [
            { value: lastSuccess },
          ]),
        ]),
    ...(result ? resultFamilies(result) : []),
    ...(history ? deltaFamilies(history) : []),
    ...(deliveries.length
      ? [
          gauge(
            'vigil_signal_delivery_failed',
            '1 when a signal of the latest run could not be delivered after its retries (notify: the webhook; pushgateway: the push), 0 when it was.',
            deliveries.map(([signal, ok]) => ({ labels: { signal }, value: ok ? 0 : 1 })),
          ),
        ]
      : []),
  ];
}
