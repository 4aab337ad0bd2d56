import type { InputType, ResourceOf, ResourceType } from '../model/registry.js';
import type { CoverageEntry, ResourceRef, Snapshot, SnapshotScope } from '../model/types.js';
import type { Derivation } from './derive.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** 0 for critical … 4 for info; unknown severities sort last. */
export const severityRank = (s: Severity): number => {
  const i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
};

/** `not_applicable`: the rule does not concern this resource (e.g. a stopped instance). */
export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable';

/** What a rule returns for one resource. `M` is the rule's message ids: a wrong id does not compile. */
export interface RuleResult<M extends string = string> {
  status: Status;
  /** Key of the rule's `messages`. */
  messageId: M;
  /** Values for the message template (`{{name}}`). */
  data?: Record<string, string | number | boolean | null | undefined>;
  /** The offending (or proving) values, e.g. `{ rule: '0.0.0.0/0 tcp 22' }`. Shown to auditors. */
  evidence?: Record<string, unknown>;
  /** Report the result against another resource than the one evaluated. */
  resource?: ResourceRef;
  /** Distinguishes several results of one rule on one resource (part of the finding id). */
  key?: string;
}

/** Read access to the whole snapshot, indexed once per evaluation. */
export interface SnapshotIndex {
  readonly snapshot: Snapshot;
  /** All resources of a type (empty array when none). */
  ofType<T extends ResourceType>(type: T): readonly ResourceOf<T>[];
  /** Resources of a type in one account (and region, when given). */
  inScope<T extends ResourceType>(type: T, account: string, region?: string): readonly ResourceOf<T>[];
  /** One resource by type and provider id (first match in the account when given). */
  get<T extends ResourceType>(type: T, id: string, account?: string): ResourceOf<T> | undefined;
  /** Coverage gaps (status not ok / not_applicable) touching a type, in an account and region. */
  gaps(type: InputType, account: string, region: string, resourceId?: string): CoverageEntry[];
  /** Whether any coverage entry (read or not) exists for a type in an account and region (or globally). */
  collected(type: InputType, account: string, region: string): boolean;
}

export interface RuleContext<O> {
  /** Tunables: the rule's `defaults` overlaid with the user's config. */
  options: O;
  index: SnapshotIndex;
  /** Evaluation time (fixed for one evaluation, injectable in tests). */
  now: Date;
  /** Derived data computed once per evaluation by the derive stage; only the derivations the rule lists in `derives`. */
  derived<T>(derivation: Derivation<T>): T;
}

/** JSON Schema object for a rule's options. */
export type OptionsSchema = Record<string, unknown>;

/**
 * A rule. `T` (its resource types), `M` (its message ids) and `O` (its tunables) are inferred by
 * {@link defineRule}: the resource a rule evaluates has its type's data, and a `messageId` that is not a key of
 * `messages` does not compile.
 */
export interface RuleDefinition<T extends ResourceType = ResourceType, M extends string = string, O = Record<string, unknown>> {
  /** Kebab-case; equals the file name under `policies/<pack>/`. */
  id: string;
  title: string;
  severity: Severity;
  /** Resource types the rule reports on: `evaluate` runs once for each resource of these types. */
  resourceTypes: readonly T[];
  /** Other types the rule reads through `ctx.index`; a coverage gap in them (or no coverage at all) makes results `unknown`. */
  inputs?: readonly InputType[];
  /** Derivations (src/engine/derive.ts) the rule reads through `ctx.derived`; computed once per evaluation before rules run. */
  derives?: readonly Derivation<unknown>[];
  /** What the rule checks (one paragraph). */
  description: string;
  /** Why it matters: what an attacker or an outage gains. */
  risk: string;
  /** How to fix: console steps, CLI and Terraform where useful (Markdown). */
  remediation: string;
  references: readonly string[];
  /** Message id → template with `{{placeholders}}` filled from the result's `data`. */
  messages: Readonly<Record<M, string>>;
  /** Tunables and their defaults. */
  defaults?: O;
  /** JSON Schema validating the tunables (user config). */
  optionsSchema?: OptionsSchema;
  /** Precision for SARIF consumers: how often a `fail` is a true problem. Default `high`. */
  precision?: 'very-high' | 'high' | 'medium' | 'low';
  evaluate(resource: ResourceOf<T>, ctx: RuleContext<O>): RuleResult<NoInfer<M>> | readonly RuleResult<NoInfer<M>>[] | undefined;
}

/** Any rule, whatever its types, messages and tunables (registries and the engine hold rules as this). */

export type AnyRuleDefinition = RuleDefinition<any, string, any>;

/** A rule as the engine holds it: its pack, and for a `--rules-dir` rule the file it was loaded from (named in errors). */
export type Rule = AnyRuleDefinition & { pack: string; source?: string };

