/**
 * Compliance framework packs (frameworks/*.yaml): loading, validation and evaluation.
 *
 * A pack owns the control → rule mapping (rules carry no framework field). Evaluation is a pure
 * function of an {@link EvaluationResult}:
 *
 * - per mapped rule: `fail` if any finding of the rule fails (suppressed failures excepted, see below);
 *   else `unknown` if any finding is unknown (coverage gap, rule error); else `pass` if any passes;
 *   else `not_applicable` (every finding not applicable, or no finding at all: no resource of its types
 *   in the snapshot, which the rule's `note` says). A rule the run did not evaluate at all (filtered
 *   out by `--rules`, disabled in the config) is `unknown` with a note: nothing was checked, so it can
 *   never count as a pass.
 * - per control: `manual` when it lists no rule; else `fail` if any rule fails; else `unknown` if any is
 *   unknown; else `pass` when its rules pass or are not applicable and at least one passes; else
 *   `not_applicable`. That last case departs from a literal reading of "pass when all pass or are not
 *   applicable" on purpose: a control none of whose checks passed (every finding not applicable, e.g.
 *   `gcp-iam-external-member` without `allowedDomains`, or no finding at all: the AWS controls of a
 *   GCP-only audit, the TLS controls when no endpoint was probed) has no evidence, and counting it as
 *   passed would be a false pass that inflates the score (on the GCP test export, PCI DSS would read 51 %
 *   instead of 0 %). Such controls are shown, and counted apart from the score, as not applicable.
 * - suppressed failures (config suppressions with a justification, not expired) do not fail a control:
 *   they count as accepted exceptions, like a pass, and are listed in `suppressedFindingIds` (and in the
 *   rule's `suppressed` count, not in `counts.fail`) so the report shows them beside the control.
 * - score = passed / (passed + failed + unknown); manual and not-applicable controls are counted apart;
 *   `null` when that denominator is 0.
 */
import type { ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeAjvError, jsonPath, plainAjv } from '../model/schema.js';
import { lazy } from '../util/lazy.js';
import { InputError } from '../util/errors.js';
import { parseYaml, type ParsedYaml } from '../util/yaml.js';
import { PACKAGE_ROOT } from '../version.js';
import type { ControlResult, ControlRuleResult, ControlStatus, EvaluationResult, Finding, FrameworkResult, StatusCounts } from './types.js';

/** A rule that evidences a control, and why. */
export interface FrameworkRuleRef {
  id: string;
  /** One line: why this rule evidences the control. */
  rationale: string;
}

/** One control of a framework: automated (`rules`) or `manual` (a person attests it; `rationale` says what). */
export interface FrameworkControl {
  /** The standard's identifier, e.g. `164.312(e)(1)`, `CC6.6`, `8.3.6`. */
  id: string;
  title: string;
  description: string;
  rules?: FrameworkRuleRef[];
  manual?: true;
  /** Manual controls: what a person must attest. */
  rationale?: string;
}

/** A framework pack, as in `frameworks/framework.schema.json`. */
export interface Framework {
  id: string;
  title: string;
  version: string;
  /** URL of the standard. */
  source: string;
  description: string;
  controls: FrameworkControl[];
  /** File the pack was loaded from (not part of the YAML). */
  file?: string;
}

/** Directory of the built-in packs and their schema. */
export const FRAMEWORKS_DIR = join(PACKAGE_ROOT, 'frameworks');
/** The built-in packs, listed explicitly (a meta test checks the list against the folder). */
export const BUILTIN_FRAMEWORK_FILES: readonly string[] = [
  'hipaa.yaml',
  'soc2.yaml',
  'pci-dss-4.0.yaml',
  'cis-aws-foundations.yaml',
  'cis-gcp-foundations.yaml',
];
export const FRAMEWORK_SCHEMA_FILE = join(FRAMEWORKS_DIR, 'framework.schema.json');

const FIX = 'see frameworks/README.md and frameworks/framework.schema.json for the format';

const frameworkValidator = lazy(() => plainAjv().compile(JSON.parse(readFileSync(FRAMEWORK_SCHEMA_FILE, 'utf8')) as Record<string, unknown>));
function validateFramework(value: unknown): ErrorObject | undefined {
  const validator = frameworkValidator();
  return validator(value) ? undefined : validator.errors![0];
}

