/** Evaluation and reports of `audit`, `evaluate` and `report`: rule selection, the plan checked up front, the verdict. */
import { basename } from 'node:path';
import pc from 'picocolors';
import { builtinRules } from '../../policies/index.js';
import { type VigilConfig, checkSuppressionRules, ruleOptionsFromConfig } from '../engine/config.js';
import { evaluate } from '../engine/evaluate.js';
import { evaluateCompliance, loadFrameworks } from '../engine/frameworks.js';
import { loadRulesDir } from '../engine/load-rules.js';
import { SEVERITIES, type EvaluationResult, type Rule, type Severity } from '../engine/types.js';
import type { Snapshot } from '../model/types.js';
import { runSecrets } from '../model/redaction.js';
import { writeReports } from '../reporters/index.js';
import { renderTerminal, shouldColor } from '../reporters/terminal.js';
import { REPORT_FORMATS, type ReportFormat } from '../reporters/types.js';
import { ExitCode, InputError } from '../util/errors.js';
import { assessedAnything, exitCode, selectRules } from '../engine/run-policy.js';
import { list } from './options.js';
import { RUN_ID, fleetOf } from '../fleet/merge.js';
import type { HistoryContext } from '../engine/history-types.js';
import type { FindingsDoc } from '../engine/diff.js';
import {
  HistoryStore,
  type Retention,
  type RunSummary,
  type StoreSpec,
  checkRunId,
  historyContextFor,
  newAtOrAbove,
  newRunId,
  parseStoreUrl,
  runRecord,
} from '../history/index.js';
import { stripControls } from '../reporters/common.js';
import { type SignalPlan, sendSignals } from '../signals/index.js';

import { beginPhase } from './timings.js';

/** Flags shared by `audit` and `evaluate`. */
export interface EvaluateFlags {
  out?: string;
  format?: string;
  failOn?: string;
  strict?: boolean;
  rules?: string;
  rulesDir?: string[];
  framework?: string;
  frameworkFile?: string[];
  quiet?: boolean;
  verbose?: boolean;
  store?: string | true;
  keepRuns?: number;
  keepDays?: number;
  baseline?: string;
  failOnNew?: string;
  runId?: string;
  runIdFromSchedule?: string;
}

/** Built-in rules plus user rule directories, narrowed by config, `--rules` and `--framework` (src/engine/run-policy.ts). */
export async function selectRulesFor(
  flags: EvaluateFlags,
  config: VigilConfig,
): Promise<{ rules: Rule[]; frameworks: Awaited<ReturnType<typeof loadFrameworks>>; known: Rule[] }> {
  const known: Rule[] = [...builtinRules];
  for (const dir of [...(config.rulesDirs ?? []), ...(flags.rulesDir ?? [])]) known.push(...(await loadRulesDir(dir, known)));
  const frameworks = await loadFrameworks({
    ids: list(flags.framework) ?? config.frameworks ?? [],
    files: [...(config.frameworkFiles ?? []), ...(flags.frameworkFile ?? [])],
    rules: known,
  });
  const explicitFrameworks = list(flags.framework)?.length || flags.frameworkFile?.length;
  const rules = selectRules(known, {
    only: list(flags.rules),
    frameworks: explicitFrameworks ? frameworks : undefined,
    disabled: Object.entries(config.rules ?? {})
      .filter(([, v]) => v.enabled === false)
      .map(([k]) => k),
  });
  return { rules, frameworks, known };
}

/** Everything `evaluateAndReport` needs from flags and config, checked before any collection starts. */
export interface EvaluationPlan {
  formats: ReportFormat[];
  failOn: Severity | 'none';
  /** Where `failOn` came from, for the closing line: `--fail-on`, the config file's name, or `default`. */
  failOnSource: string;
  outDir: string;
  rules: Rule[];
  frameworks: Awaited<ReturnType<typeof loadFrameworks>>;
  ruleOptions: Record<string, Record<string, unknown>>;
  severityOverrides: Record<string, Severity>;
  /** `--store`: where the run is recorded. */
  store?: StoreSpec;
  retention: Retention;
  /** `--baseline` (`last` when only `--fail-on-new` is given). */
  baseline?: string;
  failOnNew?: Severity | 'none';
}

const SCHEDULE = /^(\d+)(m|h|d)$/;

/**
 * The run id to record under: `--run-id`, else `$VIGIL_RUN_ID`, else `--run-id-from-schedule` (the current time
 * rounded down to the interval, e.g. `scheduled-20261203T1800Z` for 1h: jobs started by one schedule tick share it),
 * else undefined (a fresh id is made when the run is recorded).
 */
