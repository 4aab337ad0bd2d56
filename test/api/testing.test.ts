// The README's "Writing your own rules" example, through the package's own export names.
import { describe, expect, it } from '@jest/globals';
import { defineRule, EBS_ENCRYPTION_DEFAULT } from '@vigil-scanner/cli/rule';
import { resource, RuleTester, ruleTester } from '@vigil-scanner/cli/testing';
import rule from '../fixtures/custom-rules/custom-open-thing.js';

ruleTester(rule, {
  valid: [{ name: 'on', resource: resource('aws.ebs.encryption-default', 'us-east-1', { region: 'us-east-1', enabled: true }), messageId: 'closed' }],
  invalid: [
    {
      name: 'off',
      resource: resource('aws.ebs.encryption-default', 'us-east-1', { region: 'us-east-1', enabled: false }),
      messageId: 'open',
      data: { id: 'us-east-1' },
      evidence: { open: true },
    },
    {
      name: 'off in two regions: exact results',
      resource: resource('aws.ebs.encryption-default', 'eu-west-1', { region: 'eu-west-1', enabled: false }, { region: 'eu-west-1' }),
      messageId: 'open',
      results: [{ status: 'fail', messageId: 'open', data: { id: 'eu-west-1' } }],
    },
  ],
  unknown: [
    { name: 'never collected', notCollected: ['aws.ebs.encryption-default'], messageId: '_coverage' },
    {
      name: 'listing denied',
      coverage: [
        {
          provider: 'aws',
          account: '123456789012',
          region: 'us-east-1',
          service: 'ec2',
          operation: 'GetEbsEncryptionByDefault',
          resourceTypes: ['aws.ebs.encryption-default'],
          status: 'denied',
          errorCode: 'AccessDenied',
        },
      ],
    },
  ],
});

describe('RuleTester catches wrong expectations', () => {
  const collect = (cases: Parameters<RuleTester['run']>[1]) => {
    const its: [string, () => void | Promise<void>][] = [];
    new RuleTester({ describe: (_n, fn) => fn(), it: (n, fn) => its.push([n, fn]) }).run(rule as never, cases as never);
    return its;
  };
  const on = resource('aws.ebs.encryption-default', 'us-east-1', { region: 'us-east-1', enabled: true });
  const off = resource('aws.ebs.encryption-default', 'us-east-1', { region: 'us-east-1', enabled: false });

  it.each([
    ['a valid case that fails', { valid: [{ name: 'x', resource: off }], invalid: [], unknown: [] }, 'valid: x'],
    ['an invalid case that passes', { valid: [], invalid: [{ name: 'x', resource: on, messageId: 'open' }], unknown: [] }, 'invalid: x → open'],
    ['a message id the rule does not define', { valid: [], invalid: [{ name: 'x', resource: off, messageId: 'opne' }], unknown: [] }, 'invalid: x → opne'],
    [
      'wrong message data',
      { valid: [], invalid: [{ name: 'x', resource: off, messageId: 'open', data: { id: 'eu-west-1' } }], unknown: [] },
      'invalid: x → open',
    ],
    ['an unknown case that passes', { valid: [], invalid: [], unknown: [{ name: 'x', resource: on }] }, 'unknown: x'],
    ['missing case kinds', { valid: [], invalid: [], unknown: [] }, 'has valid, invalid and unknown cases with unique names'],
    [
      'a results list that misses a result',
      { valid: [], invalid: [{ name: 'x', resource: off, messageId: 'open', results: [] }], unknown: [] },
      'invalid: x → open',
    ],
  ])('%s', async (_what, cases, failing) => {
    const its = collect(cases as never);
    const target = its.find(([n]) => n === failing);
    expect(target).toBeDefined();
    await expect(Promise.resolve().then(() => target![1]())).rejects.toThrow();
  });
});

describe('RuleTester asserts the exact list of results (as ESLint does)', () => {
  // A rule that reports twice on one resource: a case must list both results, or it fails.
  const twice = defineRule({
    id: 'test-twice',
    title: 'Reports twice',
    severity: 'low',
    resourceTypes: [EBS_ENCRYPTION_DEFAULT],
    description: 'Two results per region.',
    risk: 'None.',
    remediation: 'None.',
    references: [],
    messages: { a: 'a {{id}}', b: 'b {{id}}' },
    evaluate: (r) => [
      { status: r.data.enabled ? 'pass' : 'fail', messageId: 'a', data: { id: r.ref.id } },
      { status: 'fail', messageId: 'b', data: { id: r.ref.id } },
    ],
  });
  const off = resource('aws.ebs.encryption-default', 'us-east-1', { region: 'us-east-1', enabled: false });
  const run = (results?: unknown[]) => {
    const its: [string, () => void | Promise<void>][] = [];
    new RuleTester({ describe: (_n, fn) => fn(), it: (n, fn) => its.push([n, fn]) }).run(
      twice as never,
      {
        valid: [],
        invalid: [{ name: 'x', resource: off, messageId: 'a', ...(results ? { results } : {}) }],
        unknown: [],
      } as never,
    );
    const target = its.find(([n]) => n === 'invalid: x → a');
    if (!target) throw new Error('no invalid case ran');
    return () => target[1]();
  };

  it('fails a case without `results` when the rule reports more than one result', () => {
    expect(run()).toThrow(/expected exactly one result, got 2/);
  });
  it('passes when `results` lists every result in order, with data', () => {
    expect(
      run([
        { status: 'fail', messageId: 'a', data: { id: 'us-east-1' } },
        { status: 'fail', messageId: 'b' },
      ]),
    ).not.toThrow();
  });
  it('fails when a listed result has another status, message id or data, or one is missing', () => {
    const a = { status: 'fail', messageId: 'a' };
    const b = { status: 'fail', messageId: 'b' };
    expect(run([a, { ...b, status: 'unknown' }])).toThrow();
    expect(run([b, a])).toThrow();
    expect(run([{ ...a, data: { id: 'eu-west-1' } }, b])).toThrow();
    expect(run([a])).toThrow();
    expect(run([a, b])).not.toThrow();
  });
});
