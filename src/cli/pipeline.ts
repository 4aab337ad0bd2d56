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
import { writeReports } from '../reporters/index.js';
import { renderTerminal, shouldColor } from '../reporters/terminal.js';
import { REPORT_FORMATS, type ReportFormat } from '../reporters/types.js';
import { ExitCode, InputError } from '../util/errors.js';
import { assessedAnything, exitCode, selectRules } from '../engine/run-policy.js';
import { list } from './options.js';
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
  return { formats, failOn, failOnSource, outDir, rules, frameworks, ruleOptions, severityOverrides };
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
}

/** Evaluates a snapshot, writes the reports, prints the summary and returns the exit code. */
export async function evaluateAndReport(
  snapshot: Snapshot,
  o: EvaluateAndReportOptions,
): Promise<{ code: number; result: EvaluationResult; written: string[] }> {
  const { flags, config } = o;
  const plan = o.plan ?? (await planEvaluation(flags, config, o.configFile));
  beginPhase('evaluation');
  const result = evaluate(snapshot, plan.rules, {
    ruleOptions: plan.ruleOptions,
    severityOverrides: plan.severityOverrides,
    suppressions: config.suppressions,
    now: o.now,
  });
  if (plan.frameworks.length) result.compliance = evaluateCompliance(result, plan.frameworks);
  beginPhase('reporting');
  const written = await writeReports(result, plan.outDir, plan.formats);
  const print = o.print ?? ((t: string) => process.stdout.write(t + '\n'));
  const v = verdict(result, plan.failOn, plan.failOnSource, !!flags.strict);
  if (!flags.quiet) {
    const color = shouldColor();
    const c = pc.createColors(color);
    const paint = v.code === ExitCode.Ok ? c.green : v.code === ExitCode.Findings ? c.red : c.yellow;
    print(`${renderTerminal(result, { color, outputs: written, verbose: !!flags.verbose, truncate: !!process.stdout.isTTY })}\n\n${paint(c.bold(v.line))}`);
  }
  if (!assessedAnything(result)) {
    process.stderr.write(
      'vigil: nothing was assessed (no check passed or failed): the snapshot has no resources the selected rules read, or none of them could be read. Exit 3, not a pass.\n',
    );
  }
  return { code: v.code, result, written };
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
