import { describe, expect, it } from '@jest/globals';
import { defineRule } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { findingId } from '../../src/engine/finding-id.js';
import type { Rule } from '../../src/engine/types.js';
import { EBS_ENCRYPTION_DEFAULT, EBS_SNAPSHOT_PERMISSIONS } from '../../src/model/aws/ebs.js';
import type { CoverageEntry, Resource } from '../../src/model/types.js';
import { collectedSnapshot, gap, ref, resource } from '../support/rule-tester.js';

/** A snapshot where the test rule's types were collected (ok coverage), plus the given gaps. */
const snap = (resources: Resource[], gaps: CoverageEntry[] = []) => collectedSnapshot(resources, [EBS_ENCRYPTION_DEFAULT, EBS_SNAPSHOT_PERMISSIONS], gaps);

const openRuleDefinition = defineRule({
  id: 'test-open',
  title: 'Thing is open',
  severity: 'high',
  resourceTypes: [EBS_ENCRYPTION_DEFAULT],
  inputs: [EBS_SNAPSHOT_PERMISSIONS],
  description: 'd',
  risk: 'r',
  remediation: 'fix',
  references: ['https://example.invalid/'],
  messages: { open: '{{name}} is open on {{port}}', closed: '{{name}} is closed' },
  defaults: { port: 22 },
  evaluate(r, ctx) {
    if ((r.data.enabled as boolean | null) === null) return { status: 'unknown', messageId: 'closed', data: { name: r.ref.id } };
    if (!r.data.enabled) return { status: 'fail', messageId: 'open', data: { name: r.ref.id, port: ctx.options.port }, evidence: { port: ctx.options.port } };
    return { status: 'pass', messageId: 'closed', data: { name: r.ref.id } };
  },
});
const openRule: Rule = { pack: 'test', ...openRuleDefinition };

describe('evaluate', () => {
  it('renders messages, keeps evidence and counts by status and severity', () => {
    const res = evaluate(
      snap([
        resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: false }),
        resource(EBS_ENCRYPTION_DEFAULT, 'b', { region: 'us-east-1', enabled: true }),
      ]),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status, f.message])).toEqual([
      ['a', 'fail', 'a is open on 22'],
      ['b', 'pass', 'b is closed'],
    ]);
    expect(res.findings[0]!.evidence).toEqual({ port: 22 });
    expect(res.summary.byStatus).toMatchObject({ pass: 1, fail: 1 });
    expect(res.summary.failuresBySeverity.high).toBe(1);
  });

  it('overlays tunables and severity overrides', () => {
    const res = evaluate(snap([resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: false })]), [openRule], {
      ruleOptions: { 'test-open': { port: 3389 } },
      severityOverrides: { 'test-open': 'low' },
    });
    expect(res.findings[0]!.message).toBe('a is open on 3389');
    expect(res.findings[0]!.severity).toBe('low');
  });

  it('gives stable finding ids from rule + resource identity', () => {
    const a = evaluate(snap([resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: false })]), [openRule]);
    const b = evaluate(snap([resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: true })]), [openRule]);
    expect(a.findings[0]!.id).toBe(b.findings[0]!.id);
    expect(a.findings[0]!.id).toBe(findingId('test-open', ref(EBS_ENCRYPTION_DEFAULT, 'a')));
    expect(findingId('test-open', ref(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'eu-west-1' }))).not.toBe(a.findings[0]!.id);
  });

  it('a scope whose target type could not be listed yields unknown, never an empty pass', () => {
    const res = evaluate(snap([], [gap([EBS_ENCRYPTION_DEFAULT], { region: 'eu-west-1' })]), [openRule]);
    expect(res.findings).toHaveLength(1);
    expect(res.findings[0]).toMatchObject({ status: 'unknown', resource: { region: 'eu-west-1', id: '*' } });
    expect(res.findings[0]!.message).toMatch(/AccessDenied/);
  });

  it('a resource whose inputs have a gap in its region yields unknown without calling the rule', () => {
    const res = evaluate(
      snap(
        [
          resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: true }),
          resource(EBS_ENCRYPTION_DEFAULT, 'b', { region: 'us-east-1', enabled: true }, { region: 'eu-west-1' }),
        ],
        [gap([EBS_SNAPSHOT_PERMISSIONS])],
      ),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'pass'],
    ]);
  });

  it('a global gap applies to every region of the account, and only that account', () => {
    const res = evaluate(
      snap(
        [
          resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: true }),
          resource(EBS_ENCRYPTION_DEFAULT, 'c', { region: 'us-east-1', enabled: true }, { account: '999999999999' }),
        ],
        [gap([EBS_SNAPSHOT_PERMISSIONS], { region: 'global' })],
      ),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['a', 'unknown'],
      ['c', 'pass'],
    ]);
  });

  it('a gap limited to one resource makes only that resource unknown', () => {
    const res = evaluate(
      snap(
        [
          resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: true }),
          resource(EBS_ENCRYPTION_DEFAULT, 'b', { region: 'us-east-1', enabled: true }),
        ],
        [gap([EBS_ENCRYPTION_DEFAULT], { resourceId: 'a' })],
      ),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'pass'],
    ]);
  });

  it('a rule that throws yields unknown, not pass', () => {
    const broken: Rule = {
      ...openRule,
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const res = evaluate(snap([resource(EBS_ENCRYPTION_DEFAULT, 'a', { region: 'us-east-1', enabled: true })]), [broken]);
    expect(res.findings[0]).toMatchObject({ status: 'unknown', messageId: '_error' });
    expect(res.findings[0]!.message).toMatch(/boom/);
  });

  it('applies suppressions by rule and resource glob, not after they expire', () => {
    const snapshot = snap([
      resource(EBS_ENCRYPTION_DEFAULT, 'sg-bastion', { region: 'us-east-1', enabled: false }),
      resource(EBS_ENCRYPTION_DEFAULT, 'sg-other', { region: 'us-east-1', enabled: false }),
    ]);
    const now = new Date('2026-06-01T00:00:00Z');
    const res = evaluate(snapshot, [openRule], {
      now,
      suppressions: [{ rule: 'test-*', resource: 'sg-bast*', justification: 'approved bastion', expires: '2026-12-31' }],
    });
    expect(res.findings.map((f) => [f.resource.id, !!f.suppressed])).toEqual([
      ['sg-bastion', true],
      ['sg-other', false],
    ]);
    expect(res.summary.failuresBySeverity.high).toBe(1);
    expect(res.summary.suppressed).toBe(1);
    const expired = evaluate(snapshot, [openRule], { now, suppressions: [{ rule: 'test-open', resource: '*', justification: 'old', expires: '2026-01-01' }] });
    expect(expired.summary.suppressed).toBe(0);
  });
});