/** Error texts that say what to do, for the schema's own structure. */
function describeFrameworkError(e: ErrorObject): string {
  const p = e.schemaPath;
  if (p.endsWith('/else/required'))
    return 'no `rules` and no `manual: true`: list at least one rule, or mark it `manual: true` with a `rationale` saying what a person must attest';
  if (p.endsWith('/then/required')) return 'manual control has no `rationale`: say what a person must attest';
  if (p.includes('/then/properties/rules')) return 'a manual control cannot also list rules: drop `manual: true` or the rules';
  if (p.includes('/else/properties/rationale')) return 'a control-level `rationale` is only for manual controls: put one on each rule instead';
  if (e.keyword === 'const' && e.instancePath.endsWith('/manual')) return '`manual` can only be `true`: omit it for an automated control';
  if (e.keyword === 'minItems' && e.instancePath.endsWith('/rules'))
    return 'empty `rules`: an automated control must list at least one rule (or be `manual: true`)';
  if (e.keyword === 'pattern' && /\/rationale$|\/title$/.test(e.instancePath)) return 'must be a single line';
  if (e.keyword === 'pattern' && /\/rules\/\d+\/id$/.test(e.instancePath)) return 'rule ids are kebab-case (e.g. aws-sg-open-admin-port)';
  if (e.keyword === 'pattern' && /^\/controls\/\d+\/id$/.test(e.instancePath)) return 'control ids contain no spaces or slashes';
  if (e.keyword === 'pattern' && e.instancePath === '/id') return 'framework ids are lower-case letters, digits, dots and dashes (e.g. pci-dss-4.0)';
  if (e.keyword === 'pattern' && e.instancePath === '/source') return 'must be an http(s) URL';
  if (e.keyword === 'if') return 'is invalid';
  return describeAjvError(e);
}

function at(parsed: ParsedYaml, instancePath: string): string {
  const where = parsed.placeOf(instancePath);
  return `${jsonPath(instancePath)}${where ? ` (${where})` : ''}`;
}

/** Levenshtein distance, for "did you mean" hints on rule and framework ids. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min(tmp + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

function closest(id: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(id, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

export interface ParseFrameworkOptions {
  /** Rules that exist (built-in plus user rules). When given, a control naming any other rule is an error. */
  rules?: Iterable<{ id: string } | string>;
}

/**
 * Parses and validates a framework pack's YAML text. Throws {@link InputError} naming the file, the JSON path
 * with line and column, and the problem: YAML syntax, schema violations, duplicate control ids, a rule
 * listed twice in one control, and (with `options.rules`) rules that do not exist.
 */
export function parseFramework(text: string, file: string, options: ParseFrameworkOptions = {}): Framework {
  const parsed = parseYaml(text, file, FIX);
  if (parsed.value === null || parsed.value === undefined) throw new InputError('empty framework file', file, undefined, FIX);
  const e = validateFramework(parsed.value);
  if (e) {
    // Point unknown properties at the property itself rather than at the object that holds it.
    const path =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`
        : e.instancePath;
    throw new InputError(`${controlLabel(parsed.value, path)}${describeFrameworkError(e)}`, file, at(parsed, path), FIX);
  }
  const fw = parsed.value as Framework;

  const seen = new Map<string, number>();
  fw.controls.forEach((c, i) => {
    const first = seen.get(c.id);
    if (first !== undefined)
      throw new InputError(
        `duplicate control id "${c.id}" (first at $.controls[${first}])`,
        file,
        at(parsed, `/controls/${i}/id`),
        'give every control a unique id',
      );
    seen.set(c.id, i);
    const ruleSeen = new Set<string>();
    (c.rules ?? []).forEach((r, j) => {
      if (ruleSeen.has(r.id))
        throw new InputError(
          `control "${c.id}" lists rule "${r.id}" twice`,
          file,
          at(parsed, `/controls/${i}/rules/${j}/id`),
          'list each rule once per control',
        );
      ruleSeen.add(r.id);
    });
  });

  if (options.rules) {
    const known = new Set([...options.rules].map((r) => (typeof r === 'string' ? r : r.id)));
    fw.controls.forEach((c, i) =>
      (c.rules ?? []).forEach((r, j) => {
        if (known.has(r.id)) return;
        const hint = closest(r.id, known);
        throw new InputError(
          `control "${c.id}": unknown rule "${r.id}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          file,
          at(parsed, `/controls/${i}/rules/${j}/id`),
          'run `vigil rules` for the list of rule ids (rules from --rules-dir count too)',
        );
      }),
    );
  }
  return { ...fw, file };
}

