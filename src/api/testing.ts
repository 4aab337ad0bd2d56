/**
 * `@vigil-scanner/cli/testing`: declarative rule tests in the style of ESLint's RuleTester, for built-in and
 * custom (`--rules-dir`) rules alike.
 *
 * A case is a resource (plus the other resources the rule reads). The tester builds a snapshot around it
 * that a real collection would have produced: a scope for every account seen, and an `ok` coverage entry
 * for every type the rule lists (`resourceTypes`, `inputs`), so "collected, none exist" is what a case
 * means unless it says otherwise (`notCollected`). Each case runs through the real engine (`evaluate`).
 *
 * Strict by design: every case name is unique; a message id must be one the rule defines (a compile
 * error in TypeScript, a failed test in JavaScript); a message may not keep an unfilled `{{placeholder}}`;
 * every rule needs valid, invalid and unknown cases ("unknown input → unknown, never pass"); and, as in
 * ESLint, the exact list of a case's results is asserted: a case without `results` expects exactly one
 * result (its status and message id), a case whose rule reports more lists them all in `results`, in
 * order, each with its status, message id and (when given) exact message data.
 *
 * It runs under any test framework with global `describe` / `it` (jest, mocha, vitest with globals), or
 * with those passed in (`new RuleTester({ describe, it })` from `node:test`). Assertions use `node:assert`.
 */
import assert from 'node:assert/strict';
import { evaluate, renderMessage } from '../engine/evaluate.js';
import type { Finding, RuleDefinition, Status } from '../engine/types.js';
import { typeInfo, type DataOf, type InputType, type ResourceType } from '../model/registry.js';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type CoverageEntry,
  type Provider,
  type Resource,
  type ResourceRef,
  type Snapshot,
  type SnapshotScope,
} from '../model/types.js';

export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'us-east-1';

interface BaseCase<O> {
  name: string;
  /** The resource the rule reports on. Optional only in `unknown` cases driven by a coverage gap. */
  resource?: Resource;
  /** Other resources in the snapshot (the rule's inputs). */
  others?: Resource[];
  /** Extra coverage entries, e.g. gaps (see {@link gap}). */
  coverage?: CoverageEntry[];
  /** Types to leave without an `ok` coverage entry: they count as never collected. */
  notCollected?: InputType[];
  options?: Partial<O>;
  now?: Date;
}

/** One expected result, for `results` (exact list, in order). */
export interface ExpectedResult<M extends string> {
  status: Status;
  /** A rule message id, or the engine's `_coverage` / `_error`. */
  messageId: M | '_coverage' | '_error';
  /** Exact message data (when given). */
  data?: Record<string, unknown>;
}

export interface ValidCase<M extends string, O = Record<string, unknown>> extends BaseCase<O> {
  /** Default `pass`; `not_applicable` for resources the rule does not concern. */
  status?: Extract<Status, 'pass' | 'not_applicable'>;
  /** The message id every result must carry (when given). */
  messageId?: M;
  results?: ExpectedResult<M>[];
}

export interface InvalidCase<M extends string, O = Record<string, unknown>> extends BaseCase<O> {
  /** A failing result must carry this message id. */
  messageId: M;
  /** Exact message data of that failing result. */
  data?: Record<string, unknown>;
  /** Subset the failing result's evidence must contain. */
  evidence?: Record<string, unknown>;
  results?: ExpectedResult<M>[];
}

export interface UnknownCase<M extends string, O = Record<string, unknown>> extends BaseCase<O> {
  /** The message id of the unknown result (a rule's own, or `_coverage`) when given. */
  messageId?: M | '_coverage' | '_error';
  results?: ExpectedResult<M>[];
}

export interface RuleCases<M extends string, O> {
  valid: ValidCase<M, O>[];
  invalid: InvalidCase<M, O>[];
  unknown: UnknownCase<M, O>[];
}

type Describe = (name: string, fn: () => void) => void;
type It = (name: string, fn: () => void | Promise<void>) => void;