export function resolveRunId(flags: EvaluateFlags, now = new Date(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (flags.runId !== undefined) return checkRunId(flags.runId, '--run-id');
  const fromEnv = env.VIGIL_RUN_ID?.trim();
  if (fromEnv) return checkRunId(fromEnv, 'VIGIL_RUN_ID');
  if (flags.runIdFromSchedule === undefined) return undefined;
  const m = SCHEDULE.exec(flags.runIdFromSchedule.trim());
  const amount = Number(m?.[1] ?? 0);
  if (!m || amount < 1)
    throw new InputError(
      `"${flags.runIdFromSchedule}" is not a schedule interval`,
      undefined,
      '--run-id-from-schedule',
      'pass e.g. 15m, 1h or 1d (the CronJob / timer interval)',
    );
  const ms = amount * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  const tick = new Date(Math.floor(now.getTime() / ms) * ms);
  return `scheduled-${tick
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\d\d\.\d+Z$/, 'Z')}`;
}

function storePlan(flags: EvaluateFlags): Pick<EvaluationPlan, 'store' | 'retention' | 'baseline' | 'failOnNew'> {
  const store = flags.store === undefined ? undefined : parseStoreUrl(flags.store);
  const needsStore = (flag: string, given: unknown) => {
    if (given !== undefined && !store) throw new InputError(`${flag} needs a history store`, undefined, flag, 'add --store (sqlite:PATH or postgres://…)');
  };
  needsStore('--keep-runs', flags.keepRuns);
  needsStore('--keep-days', flags.keepDays);
  needsStore('--baseline', flags.baseline);
  needsStore('--fail-on-new', flags.failOnNew);
  needsStore('--run-id-from-schedule', flags.runIdFromSchedule);
  let failOnNew: Severity | 'none' | undefined;
  if (flags.failOnNew !== undefined) {
    const v = flags.failOnNew.toLowerCase();
    if (v !== 'none' && !SEVERITIES.includes(v as Severity))
      throw new InputError(`unknown severity "${flags.failOnNew}"`, undefined, '--fail-on-new', `use one of ${[...SEVERITIES, 'none'].join(', ')}`);
    failOnNew = v as Severity | 'none';
  }
  if (flags.baseline !== undefined && flags.baseline !== 'last' && flags.baseline !== 'previous' && !RUN_ID.test(flags.baseline))
    throw new InputError(`"${flags.baseline}" is not a run`, undefined, '--baseline', 'pass last, previous or a run id from `vigil history list`');
  return {
    store,
    retention: { keepRuns: flags.keepRuns, keepDays: flags.keepDays },
    baseline: flags.baseline ?? (failOnNew ? 'last' : undefined),
    failOnNew,
  };
}

/**
 * Validates the evaluation and report settings (formats, --fail-on, rules, frameworks, tunables): `audit`
 * calls it before collecting, so a typo fails in a second instead of after a long collection.
 */
export async function planEvaluation(flags: EvaluateFlags, config: VigilConfig, configFile?: string): Promise<EvaluationPlan> {
  const formats = parseFormatsOrConfig(flags.format, config.output?.formats);
  const failOn = parseFailOnOrConfig(flags.failOn, config.output?.failOn);
  const failOnSource = flags.failOn ? '--fail-on' : config.output?.failOn ? `from ${configFile ? basename(configFile) : 'the config file'}` : 'default';
  const outDir = flags.out ?? config.output?.dir ?? 'vigil-out';
  const { rules, frameworks, known } = await selectRulesFor(flags, config);
  // Tunables are checked against every known rule: a rule disabled in the config, or left out by --rules or
  // --framework, is still a valid key (its options are simply unused in this run).
  const ruleOptions = ruleOptionsFromConfig(config, known, configFile);
  checkSuppressionRules(config, known, configFile);
  const severityOverrides = Object.fromEntries(
    Object.entries(config.rules ?? {})
      .filter(([, v]) => v.severity)
      .map(([k, v]) => [k, v.severity!]),
  );
  return { formats, failOn, failOnSource, outDir, rules, frameworks, ruleOptions, severityOverrides, ...storePlan(flags) };
}

export interface EvaluateAndReportOptions {
  flags: EvaluateFlags;
  config: VigilConfig;
  configFile?: string;
  /** From `planEvaluation` when the caller checked the settings up front (`audit`); computed here otherwise. */
  plan?: EvaluationPlan;
  now?: Date;
  /** Defaults to stdout. */
  print?: (text: string) => void;
  /** Scan history from the history store (trend, delta since the baseline) for the reports and signals. */
  history?: HistoryContext;
  /** `--metrics-file`, `--pushgateway`, `--notify` (src/cli/signal-options.ts), sent after the reports. */
  signals?: SignalPlan;
  /** `Date.now()` when the command started (the run duration in the metrics); default when evaluation started. */
  startedAtMs?: number;
  /** The history store, opened by the caller (`audit` opens it before collecting, so a bad URL fails first); else opened here from `--store`. */
  store?: HistoryStore;
  /** Recorded as the run's command (default `evaluate`). */
  command?: string;
  /** Recorded run id (default: `resolveRunId(flags)`, else a fresh one). */
  runId?: string;
  /** Merged fleet runs (`vigil report --run`): the shards recorded with the run. */
  shards?: { count: number; missing: number[] };
}

/** What evaluateAndReport did with the history store. */
export interface StoreOutcome {
  /** The run recorded (absent for a shard, which is recorded as a shard snapshot only). */
  runId?: string;
  shard?: { runId: string; index: number; count: number; replaced: boolean };
  removed: string[];
}

/** Opens the plan's store (creating a SQLite file), or returns undefined without `--store`. */
export async function openPlanStore(plan: EvaluationPlan): Promise<HistoryStore | undefined> {
  return plan.store ? HistoryStore.open(plan.store, { create: true }) : undefined;
}

const countBy = (items: { severity: Severity }[]): string =>
  SEVERITIES.map((s) => [s, items.filter((f) => f.severity === s).length] as const)
    .filter(([, k]) => k > 0)
    .map(([s, k]) => `${s} ${k}`)
    .join(', ');

/** The terminal lines about the store: what was recorded, and what is new since the baseline. */
function historyLines(st: StoreOutcome, store: HistoryStore, history: HistoryContext | undefined, plan: EvaluationPlan, verbose: boolean): string[] {
  const out: string[] = [];
  if (st.shard)
    out.push(
      `History: recorded shard ${st.shard.index}/${st.shard.count} of run ${stripControls(st.shard.runId)} in ${store.label}${st.shard.replaced ? ' (replacing an earlier copy of that shard)' : ''}; \`vigil report --run ${stripControls(st.shard.runId)} --store …\` merges the shards`,
    );
  if (st.runId)
    out.push(
      `History: recorded run ${stripControls(st.runId)} in ${store.label}${st.removed.length ? `; retention removed ${st.removed.length} older run(s)` : ''}`,
    );
  const d = history?.delta;
  if (plan.baseline && d) {
    if (d.baselineRunId === null) out.push(`Baseline (${plan.baseline}): no earlier run in the store, so nothing counts as new`);
    else {
      const sev = countBy(d.newFindings);
      out.push(
        `Baseline run ${stripControls(d.baselineRunId)}: ${d.newFindings.length} new failure(s)${sev ? ` (${sev})` : ''}, ${d.resolvedFindings.length} resolved, ${d.coverageLost.length} coverage lost (failing before, not evaluated now: NOT resolved)`,
      );
      const shown = verbose ? d.newFindings : d.newFindings.slice(0, 5);
      for (const f of shown)
        out.push(
          `  NEW ${f.severity.toUpperCase().padEnd(8)} ${stripControls(f.ruleId)}  ${stripControls(f.resourceName ?? f.resourceId).slice(0, 120)}${f.account ? ` [${stripControls(f.account)}${f.region && f.region !== 'global' ? ` ${stripControls(f.region)}` : ''}]` : ''}`,
        );
      if (shown.length < d.newFindings.length) out.push(`  … and ${d.newFindings.length - shown.length} more new (--verbose lists all)`);
    }
  }
  return out;
}

/**
 * With a store: records the run (or, for a fleet shard, its snapshot) and returns the history context (trend and
 * delta against the baseline). The baseline is read before the run is recorded, so retention cannot remove it first.
 */
async function recordRun(
  store: HistoryStore,
  result: EvaluationResult,
  snapshot: Snapshot,
  plan: EvaluationPlan,
  o: EvaluateAndReportOptions,
  durationMs: number,
): Promise<{ outcome: StoreOutcome; history?: HistoryContext }> {
  const fleet = fleetOf(snapshot);
  if (fleet?.shard && !o.shards) {
    // A shard is a part of a run: its snapshot waits in the store for `vigil report --run` to merge the run.
    if (plan.baseline)
      throw new InputError(
        'a shard has no baseline of its own',
        undefined,
        '--baseline',
        'pass --baseline to `vigil report --run RUN_ID`, which records the merged run',
      );
    return { outcome: { shard: await store.recordShard(snapshot), removed: [] } };
  }
  let baseline: { run: RunSummary; doc: FindingsDoc } | null = null;
  const ref = plan.baseline ?? 'last';
  const base = await store.resolve(ref, '--baseline');
  if (base) baseline = { run: base, doc: await store.findingsDoc(base) };
  const runId = o.runId ?? resolveRunId(o.flags, o.now) ?? newRunId(snapshot.startedAt);
  const { removed } = await store.record(runRecord(result, { runId, command: o.command ?? 'evaluate', durationMs, shards: o.shards }), plan.retention);
  const history = await historyContextFor(store, runId, { last: 10, baseline });
  return { outcome: { runId, removed }, history };
}

/** Marks failures new or unchanged since the baseline (findings.json, SARIF `baselineState`). */
function markBaseline(result: EvaluationResult, history: HistoryContext): void {
  const d = history.delta;
  if (!d) return;
  result.baseline = {
    runId: d.baselineRunId,
    ...(d.baselineRunId ? { startedAt: history.trend.find((t) => t.runId === d.baselineRunId)?.startedAt } : {}),
    newFailures: d.newFindings.length,
    resolved: d.resolvedFindings.length,
    coverageLost: d.coverageLost.length,
  };
  if (d.baselineRunId === null) return;
  const fresh = new Set(d.newFindings.map((f) => f.id));
  for (const f of result.findings) if (f.status === 'fail') f.baselineState = fresh.has(f.id) ? 'new' : 'unchanged';
}

/** Evaluates a snapshot, writes the reports, prints the summary and returns the exit code. */
export async function evaluateAndReport(
  snapshot: Snapshot,
  o: EvaluateAndReportOptions,
): Promise<{ code: number; result: EvaluationResult; written: string[]; history?: HistoryContext; stored?: StoreOutcome }> {
  const { flags, config } = o;
  const startedAtMs = o.startedAtMs ?? Date.now();
  const plan = o.plan ?? (await planEvaluation(flags, config, o.configFile));
  beginPhase('evaluation');
  const evalStart = Date.now();
  const result = evaluate(snapshot, plan.rules, {
    ruleOptions: plan.ruleOptions,
    severityOverrides: plan.severityOverrides,
    suppressions: config.suppressions,
    now: o.now,
  });
  if (plan.frameworks.length) result.compliance = evaluateCompliance(result, plan.frameworks);

  // The history store: the run is recorded (one transaction) before the reports are written, so that `history`
  // (trend of the last runs, delta against the baseline) is available to the reports and signals below.
  let history: HistoryContext | undefined;
  let stored: StoreOutcome | undefined;
  const store = o.store ?? (await openPlanStore(plan));
  try {
    if (store) {
      const collectionMs = Math.max(0, Date.parse(snapshot.finishedAt) - Date.parse(snapshot.startedAt)) || 0;
      const r = await recordRun(store, result, snapshot, plan, o, collectionMs + (Date.now() - evalStart));
      stored = r.outcome;
      history = r.history;
      if (history && plan.baseline) markBaseline(result, history);
    }
    if (!history) history = o.history;
    beginPhase('reporting');
    const written = await writeReports(history ? { ...result, history } : result, plan.outDir, plan.formats);
    const print = (t: string) => (o.print ?? ((x: string) => process.stdout.write(x + '\n')))(runSecrets.redact(t));
    const v =
      plan.failOnNew && history?.delta
        ? verdictOnNew(result, history, plan.failOnNew, !!flags.strict)
        : verdict(result, plan.failOn, plan.failOnSource, !!flags.strict);
    if (!flags.quiet) {
      const color = shouldColor();
      const c = pc.createColors(color);
      const paint = v.code === ExitCode.Ok ? c.green : v.code === ExitCode.Findings ? c.red : c.yellow;
      const hist = store && stored ? historyLines(stored, store, history, plan, !!flags.verbose) : [];
      print(
        `${renderTerminal(result, { color, outputs: written, verbose: !!flags.verbose, truncate: !!process.stdout.isTTY })}${hist.length ? `\n\n${hist.join('\n')}` : ''}\n\n${paint(c.bold(v.line))}`,
      );
    }
    warnIfNothingAssessed(result);
    // A run that ends with a verdict (exit 0 or 1) is a success for the metrics; exit 3 proved too little.
    if (o.signals)
      await sendSignals(o.signals, { result, history, exitCode: v.code, success: v.code === ExitCode.Ok || v.code === ExitCode.Findings, startedAtMs });
    return { code: v.code, result, written, history, stored };
  } finally {
    if (store && !o.store) await store.close();
  }
}

function warnIfNothingAssessed(result: EvaluationResult): void {
  if (!assessedAnything(result)) {
    process.stderr.write(
      'vigil: nothing was assessed (no check passed or failed): the snapshot has no resources the selected rules read, or none of them could be read. Exit 3, not a pass.\n',
    );
  }
}

/** `--fail-on-new`: exit 1 only for new failures (not suppressed) at or above the threshold; otherwise as with `--fail-on none`. */
export function verdictOnNew(result: EvaluationResult, history: HistoryContext, threshold: Severity | 'none', strict: boolean): { code: number; line: string } {
  const d = history.delta;
  const over = d && threshold !== 'none' ? newAtOrAbove(d, threshold) : [];
  const base = d?.baselineRunId ? `since run ${stripControls(d.baselineRunId)}` : 'no baseline run yet';
  if (over.length)
    return {
      code: ExitCode.Findings,
      line: `FAIL (exit 1): ${plural(over.length, 'new failure')} at or above ${threshold} ${base} (--fail-on-new ${threshold})`,
    };
  const rest = verdict(result, 'none', '--fail-on', strict);
  if (rest.code !== ExitCode.Ok) return rest;
  const open = SEVERITIES.reduce((n, s) => n + result.summary.failuresBySeverity[s], 0);
  return {
    code: ExitCode.Ok,
    line: `PASS (exit 0): no new failure at or above ${threshold} ${base} (--fail-on-new ${threshold}); ${plural(open, 'open failure')} in all`,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The exit code and the one line that says why, e.g. `FAIL (exit 1): 14 open failures at or above medium
 * (fail-on medium from vigil.config.yaml)`: a user reading a red CI job sees which setting decided it, and where it was set.
 */
export function verdict(result: EvaluationResult, failOn: Severity | 'none', source: string, strict: boolean): { code: number; line: string } {
  const code = exitCode(result, failOn, strict);
  const sev = result.summary.failuresBySeverity;
  const open = SEVERITIES.reduce((n, s) => n + sev[s], 0);
  const setting = source === 'default' ? `fail-on ${failOn}, the default` : source === '--fail-on' ? `--fail-on ${failOn}` : `fail-on ${failOn} ${source}`;
  const sup = result.summary.suppressed ? `; ${plural(result.summary.suppressed, 'suppressed failure')} not counted` : '';
  if (code === ExitCode.Findings) {
    const at = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn as Severity) + 1).reduce((n, s) => n + sev[s], 0);
    return { code, line: `FAIL (exit 1): ${plural(at, 'open failure')} at or above ${failOn} (${setting})${sup}` };
  }
  const gaps = result.snapshot.coverage.gaps.length;
  if (code === ExitCode.IncompleteCollection) {
    if (!assessedAnything(result)) return { code, line: `NOTHING ASSESSED (exit 3): no check passed or failed, so this run proves nothing (${setting})` };
    return { code, line: `INCOMPLETE (exit 3): ${plural(gaps, 'coverage gap')} and --strict; no open failure at or above ${failOn} (${setting})` };
  }
  const below =
    failOn === 'none'
      ? `${plural(open, 'open failure')}, none of which changes the exit code`
      : open
        ? `${plural(open, 'open failure')}, all below ${failOn}`
        : 'no open failure';
  const unknown = result.summary.byStatus.unknown ? `; ${plural(result.summary.byStatus.unknown, 'check')} unknown (not passed)` : '';
  return { code, line: `PASS (exit 0): ${below} (${setting})${sup}${unknown}${gaps ? `; ${plural(gaps, 'coverage gap')} (--strict would exit 3)` : ''}` };
}

function parseFormatsOrConfig(flag: string | undefined, fromConfig: string[] | undefined): ReportFormat[] {
  // The default stays the three reports; the exports (csv, ocsf, asff) are asked for by name.
  const items = list(flag) ?? fromConfig ?? ['sarif', 'html', 'json'];
  for (const f of items)
    if (!REPORT_FORMATS.includes(f as ReportFormat))
      throw new InputError(`unknown report format "${f}"`, undefined, '--format', `use a comma list of ${REPORT_FORMATS.join(', ')}`);
  return items as ReportFormat[];
}

function parseFailOnOrConfig(flag: string | undefined, fromConfig: Severity | 'none' | undefined): Severity | 'none' {
  const v = (flag ?? fromConfig ?? 'high').toLowerCase();
  if (v === 'none' || SEVERITIES.includes(v as Severity)) return v as Severity | 'none';
  throw new InputError(`unknown severity "${flag}"`, undefined, '--fail-on', `use one of ${[...SEVERITIES, 'none'].join(', ')}`);
}