function controlLabel(value: unknown, instancePath: string): string {
  const m = /^\/controls\/(\d+)(?:\/|$)/.exec(instancePath);
  const c = m ? (value as { controls?: { id?: unknown }[] }).controls?.[Number(m[1])] : undefined;
  return c && typeof c.id === 'string' ? `control "${c.id}": ` : '';
}

/** Reads and validates one framework file (see {@link parseFramework}). */
export function loadFramework(file: string, options: ParseFrameworkOptions = {}): Framework {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read framework file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      file,
      undefined,
      'check the --framework-file path',
    );
  }
  return parseFramework(text, file, options);
}

/** Ids of the built-in packs: each pack's id equals its file name (checked by test/meta/frameworks.test.ts). */
export function builtinFrameworkIds(): string[] {
  return BUILTIN_FRAMEWORK_FILES.map((f) => basename(f, '.yaml'));
}

/** Every built-in pack (hipaa, soc2, pci-dss-4.0), loaded and validated (rule references not checked). */
export function listBuiltinFrameworks(): Framework[] {
  return BUILTIN_FRAMEWORK_FILES.map((f) => loadFramework(join(FRAMEWORKS_DIR, f)));
}

export interface LoadFrameworksOptions {
  /** Built-in framework ids (`hipaa`, `soc2`, `pci-dss-4.0`; `all` for every one). Entries may be comma lists. */
  ids?: readonly string[];
  /** User framework files (same schema); always loaded. */
  files?: readonly string[];
  /** Rules that exist; every rule a loaded framework references must be among them. */
  rules?: Iterable<{ id: string } | string>;
}

/**
 * Loads the selected built-in frameworks plus user framework files. Unknown ids and duplicate framework ids
 * are {@link InputError}s; with `rules`, so is any reference to a rule that does not exist.
 */
