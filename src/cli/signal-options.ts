/**
 * `--metrics-file`, `--pushgateway`, `--notify` on `audit` and `evaluate`, checked before the run starts.
 * Webhook and gateway URLs may carry credentials (a Slack webhook's path is one), so they can come from
 * the environment (`VIGIL_NOTIFY_URL`, `VIGIL_PUSHGATEWAY_URL`, e.g. from a Kubernetes Secret) instead of
 * the command line, and are never printed whole.
 */
import { type Command, Option } from 'commander';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { NOTIFY_FORMATS, type NotifyFormat, type SignalPlan, redactUrl, sendSignals } from '../signals/index.js';
import { checkWritable } from '../util/atomic-write.js';
import { ExitCode, InputError } from '../util/errors.js';

export interface SignalFlags {
  metricsFile?: string;
  pushgateway?: string;
  notify?: string;
  notifyFormat?: string;
  notifyMinSeverity?: string;
}

export function addSignalOptions(cmd: Command): Command {
  return cmd
    .option(
      '--metrics-file <path>',
      'write Prometheus text-format metrics of the run to this file, atomically (node_exporter textfile collector: a *.prom file)',
    )
    .addOption(
      new Option(
        '--pushgateway <url>',
        'push the same metrics to a Prometheus Pushgateway (…/metrics/job/vigil is added when the URL has no /metrics/job/ path)',
      ).env('VIGIL_PUSHGATEWAY_URL'),
    )
    .addOption(
      new Option('--notify <url>', 'post new and resolved failures since the baseline (needs the history store) to this webhook').env('VIGIL_NOTIFY_URL'),
    )
    .addOption(
      new Option('--notify-format <format>', 'webhook payload: json (generic) or slack (Block Kit)').choices([...NOTIFY_FORMATS]).env('VIGIL_NOTIFY_FORMAT'),
    )
    .option('--notify-min-severity <severity>', 'lowest severity a notification lists (default high: critical and high)');
}

function checkUrl(raw: string, flag: string, env: string): URL {
  const shown = redactUrl(raw);
  const fix = `pass an http:// or https:// URL (or set ${env})`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InputError(`${shown} is not a URL`, undefined, flag, fix);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new InputError(`${shown}: only http and https are supported`, undefined, flag, fix);
  if (u.hash) throw new InputError(`${shown}: a URL fragment is never sent to the server`, undefined, flag, 'drop the #… part');
  return u;
}

/** `http://gw:9091` → `http://gw:9091/metrics/job/vigil`; a URL that names its group already is kept. */
export function pushgatewayGroupUrl(raw: string): string {
  const u = checkUrl(raw, '--pushgateway', 'VIGIL_PUSHGATEWAY_URL');
  if (u.search)
    throw new InputError(
      `${redactUrl(raw)}: the Pushgateway takes no query`,
      undefined,
      '--pushgateway',
      'pass http://HOST:9091 or http://HOST:9091/metrics/job/NAME[/LABEL/VALUE…]',
    );
  if (/\/metrics\/job(@base64)?\/[^/]+/.test(u.pathname)) return u.href.replace(/\/+$/, '');
  if (/\/metrics(\/|$)/.test(u.pathname))
    throw new InputError(
      `${redactUrl(raw)}: a Pushgateway group URL needs a job`,
      undefined,
      '--pushgateway',
      'use …/metrics/job/NAME, or only http://HOST:9091',
    );
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/metrics/job/vigil`;
  return u.href;
}

/** The signals the flags ask for; an input error (exit 2) for a bad URL, format, severity or unwritable metrics path. */
export async function planSignals(flags: SignalFlags, o: { formatFromEnv?: boolean } = {}): Promise<SignalPlan | undefined> {
  const plan: SignalPlan = {};
  if (flags.metricsFile !== undefined) {
    if (!flags.metricsFile.endsWith('.prom'))
      process.stderr.write(`vigil: note: --metrics-file ${flags.metricsFile}: node_exporter's textfile collector reads only files ending in .prom\n`);
    try {
      await checkWritable(flags.metricsFile);
    } catch (err) {
      throw new InputError(`cannot write the metrics file: ${(err as Error).message}`, flags.metricsFile, '--metrics-file', 'pass a writable file path');
    }
    plan.metricsFile = flags.metricsFile;
  }
  if (flags.pushgateway) plan.pushgateway = pushgatewayGroupUrl(flags.pushgateway);
  const min = (flags.notifyMinSeverity ?? 'high').toLowerCase();
  if (!SEVERITIES.includes(min as Severity))
    throw new InputError(`unknown severity "${flags.notifyMinSeverity}"`, undefined, '--notify-min-severity', `use one of ${SEVERITIES.join(', ')}`);
  if (flags.notify) {
    checkUrl(flags.notify, '--notify', 'VIGIL_NOTIFY_URL');
    plan.notify = { url: flags.notify, format: (flags.notifyFormat ?? 'json') as NotifyFormat, minSeverity: min as Severity };
  } else if ((flags.notifyFormat !== undefined && !o.formatFromEnv) || flags.notifyMinSeverity !== undefined) {
    // VIGIL_NOTIFY_FORMAT alone is fine (a deployment sets it next to an optional VIGIL_NOTIFY_URL); the flag alone is a mistake.
    const flag = flags.notifyFormat !== undefined && !o.formatFromEnv ? '--notify-format' : '--notify-min-severity';
    throw new InputError(`${flag} without --notify`, undefined, flag, 'add --notify URL (or set VIGIL_NOTIFY_URL), or drop the flag');
  }
  return plan.metricsFile || plan.pushgateway || plan.notify ? plan : undefined;
}

const ARMED = Symbol('vigil.signals');
type Armed = { signals?: SignalPlan; startedAtMs: number };

/**
 * Checks the signal flags and remembers them on the command, so that a run that throws later (an input
 * error, a failed organization listing) still writes its failure metrics: `main` calls
 * {@link sendFailureSignals} before it prints the error.
 */
export async function armSignals(cmd: Command, flags: SignalFlags): Promise<Armed> {
  const startedAtMs = Date.now();
  const armed: Armed = { signals: await planSignals(flags, { formatFromEnv: cmd.getOptionValueSource('notifyFormat') === 'env' }), startedAtMs };
  (cmd as Command & { [ARMED]?: Armed })[ARMED] = armed;
  return armed;
}

/** The metrics of a failed run (`vigil_run_success 0`, exit code 2, the previous last-success time kept); no notification, which needs a delta. */
export async function sendFailureSignals(cmd: Command | undefined): Promise<void> {
  const holder = cmd as (Command & { [ARMED]?: Armed }) | undefined;
  const armed = holder?.[ARMED];
  if (!holder || !armed?.signals) return;
  holder[ARMED] = undefined;
  await sendSignals({ ...armed.signals, notify: undefined }, { exitCode: ExitCode.InputError, success: false, startedAtMs: armed.startedAtMs }).catch(
    () => undefined,
  );
}
