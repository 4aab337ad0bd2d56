import { describe, expect, it } from '@jest/globals';
import { defineRule } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { findingId } from '../../src/engine/finding-id.js';
import type { Rule } from '../../src/engine/types.js';
import { gap, ref, resource, snapshotOf } from '../support/rule-tester.js';

const openRule: Rule = {
  pack: 'test',
  ...defineRule<{ port: number }, { open: boolean | null; ports?: number[] }>({
    id: 'test-open',
    title: 'Thing is open',
    severity: 'high',
    resourceTypes: ['aws.test.thing'],
    inputs: ['aws.test.input'],
    description: 'd',
    risk: 'r',
    remediation: 'fix',
    references: ['https://example.invalid/'],
    messages: { open: '{{name}} is open on {{port}}', closed: '{{name}} is closed' },
    defaults: { port: 22 },
    evaluate(r, ctx) {
      if (r.data.open === null) return { status: 'unknown', messageId: 'closed', data: { name: r.ref.id } };
      if (r.data.open) return { status: 'fail', messageId: 'open', data: { name: r.ref.id, port: ctx.options.port }, evidence: { port: ctx.options.port } };
      return { status: 'pass', messageId: 'closed', data: { name: r.ref.id } };
    },
  }),
};

describe('evaluate', () => {
  it('renders messages, keeps evidence and counts by status and severity', () => {
    const res = evaluate(snapshotOf([resource('aws.test.thing', 'a', { open: true }), resource('aws.test.thing', 'b', { open: false })]), [openRule]);
    expect(res.findings.map((f) => [f.resource.id, f.status, f.message])).toEqual([
      ['a', 'fail', 'a is open on 22'],
      ['b', 'pass', 'b is closed'],
    ]);
    expect(res.findings[0].evidence).toEqual({ port: 22 });
    expect(res.summary.byStatus).toMatchObject({ pass: 1, fail: 1 });
    expect(res.summary.failuresBySeverity.high).toBe(1);
  });

  it('overlays tunables and severity overrides', () => {
    const res = evaluate(snapshotOf([resource('aws.test.thing', 'a', { open: true })]), [openRule], { ruleOptions: { 'test-open': { port: 3389 } }, severityOverrides: { 'test-open': 'low' } });
    expect(res.findings[0].message).toBe('a is open on 3389');
    expect(res.findings[0].severity).toBe('low');
  });

  it('gives stable finding ids from rule + resource identity', () => {
    const a = evaluate(snapshotOf([resource('aws.test.thing', 'a', { open: true })]), [openRule]);
    const b = evaluate(snapshotOf([resource('aws.test.thing', 'a', { open: false })]), [openRule]);
    expect(a.findings[0].id).toBe(b.findings[0].id);
    expect(a.findings[0].id).toBe(findingId('test-open', ref('aws.test.thing', 'a')));
    expect(findingId('test-open', ref('aws.test.thing', 'a', { region: 'eu-west-1' }))).not.toBe(a.findings[0].id);
  });

  it('a scope whose target type could not be listed yields unknown, never an empty pass', () => {
    const res = evaluate(snapshotOf([], [gap(['aws.test.thing'], { region: 'eu-west-1' })]), [openRule]);
    expect(res.findings).toHaveLength(1);
    expect(res.findings[0]).toMatchObject({ status: 'unknown', resource: { region: 'eu-west-1', id: '*' } });
    expect(res.findings[0].message).toMatch(/AccessDenied/);
  });

  it('a resource whose inputs have a gap in its region yields unknown without calling the rule', () => {
    const res = evaluate(
      snapshotOf([resource('aws.test.thing', 'a', { open: false }), resource('aws.test.thing', 'b', { open: false }, { region: 'eu-west-1' })], [gap(['aws.test.input'])]),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'pass'],
    ]);
  });

  it('a global gap applies to every region of the account, and only that account', () => {
    const res = evaluate(
      snapshotOf(
        [resource('aws.test.thing', 'a', { open: false }), resource('aws.test.thing', 'c', { open: false }, { account: '999999999999' })],
        [gap(['aws.test.input'], { region: 'global' })],
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
      snapshotOf([resource('aws.test.thing', 'a', { open: false }), resource('aws.test.thing', 'b', { open: false })], [gap(['aws.test.thing'], { resourceId: 'a' })]),
      [openRule],
    );
    expect(res.findings.map((f) => [f.resource.id, f.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'pass'],
    ]);
  });

  it('a rule that throws yields unknown, not pass', () => {
    const broken: Rule = { ...openRule, evaluate: () => { throw new Error('boom'); } };
    const res = evaluate(snapshotOf([resource('aws.test.thing', 'a', { open: false })]), [broken]);
    expect(res.findings[0]).toMatchObject({ status: 'unknown', messageId: '_error' });
    expect(res.findings[0].message).toMatch(/boom/);
  });

  it('applies suppressions by rule and resource glob, not after they expire', () => {
    const snap = snapshotOf([resource('aws.test.thing', 'sg-bastion', { open: true }), resource('aws.test.thing', 'sg-other', { open: true })]);
    const now = new Date('2026-06-01T00:00:00Z');
    const res = evaluate(snap, [openRule], { now, suppressions: [{ rule: 'test-*', resource: 'sg-bast*', justification: 'approved bastion', expires: '2026-12-31' }] });
    expect(res.findings.map((f) => [f.resource.id, !!f.suppressed])).toEqual([
      ['sg-bastion', true],
      ['sg-other', false],
    ]);
    expect(res.summary.failuresBySeverity.high).toBe(1);
    expect(res.summary.suppressed).toBe(1);
    const expired = evaluate(snap, [openRule], { now, suppressions: [{ rule: 'test-open', resource: '*', justification: 'old', expires: '2026-01-01' }] });
    expect(expired.summary.suppressed).toBe(0);
  });
});