export interface RuleTesterOptions {
  describe?: Describe;
  it?: It;
}

/** A ref in the default test account and region (`aws` unless `extra.provider` says otherwise). */
export function ref(type: ResourceType, id: string, extra: Partial<ResourceRef> = {}): ResourceRef {
  const region = typeInfo(type).scope === 'global' ? 'global' : TEST_REGION;
  return { provider: typeInfo(type).provider, account: TEST_ACCOUNT, region, type, id, ...extra };
}

/** A resource of `type` whose data is checked against the model at compile time. */
export function resource<T extends ResourceType>(type: T, id: string, data: DataOf<T>, extra: Partial<ResourceRef> = {}): Resource<DataOf<T>> {
  return { ref: ref(type, id, extra), data };
}

/** A coverage gap (default: AccessDenied) over some types in the default scope. */
export function gap(resourceTypes: InputType[], extra: Partial<CoverageEntry> = {}): CoverageEntry {
  const provider = resourceTypes[0] ? typeInfo(resourceTypes[0]).provider : 'aws';
  return {
    provider,
    account: TEST_ACCOUNT,
    region: TEST_REGION,
    service: 'test',
    operation: 'Describe',
    resourceTypes,
    status: 'denied',
    errorCode: 'AccessDenied',
    ...extra,
  };
}

/** A bare snapshot: no scopes and no coverage beyond what is given (the engine treats what is missing as never collected). */
export function snapshotOf(resources: Resource[], coverage: CoverageEntry[] = [], scopes: SnapshotScope[] = []): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes,
    resources,
    coverage,
  };
}

/**
 * The snapshot a collection of exactly these resources would give: a scope per provider account (its
 * regions: the resources' and the default one), and `ok` coverage for `types` in each (a global entry,
 * which covers every region), except the types in `notCollected`.
 */
export function collectedSnapshot(
  resources: Resource[],
  types: Iterable<InputType>,
  extraCoverage: CoverageEntry[] = [],
  notCollected: readonly InputType[] = [],
): Snapshot {
  const scopes = new Map<string, SnapshotScope>();
  const scopeOf = (provider: Provider, account: string): SnapshotScope => {
    const key = `${provider}|${account}`;
    let s = scopes.get(key);
    if (!s) scopes.set(key, (s = { provider, account, regions: provider === 'aws' ? [TEST_REGION] : ['global'] }));
    return s;
  };
  for (const r of resources) {
    const s = scopeOf(r.ref.provider, r.ref.account);
    if (!s.regions.includes(r.ref.region)) s.regions.push(r.ref.region);
  }
  for (const c of extraCoverage) {
    const s = scopeOf(c.provider, c.account);
    if (!s.regions.includes(c.region)) s.regions.push(c.region);
  }
  const all = [...new Set(types)];
  const wanted = all.filter((t) => !notCollected.includes(t));
  // The default account is always in scope for the rule's providers, so "never collected" shows there.
  for (const t of all) scopeOf(typeInfo(t).provider, TEST_ACCOUNT);
  const coverage: CoverageEntry[] = [];
  for (const s of scopes.values()) {
    const own = wanted.filter((t) => typeInfo(t).provider === s.provider);
    if (own.length)
      coverage.push({ provider: s.provider, account: s.account, region: 'global', service: 'test', operation: 'Collect', resourceTypes: own, status: 'ok' });
  }
  return snapshotOf(resources, [...coverage, ...extraCoverage], [...scopes.values()]);
}

function globals(): { describe: Describe; it: It } {
  const g = globalThis as { describe?: Describe; it?: It };
  if (typeof g.describe !== 'function' || typeof g.it !== 'function') {
    throw new Error(
      'RuleTester needs a test framework: run it under jest/mocha/vitest (global describe and it), or pass { describe, it } (e.g. from node:test) to new RuleTester().',
    );
  }
  return { describe: g.describe, it: g.it };
}

const resourceKey = (r: ResourceRef): string => `${r.provider}|${r.account}|${r.region}|${r.type}|${r.id}`;

