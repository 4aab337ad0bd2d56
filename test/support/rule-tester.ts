import { describe, expect, it } from '@jest/globals';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Finding, RuleDefinition, Status } from '../../src/engine/types.js';
import { SNAPSHOT_SCHEMA_VERSION, type CoverageEntry, type Resource, type ResourceRef, type Snapshot } from '../../src/model/types.js';

export interface RuleCase {
  name: string;
  /** The resource the rule reports on. Optional only in `unknown` cases driven by a coverage gap. */
  resource?: Resource;
  /** Other resources in the snapshot (the rule's inputs). */
  others?: Resource[];
  /** Extra coverage entries, e.g. gaps. */
  coverage?: CoverageEntry[];
  options?: Record<string, unknown>;
  now?: Date;
}
export interface ValidCase extends RuleCase {
  /** Default `pass`; `not_applicable` for resources the rule does not concern. */
  status?: Extract<Status, 'pass' | 'not_applicable'>;
}
export interface InvalidCase extends RuleCase {
  messageId: string;
  /** Subset the failing finding's evidence must contain. */
  evidence?: Record<string, unknown>;
}

/** A ref in the default test account and region. */
export function ref(type: string, id: string, extra: Partial<ResourceRef> = {}): ResourceRef {
  return { provider: 'aws', account: '123456789012', region: 'us-east-1', type, id, ...extra };
}

export function resource<D>(type: string, id: string, data: D, extra: Partial<ResourceRef> = {}): Resource<D> {
  return { ref: ref(type, id, extra), data };
}

/** A coverage gap (default: AccessDenied) over some resource types in the default scope. */
export function gap(resourceTypes: string[], extra: Partial<CoverageEntry> = {}): CoverageEntry {
  return { provider: 'aws', account: '123456789012', region: 'us-east-1', service: 'test', operation: 'Describe', resourceTypes, status: 'denied', errorCode: 'AccessDenied', ...extra };
}

export function snapshotOf(resources: Resource[], coverage: CoverageEntry[] = []): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes: [],
    resources,
    coverage,
  };
}

function run(rule: RuleDefinition<any, any>, c: RuleCase): Finding[] {
  const resources = [...(c.resource ? [c.resource] : []), ...(c.others ?? [])];
  const result = evaluate(snapshotOf(resources, c.coverage), [{ ...rule, pack: 'test' }], {
    ruleOptions: c.options ? { [rule.id]: c.options } : undefined,
    now: c.now,
  });
  if (!c.resource) return result.findings;
  const key = (r: ResourceRef) => `${r.type}|${r.id}|${r.region}|${r.account}`;
  const own = result.findings.filter((f) => key(f.resource) === key(c.resource!.ref));
  return own.length ? own : result.findings;
}

/**
 * Declarative rule tests, ESLint RuleTester style. Every rule must have at least one valid, one invalid
 * and one unknown case ("unknown input → unknown, never pass"); case names must be unique; an invalid
 * case that produces no failure, or names a message id the rule does not define, fails.
 */
export function ruleTester(rule: RuleDefinition<any, any>, cases: { valid: ValidCase[]; invalid: InvalidCase[]; unknown: RuleCase[] }): void {
  describe(rule.id, () => {
    it('has valid, invalid and unknown cases with unique names', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      expect(cases.unknown.length).toBeGreaterThan(0);
      const names = [...cases.valid, ...cases.invalid, ...cases.unknown].map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(c.resource).toBeDefined();
        const findings = run(rule, c);
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) expect({ status: f.status, message: f.message }).toEqual({ status: c.status ?? 'pass', message: f.message });
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name} → ${c.messageId}`, () => {
        expect(Object.keys(rule.messages)).toContain(c.messageId);
        const findings = run(rule, c);
        const fails = findings.filter((f) => f.status === 'fail');
        expect(fails.map((f) => f.messageId)).toContain(c.messageId);
        const f = fails.find((x) => x.messageId === c.messageId)!;
        expect(f.message).not.toMatch(/\{\{/);
        if (c.evidence) expect(f.evidence).toMatchObject(c.evidence);
      });
    }
    for (const c of cases.unknown) {
      it(`unknown: ${c.name}`, () => {
        const findings = run(rule, c);
        expect(findings.length).toBeGreaterThan(0);
        expect(findings.map((f) => f.status)).toContain('unknown');
        expect(findings.filter((f) => f.status === 'pass')).toEqual([]);
      });
    }
  });
}