export function loadFrameworks(options: LoadFrameworksOptions = {}): Framework[] {
  const rules = options.rules ? [...options.rules] : undefined;
  const ids = (options.ids ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Framework[] = [];
  if (ids.length) {
    const available = builtinFrameworkIds();
    const wanted = ids.includes('all') ? available : [...new Set(ids)];
    for (const id of wanted) {
      if (!available.includes(id)) {
        const hint = closest(id, available);
        throw new InputError(
          `unknown framework "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
          undefined,
          '--framework',
          `use one or more of: ${available.join(', ')} (or all); add your own with --framework-file`,
        );
      }
      out.push(loadFramework(join(FRAMEWORKS_DIR, `${id}.yaml`), { rules }));
    }
  }
  for (const file of options.files ?? []) {
    const fw = loadFramework(file, { rules });
    const clash = out.find((f) => f.id === fw.id);
    if (clash)
      throw new InputError(
        `framework id "${fw.id}" is already used by ${clash.file ? basename(clash.file) : 'another framework'}`,
        file,
        '$.id',
        'give your framework its own id',
      );
    out.push(fw);
  }
  return out;
}

/** Every rule id the frameworks map (for `--framework`: run only what the packs need). */
export function rulesForFrameworks(frameworks: readonly Framework[]): Set<string> {
  const out = new Set<string>();
  for (const fw of frameworks) for (const c of fw.controls) for (const r of c.rules ?? []) out.add(r.id);
  return out;
}

const zeroCounts = (): StatusCounts => ({ pass: 0, fail: 0, unknown: 0, not_applicable: 0 });

function ruleStatus(counts: StatusCounts, suppressed: number): ControlStatus {
  if (counts.fail > 0) return 'fail';
  if (counts.unknown > 0) return 'unknown';
  if (counts.pass > 0 || suppressed > 0) return 'pass';
  return 'not_applicable';
}

/** Findings a rule produced for the control (suppressed failures included): 0 means it examined nothing. */
const examined = (r: ControlRuleResult): number => r.counts.pass + r.counts.fail + r.counts.unknown + r.counts.not_applicable + (r.suppressed ?? 0);

/** Note on a mapped rule that produced no finding at all. */
export const NOTHING_EXAMINED = 'no resource of its types in the snapshot';

function controlStatus(rules: ControlRuleResult[]): ControlStatus {
  const s = new Set(rules.map((r) => r.status));
  if (s.has('fail')) return 'fail';
  if (s.has('unknown')) return 'unknown';
  // Pass needs evidence: at least one check that passed (see the module header for why).
  if (s.has('pass')) return 'pass';
  return 'not_applicable';
}

/**
 * Control results per framework (semantics in this module's header), and `finding.controls` filled on
 * every finding whose rule a control maps (e.g. `hipaa/164.312(e)(1)`), in framework then control order.
 * Pure apart from setting `controls` on the result's findings (idempotent).
 */
export function evaluateCompliance(result: EvaluationResult, frameworks: readonly Framework[]): FrameworkResult[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const evaluated = new Set(result.rules.map((r) => r.id));
  const controlsOfRule = new Map<string, string[]>();

  const out = frameworks.map((fw): FrameworkResult => {
    const counts: Record<ControlStatus, number> = { pass: 0, fail: 0, unknown: 0, manual: 0, not_applicable: 0 };
    const controls = fw.controls.map((c): ControlResult => {
      if (!c.manual && !c.rules?.length) {
        throw new InputError(
          `control "${c.id}" has neither rules nor manual: true`,
          fw.file,
          undefined,
          'load frameworks through loadFramework / loadFrameworks, which validate them',
        );
      }
      if (c.manual || !c.rules) {
        counts.manual++;
        return {
          id: c.id,
          title: c.title,
          description: c.description,
          status: 'manual',
          rationale: c.rationale,
          rules: [],
          failingFindingIds: [],
          unknownFindingIds: [],
        };
      }
      const failing: string[] = [];
      const unknown: string[] = [];
      const suppressedIds: string[] = [];
      const rules = c.rules.map((ref): ControlRuleResult => {
        const ctl = `${fw.id}/${c.id}`;
        const list = controlsOfRule.get(ref.id);
        if (!list) controlsOfRule.set(ref.id, [ctl]);
        else if (!list.includes(ctl)) list.push(ctl);
        if (!evaluated.has(ref.id)) {
          return {
            ruleId: ref.id,
            rationale: ref.rationale,
            status: 'unknown',
            counts: zeroCounts(),
            note: 'not evaluated in this run (rule filtered out or disabled)',
          };
        }
        const ruleCounts = zeroCounts();
        let suppressed = 0;
        for (const f of byRule.get(ref.id) ?? []) {
          if (f.status === 'fail' && f.suppressed) {
            suppressed++;
            suppressedIds.push(f.id);
            continue;
          }
          ruleCounts[f.status]++;
          if (f.status === 'fail') failing.push(f.id);
          else if (f.status === 'unknown') unknown.push(f.id);
        }
        const r: ControlRuleResult = { ruleId: ref.id, rationale: ref.rationale, status: ruleStatus(ruleCounts, suppressed), counts: ruleCounts };
        if (suppressed) r.suppressed = suppressed;
        if (examined(r) === 0) r.note = NOTHING_EXAMINED;
        return r;
      });
      const status = controlStatus(rules);
      counts[status]++;
      const cr: ControlResult = { id: c.id, title: c.title, description: c.description, status, rules, failingFindingIds: failing, unknownFindingIds: unknown };
      if (suppressedIds.length) cr.suppressedFindingIds = suppressedIds;
      return cr;
    });
    const denominator = counts.pass + counts.fail + counts.unknown;
    return {
      id: fw.id,
      title: fw.title,
      version: fw.version,
      source: fw.source,
      score: denominator === 0 ? null : counts.pass / denominator,
      counts,
      controls,
    };
  });

  for (const f of result.findings) {
    const ctl = controlsOfRule.get(f.ruleId);
    if (ctl) f.controls = [...ctl];
    else delete f.controls;
  }
  return out;
}