export class RuleTester {
  private readonly describe: Describe;
  private readonly it: It;

  constructor(options: RuleTesterOptions = {}) {
    const g = options.describe && options.it ? { describe: options.describe, it: options.it } : globals();
    this.describe = g.describe;
    this.it = g.it;
  }

  /** The findings of one case: those on the case's resource, else all of them (cases driven by a listing gap). */
  static findings<T extends ResourceType, M extends string, O extends object>(rule: RuleDefinition<T, M, O>, c: BaseCase<O>): Finding[] {
    const resources = [...(c.resource ? [c.resource] : []), ...(c.others ?? [])];
    const types: InputType[] = [...rule.resourceTypes, ...(rule.inputs ?? [])];
    const snapshot = collectedSnapshot(resources, types, c.coverage, c.notCollected);
    const result = evaluate(snapshot, [{ ...(rule as unknown as RuleDefinition<ResourceType, string, Record<string, unknown>>), pack: 'test' }], {
      ruleOptions: c.options ? { [rule.id]: c.options as Record<string, unknown> } : undefined,
      now: c.now,
    });
    if (!c.resource) return result.findings;
    const own = result.findings.filter((f) => resourceKey(f.resource) === resourceKey(c.resource!.ref));
    return own.length ? own : result.findings;
  }

