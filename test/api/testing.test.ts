// The README's "Writing your own rules" example, through the package's own export names.
import { describe, expect, it } from '@jest/globals';
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
  ])('%s', async (_what, cases, failing) => {
    const its = collect(cases as never);
    const target = its.find(([n]) => n === failing);
    expect(target).toBeDefined();
    await expect(Promise.resolve().then(() => target![1]())).rejects.toThrow();
  });
});
