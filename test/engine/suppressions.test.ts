/** Suppressions (#12.4, #12.5): ids and ARNs by default, names only when asked, scoped, strict dates, and reported. */
import { describe, expect, it } from '@jest/globals';
import { checkSuppressionRules, parseConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { endOfDate } from '../../src/engine/suppressions.js';
import type { Rule, Suppression } from '../../src/engine/types.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderTerminal } from '../../src/reporters/terminal.js';
import { InputError } from '../../src/util/errors.js';
import { looseData, looseResource } from '../support/loose.js';
import { collectedSnapshot } from '../support/rule-tester.js';

const openRule = {
  id: 'test-open',
  pack: 'test',
  title: 'Open thing',
  severity: 'high',
  resourceTypes: ['aws.ec2.security-group'],
  description: 'd',
  risk: 'r',
  remediation: 'fix',
  references: [],
  messages: { open: 'open', closed: 'closed' },
  evaluate: (r: { data: unknown }) => (looseData(r).open ? { status: 'fail', messageId: 'open' } : { status: 'pass', messageId: 'closed' }),
} as unknown as Rule;

const ACCOUNT = '123456789012';
const sg = (id: string, extra: { name?: string; region?: string; account?: string } = {}) =>
  looseResource(
    'aws.ec2.security-group',
    id,
    { open: true },
    { arn: `arn:aws:ec2:${extra.region ?? 'us-east-1'}:${extra.account ?? ACCOUNT}:security-group/${id}`, ...extra },
  );
const run = (resources: ReturnType<typeof sg>[], suppressions: Suppression[], now = new Date('2026-06-01T12:00:00Z')) =>
  evaluate(collectedSnapshot(resources, ['aws.ec2.security-group']), [openRule], { suppressions, now });
const suppressedIds = (r: ReturnType<typeof run>) => r.findings.filter((f) => f.suppressed).map((f) => f.resource.id);
const ok = { rule: 'test-open', justification: 'approved bastion' };

describe('suppression matching', () => {
  it("does not follow a name an attacker chose: a group named like the suppressed group's id stays open", () => {
    const r = run([sg('sg-aaaa'), sg('sg-evil', { name: 'sg-aaaa' })], [{ ...ok, resource: 'sg-aaaa' }]);
    expect(suppressedIds(r)).toEqual(['sg-aaaa']);
    expect(r.summary.failuresBySeverity.high).toBe(1);
  });

  it('matches the ARN by default, and names only with `match: name`', () => {
    expect(suppressedIds(run([sg('sg-aaaa'), sg('sg-bbbb')], [{ ...ok, resource: 'arn:aws:ec2:us-east-1:*:security-group/sg-bbbb' }]))).toEqual(['sg-bbbb']);
    const byName = run([sg('sg-aaaa', { name: 'bastion' }), sg('sg-bbbb', { name: 'web' })], [{ ...ok, resource: 'bastion', match: 'name' }]);
    expect(suppressedIds(byName)).toEqual(['sg-aaaa']);
    // With `match: name` the id no longer matches: the suppression says what it trusts.
    expect(suppressedIds(run([sg('bastion')], [{ ...ok, resource: 'bastion', match: 'name' }]))).toEqual([]);
  });

  it('is scoped by account and region when it says so', () => {
    const groups = [sg('sg-1', { region: 'us-east-1' }), sg('sg-1', { region: 'eu-west-1' }), sg('sg-1', { account: '999999999999' })];
    expect(
      run(groups, [{ ...ok, resource: 'sg-1', region: 'eu-west-1' }])
        .findings.filter((f) => f.suppressed)
        .map((f) => `${f.resource.account} ${f.resource.region}`),
    ).toEqual([`${ACCOUNT} eu-west-1`]);
    expect(
      run(groups, [{ ...ok, resource: 'sg-1', account: ACCOUNT }])
        .findings.filter((f) => f.suppressed)
        .map((f) => `${f.resource.account} ${f.resource.region}`),
    ).toEqual([`${ACCOUNT} us-east-1`, `${ACCOUNT} eu-west-1`]);
  });
});

describe('suppression expiry', () => {
  it('`expires` applies through that date (UTC), inclusive, and not the day after', () => {
    const s = [{ ...ok, resource: 'sg-1', expires: '2026-06-01' }];
    expect(suppressedIds(run([sg('sg-1')], s, new Date('2026-06-01T00:00:00Z')))).toEqual(['sg-1']);
    expect(suppressedIds(run([sg('sg-1')], s, new Date('2026-06-01T23:59:59Z')))).toEqual(['sg-1']);
    expect(suppressedIds(run([sg('sg-1')], s, new Date('2026-06-02T00:00:00Z')))).toEqual([]);
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    expect(endOfDate('2027-02-30')).toBeUndefined();
    expect(endOfDate('2028-02-29')).toBe(Date.UTC(2028, 2, 1));
    expect(endOfDate('2027-06-30T00:00')).toBeUndefined();
    const err = (() => {
      try {
        parseConfig('suppressions:\n  - rule: test-open\n    resource: sg-1\n    justification: approved\n    expires: 2027-02-30\n', 'c.yaml');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe()).toMatch(/^c\.yaml: \$\.suppressions\[0\]\.expires \(line 5, column \d+\): "2027-02-30" is not a date/);
  });
});

describe('suppression reporting', () => {
  const result = run(
    [sg('sg-1')],
    [
      { ...ok, resource: 'sg-1' },
      { ...ok, resource: 'sg-gone' },
      { ...ok, resource: 'sg-1', expires: '2026-01-31' },
    ],
  );

  it('records each suppression as used, unused or expired', () => {
    expect(result.suppressions?.map((s) => [s.index, s.state, s.matched])).toEqual([
      [0, 'used', 1],
      [1, 'unused', 0],
      [2, 'expired', 0],
    ]);
  });

  it('the terminal, findings.json and the HTML report list the expired and unused ones', () => {
    const term = renderTerminal(result, { color: false });
    expect(term).toContain('Suppressions needing attention: 2');
    expect(term).toMatch(/suppressions\[1\] rule test-open resource sg-gone: matched no failing finding/);
    expect(term).toMatch(/suppressions\[2\] rule test-open resource sg-1: expired 2026-01-31/);
    expect(JSON.parse(renderFindingsJson(result)).suppressions).toEqual(result.suppressions);
    const html = renderHtml(result);
    expect(html).toMatch(/2 configured suppressions need attention/);
    expect(html).toContain('resource sg-gone: matched no failing finding');
  });

  it('a suppression naming an unknown rule is an input error naming the place', () => {
    const cfg = parseConfig(
      'suppressions:\n  - rule: test-open\n    resource: sg-1\n    justification: approved\n  - rule: test-opne\n    resource: sg-1\n    justification: approved\n',
      'c.yaml',
    );
    expect(() => checkSuppressionRules(cfg, [openRule], 'c.yaml')).toThrow(InputError);
    try {
      checkSuppressionRules(cfg, [openRule], 'c.yaml');
    } catch (e) {
      expect((e as InputError).describe()).toMatch(
        /^c\.yaml: \$\.suppressions\[1\]\.rule \(line 5, column \d+\): unknown rule "test-opne" in a suppression\n {2}fix: run `vigil rules`/,
      );
    }
    expect(() =>
      checkSuppressionRules(parseConfig('suppressions:\n  - {rule: "test-*", resource: x, justification: fine}\n', 'd.yaml'), [openRule], 'd.yaml'),
    ).not.toThrow();
  });
});
