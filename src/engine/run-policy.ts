/**
 * Run-level policy, independent of the CLI: which rules a run evaluates, and what its outcome means
 * (the exit code). Never a false pass for the run as a whole: a run that assessed nothing (no check
 * passed or failed) is incomplete, whatever `--strict` says.
 */
import { ExitCode, InputError } from '../util/errors.js';
import { rulesForFrameworks, type Framework } from './frameworks.js';
import { SEVERITIES, type EvaluationResult, type Rule, type Severity } from './types.js';

export interface RuleSelection {
  /** `--rules`: only these ids (each must exist). */
  only?: string[];
  /** Frameworks given explicitly (`--framework`, `--framework-file`): only the rules they map. */
  frameworks?: Framework[];
  /** Rule ids disabled in the config. */
  disabled?: Iterable<string>;
}

/** The rules a run evaluates, out of every rule available (built-in packs and rule directories). */
export function selectRules(available: Rule[], s: RuleSelection): Rule[] {
  let rules = available;
  if (s.only) {
    const ids = new Set(available.map((r) => r.id));
    for (const id of s.only) if (!ids.has(id)) throw new InputError(`unknown rule "${id}"`, undefined, '--rules', 'run `vigil rules` for the list of rule ids');
    rules = rules.filter((r) => s.only!.includes(r.id));
  }
  if (s.frameworks?.length) {
    const needed = rulesForFrameworks(s.frameworks);
    rules = rules.filter((r) => needed.has(r.id));
  }
  const disabled = new Set(s.disabled ?? []);
  return rules.filter((r) => !disabled.has(r.id));
}

/** True when at least one check passed or failed: the run established something. */
export function assessedAnything(result: EvaluationResult): boolean {
  return result.summary.byStatus.pass + result.summary.byStatus.fail > 0;
}

/**
 * 1 when a failure (not suppressed) is at or above `failOn`; else 3 when nothing was assessed (no check
 * passed or failed: an empty or never-collected snapshot, or every check unknown), or when `strict` and
 * coverage has gaps; else 0.
 */
export function exitCode(result: EvaluationResult, failOn: Severity | 'none', strict: boolean): number {
  if (failOn !== 'none') {
    const threshold = SEVERITIES.indexOf(failOn);
    if (SEVERITIES.some((s, i) => i <= threshold && result.summary.failuresBySeverity[s] > 0)) return ExitCode.Findings;
  }
  if (!assessedAnything(result)) return ExitCode.IncompleteCollection;
  if (strict && result.snapshot.coverage.gaps.length > 0) return ExitCode.IncompleteCollection;
  return ExitCode.Ok;
}