export interface Suppression {
  rule: string;
  /** Matches the resource id or ARN (or, with `match: name`, its name); `*` wildcards allowed. */
  resource: string;
  /** `id` (default): id or ARN, which the cloud assigns. `name`: the name, which whoever creates the resource chooses. */
  match?: 'id' | 'name';
  /** Only in this account / project. */
  account?: string;
  /** Only in this region. */
  region?: string;
  justification: string;
  /** `YYYY-MM-DD`; the suppression applies through that date (UTC) and not after it. */
  expires?: string;
}

/** What became of one configured suppression in a run (reports list the expired and unused ones). */
export interface SuppressionStatus {
  /** Position in the config's `suppressions` list. */
  index: number;
  rule: string;
  resource: string;
  expires?: string;
  state: 'used' | 'unused' | 'expired';
  /** Failures it suppressed. */
  matched: number;
}

export interface Finding {
  /** Stable: hash of rule id + resource identity (+ result key). */
  id: string;
  ruleId: string;
  status: Status;
  severity: Severity;
  title: string;
  /** Key of the rule's `messages` that produced `message` (`_coverage` / `_error` for engine results). */
  messageId: string;
  message: string;
  resource: ResourceRef;
  evidence?: Record<string, unknown>;
  /** Set when a suppression in the config matched: the finding no longer counts for `--fail-on`. */
  suppressed?: { justification: string; expires?: string };
  /** Framework controls this finding's rule maps to, e.g. `hipaa/164.312(e)(1)`. */
  controls?: string[];
  /**
   * Set on failures when the run was compared with a baseline run of the history store (`--baseline`): `new` when
   * it did not fail in the baseline, `unchanged` when it did.
   */
  baselineState?: 'new' | 'unchanged';
}

/** The baseline run a run was compared with (`--baseline`). */
export interface BaselineInfo {
  /** null: the store had no such run yet (the first run): nothing counts as new. */
  runId: string | null;
  startedAt?: string;
  /** Failures (not suppressed) new since the baseline. */
  newFailures: number;
  resolved: number;
  /** Failing in the baseline, unknown or not collected now: never resolved. */
  coverageLost: number;
}

export interface RuleMeta {
  id: string;
  pack: string;
  title: string;
  severity: Severity;
  description: string;
  risk: string;
  remediation: string;
  references: readonly string[];
  resourceTypes: readonly ResourceType[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
}

export interface CoverageSummary {
  total: number;
  ok: number;
  notApplicable: number;
  /** Every entry that was not read in full: these make rules `unknown`. */
  gaps: CoverageEntry[];
}

export type StatusCounts = Record<Status, number>;

export interface EvaluationResult {
  tool: { name: string; version: string };
  evaluatedAt: string;
  snapshot: {
    startedAt: string;
    finishedAt: string;
    scopes: SnapshotScope[];
    resourceCount: number;
    coverage: CoverageSummary;
  };
  rules: RuleMeta[];
  findings: Finding[];
  summary: {
    byStatus: StatusCounts;
    /** Failures (not suppressed) per severity. */
    failuresBySeverity: Record<Severity, number>;
    suppressed: number;
  };
  /** Filled when framework packs were evaluated. */
  compliance?: FrameworkResult[];
  /** Each configured suppression: used, unused (matched nothing) or expired. */
  suppressions?: SuppressionStatus[];
  /** Set when the run was compared with a baseline run (`--baseline`, `--fail-on-new`). */
  baseline?: BaselineInfo;
}

/** Status of one framework control (see frameworks/README in the architecture notes). */
export type ControlStatus = 'pass' | 'fail' | 'unknown' | 'manual' | 'not_applicable';

export interface ControlRuleResult {
  ruleId: string;
  /** Why this rule evidences the control (one line, from the framework pack). */
  rationale: string;
  status: ControlStatus;
  /** Findings of the rule by status; suppressed failures are not in `fail` but in `suppressed`. */
  counts: StatusCounts;
  /** Failures a config suppression accepted: they do not fail the control. */
  suppressed?: number;
  /** Why the status is what it is when no finding explains it, e.g. the rule was not evaluated in this run. */
  note?: string;
}

export interface ControlResult {
  id: string;
  title: string;
  description?: string;
  status: ControlStatus;
  /** For manual controls: what a person must attest. */
  rationale?: string;
  rules: ControlRuleResult[];
  /** Ids of the findings that fail the control (evidence chain control → rule → resource). */
  failingFindingIds: string[];
  /** Ids of the findings that keep the control unknown. */
  unknownFindingIds: string[];
  /** Ids of failing findings accepted by a suppression (shown as exceptions; they do not fail the control). */
  suppressedFindingIds?: string[];
}

export interface FrameworkResult {
  id: string;
  title: string;
  version: string;
  source: string;
  /** passed / (passed + failed + unknown); null when no automated control was evaluated. */
  score: number | null;
  counts: Record<ControlStatus, number>;
  controls: ControlResult[];
}
