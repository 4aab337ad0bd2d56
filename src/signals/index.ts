/**
 * Signals of a run (issue 15): the webhook notification, the Pushgateway push and the metrics file, in
 * that order, so the metrics say whether the notification (and the push) got through. A signal that cannot
 * be delivered is a warning and a metric, never a failed audit; only the metrics file, an output the user
 * asked for, is an error when it cannot be written (its path is checked before the run starts).
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { HistoryContext } from '../engine/history-types.js';
import type { EvaluationResult, Severity } from '../engine/types.js';
import { makeDir, TMP_PREFIX } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { type DeliveryOptions, type DeliveryResult, deliver, redactUrl } from './http.js';
import { LAST_SUCCESS, type SignalName, buildMetrics } from './metrics.js';
import { type NotifyFormat, notificationFor, renderNotification } from './notify.js';
import { readSampleValue, renderExposition } from './prometheus.js';

export { redactUrl } from './http.js';
export { NOTIFY_FORMATS, type NotifyFormat } from './notify.js';

export interface SignalPlan {
  /** `--metrics-file`: Prometheus text format, for node_exporter's textfile collector. */
  metricsFile?: string;
  /** `--pushgateway`: the group URL (`…/metrics/job/vigil[/label/value…]`). */
  pushgateway?: string;
  /** `--notify`: webhook URL, payload shape and the lowest severity worth a message. */
  notify?: { url: string; format: NotifyFormat; minSeverity: Severity };
  /** Retry and timeout settings (tests shorten them). */
  delivery?: DeliveryOptions;
}

export interface SignalInput {
  /** Absent when the run failed before it could evaluate. */
  result?: EvaluationResult;
  history?: HistoryContext;
  exitCode: number;
  /** The run finished with a verdict (exit 0 or 1). */
  success: boolean;
  /** `Date.now()` when the command started. */
  startedAtMs: number;
  now?: () => Date;
}

export interface SignalOutcome {
  deliveries: Partial<Record<SignalName, DeliveryResult | 'nothing-to-send'>>;
  metricsFile?: string;
}

/** Writes the metrics file so node_exporter never reads half of it: a temporary name not ending in `.prom`, synced, renamed. */
async function writeMetricsFile(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await makeDir(dir);
  const tmp = join(dir, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}-${basename(path)}.tmp`);
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

const warn = (text: string): void => void process.stderr.write(`vigil: warning: ${text}\n`);

/**
 * Pushes to the Pushgateway: PUT after a successful run (the group becomes exactly this run's metrics),
 * POST otherwise (replaces only the metrics sent, so the gateway keeps the last success time it had).
 */
export async function pushMetrics(url: string, body: string, success: boolean, o?: DeliveryOptions): Promise<DeliveryResult> {
  return deliver(url, { method: success ? 'PUT' : 'POST', headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }, body }, o);
}

/** Sends the run's signals. Failed deliveries are printed as warnings (URLs without their secrets) and recorded in the metrics. */
export async function sendSignals(plan: SignalPlan, input: SignalInput, log: (text: string) => void = warn): Promise<SignalOutcome> {
  const outcome: SignalOutcome = { deliveries: {} };
  const deliveries: Partial<Record<SignalName, boolean>> = {};
  if (plan.notify) {
    const n = notificationFor(input.history?.delta, plan.notify.minSeverity);
    if (!input.history?.delta) {
      log(`--notify: no baseline to compare with (no history store or no --baseline), so there is no change to post; nothing was sent`);
      outcome.deliveries.notify = 'nothing-to-send';
      deliveries.notify = true;
    } else if (n.empty) {
      outcome.deliveries.notify = 'nothing-to-send';
      deliveries.notify = true;
    } else {
      const body = renderNotification(n, plan.notify.format, { result: input.result });
      const r = await deliver(plan.notify.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body }, plan.delivery);
      outcome.deliveries.notify = r;
      deliveries.notify = r.ok;
      if (!r.ok)
        log(
          `--notify: could not post to ${redactUrl(plan.notify.url)} after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'} (${r.error}); the audit goes on`,
        );
    }
  }
  if (!plan.metricsFile && !plan.pushgateway) return outcome;

  const now = input.now?.() ?? new Date();
  let previousLastSuccess: number | undefined;
  if (!input.success && plan.metricsFile) {
    const old = await readFile(plan.metricsFile, 'utf8').catch(() => undefined);
    if (old !== undefined) previousLastSuccess = readSampleValue(old, LAST_SUCCESS);
  }
  const run = {
    durationSeconds: (now.getTime() - input.startedAtMs) / 1000,
    finishedAt: now,
    exitCode: input.exitCode,
    success: input.success,
    previousLastSuccess,
  };

  if (plan.pushgateway) {
    // Without a metrics file to read it back from, a failed run's push leaves the last success time out: POST keeps the gateway's own.
    const body = renderExposition(buildMetrics(input.result, input.history, { ...run, deliveries }));
    const r = await pushMetrics(plan.pushgateway, body, input.success, plan.delivery);
    outcome.deliveries.pushgateway = r;
    deliveries.pushgateway = r.ok;
    if (!r.ok)
      log(
        `--pushgateway: could not push to ${redactUrl(plan.pushgateway)} after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'} (${r.error}); the audit goes on`,
      );
  }
  if (plan.metricsFile) {
    const text = renderExposition(buildMetrics(input.result, input.history, { ...run, deliveries }));
    try {
      await writeMetricsFile(plan.metricsFile, text);
    } catch (err) {
      throw new InputError(
        `cannot write the metrics file: ${(err as Error).message}`,
        plan.metricsFile,
        '--metrics-file',
        'pass a writable path, e.g. the directory of node_exporter --collector.textfile.directory',
      );
    }
    outcome.metricsFile = plan.metricsFile;
  }
  return outcome;
}