  run<T extends ResourceType, M extends string, O extends object>(rule: RuleDefinition<T, M, O>, cases: RuleCases<NoInfer<M>, NoInfer<O>>): void {
    const { it } = this;
    const messages = rule.messages as Record<string, string>;
    const checkMessages = (findings: Finding[]): void => {
      for (const f of findings) {
        if (!f.messageId.startsWith('_'))
          assert.ok(Object.hasOwn(messages, f.messageId), `rule ${rule.id} returned message id "${f.messageId}", which its \`messages\` do not define`);
        assert.doesNotMatch(f.message, /\{\{/, `message of ${f.messageId} keeps an unfilled placeholder: ${f.message}`);
      }
    };
    // Findings keep the rendered message, not its data: expected data is compared through the rule's template.
    const render = (messageId: string, data: Record<string, unknown>): string => {
      const template = messages[messageId];
      assert.ok(template !== undefined, `message id "${messageId}" is not defined by the rule`);
      return renderMessage(template, data as Record<string, string | number | boolean | null>);
    };
    const list = (findings: Finding[]): string => findings.map((f) => `${f.status}:${f.messageId}`).join(', ') || 'nothing';
    /** The exact list: `results` when the case gives it, else exactly one result (ESLint's strictness). */
    const checkResults = (findings: Finding[], expected: ExpectedResult<M>[] | undefined): void => {
      if (!expected) {
        assert.equal(
          findings.length,
          1,
          `expected exactly one result, got ${findings.length} (${list(findings)}): list every result of this case in \`results\``,
        );
        return;
      }
      const got = findings.map((f, i) => ({ status: f.status, messageId: f.messageId, ...(expected[i]?.data ? { message: f.message } : {}) }));
      assert.deepStrictEqual(
        got,
        expected.map((e) => ({ status: e.status, messageId: e.messageId, ...(e.data ? { message: render(e.messageId, e.data) } : {}) })),
      );
    };

    this.describe(rule.id, () => {
      it('has valid, invalid and unknown cases with unique names', () => {
        assert.ok(cases.valid.length > 0, 'at least one valid case');
        assert.ok(cases.invalid.length > 0, 'at least one invalid case');
        assert.ok(cases.unknown.length > 0, 'at least one unknown case ("unknown input → unknown, never pass")');
        const names = [...cases.valid, ...cases.invalid, ...cases.unknown].map((c) => c.name);
        const dup = names.filter((n, i) => names.indexOf(n) !== i);
        assert.deepStrictEqual(dup, [], `duplicate case names: ${dup.join(', ')}`);
      });
      for (const c of cases.valid) {
        it(`valid: ${c.name}`, () => {
          assert.ok(c.resource, 'a valid case needs a resource');
          const findings = RuleTester.findings(rule, c);
          assert.ok(findings.length > 0, 'the rule produced no result');
          checkMessages(findings);
          const want = c.status ?? 'pass';
          for (const f of findings) assert.equal(f.status, want, `expected ${want}, got ${f.status} (${f.messageId}): ${f.message}`);
          if (c.messageId) for (const f of findings) assert.equal(f.messageId, c.messageId);
          checkResults(findings, c.results);
        });
      }
      for (const c of cases.invalid) {
        it(`invalid: ${c.name} → ${c.messageId}`, () => {
          assert.ok(Object.hasOwn(messages, c.messageId), `message id "${c.messageId}" is not defined by the rule`);
          const findings = RuleTester.findings(rule, c);
          checkMessages(findings);
          assert.ok(
            !findings.some((f) => f.status === 'pass'),
            `an invalid case must not also pass: ${findings.map((f) => `${f.status}:${f.messageId}`).join(', ')}`,
          );
          const f = findings.find((x) => x.status === 'fail' && x.messageId === c.messageId);
          assert.ok(f, `expected a fail with ${c.messageId}, got ${findings.map((x) => `${x.status}:${x.messageId}`).join(', ') || 'nothing'}`);
          if (c.data) assert.equal(f.message, render(c.messageId, c.data));
          if (c.evidence) assertContains(f.evidence, c.evidence);
          checkResults(findings, c.results);
        });
      }
      for (const c of cases.unknown) {
        it(`unknown: ${c.name}`, () => {
          const findings = RuleTester.findings(rule, c);
          assert.ok(findings.length > 0, 'the rule produced no result: an unknown input must give unknown, not silence');
          checkMessages(findings);
          assert.ok(
            findings.some((f) => f.status === 'unknown'),
            `expected unknown, got ${findings.map((f) => `${f.status}:${f.messageId}`).join(', ')}`,
          );
          assert.deepStrictEqual(
            findings.filter((f) => f.status === 'pass').map((f) => f.message),
            [],
            'an unknown case must never pass',
          );
          if (c.messageId)
            assert.ok(
              findings.some((f) => f.status === 'unknown' && f.messageId === c.messageId),
              `expected unknown with ${c.messageId}`,
            );
          checkResults(findings, c.results);
        });
      }
    });
  }
}

function matches(got: unknown, want: unknown, path: string): void {
  // Asymmetric matchers of the running test framework (jest's expect.any, expect.stringContaining, …).
  const matcher = want as { asymmetricMatch?: (v: unknown) => boolean; toString?: () => string } | null;
  if (matcher && typeof matcher === 'object' && typeof matcher.asymmetricMatch === 'function') {
    assert.ok(matcher.asymmetricMatch(got), `${path}: ${JSON.stringify(got)} does not match ${String(matcher)}`);
    return;
  }
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got) && got.length === want.length, `${path}: expected ${want.length} items, got ${JSON.stringify(got)}`);
    want.forEach((w, i) => matches((got as unknown[])[i], w, `${path}[${i}]`));
  } else if (want !== null && typeof want === 'object') assertContains(got, want as Record<string, unknown>, path);
  else assert.deepStrictEqual(got, want, path);
}

/** Subset match (jest's toMatchObject): every key of `want` is in `got` with a deep-equal value (objects recursively, arrays exactly). */
function assertContains(got: unknown, want: Record<string, unknown>, path = 'evidence'): void {
  assert.ok(got !== null && typeof got === 'object', `${path} is missing`);
  for (const [k, v] of Object.entries(want)) {
    const g = (got as Record<string, unknown>)[k];
    matches(g, v, `${path}.${k}`);
  }
}

/** Shorthand: `ruleTester(rule, cases)` = `new RuleTester().run(rule, cases)`. */
export function ruleTester<T extends ResourceType, M extends string, O extends object>(
  rule: RuleDefinition<T, M, O>,
  cases: RuleCases<NoInfer<M>, NoInfer<O>>,
): void {
  new RuleTester().run(rule, cases);
}
