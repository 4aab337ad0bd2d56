import rule from '../../../policies/least-privilege/aws-iam-role-trust-cross-account.js';
import { ruleTester } from '../../support/rule-tester.js';
import { doc, gaadDenied, role } from './aws-iam-fixtures.js';

const trust = (aws: string | string[], extra: Record<string, unknown> = {}) =>
  doc({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra });

ruleTester(rule, {
  valid: [
    { name: 'own account', resource: role('r', { trustPolicy: trust('arn:aws:iam::123456789012:root') }) },
    {
      name: 'known account',
      options: { knownAccounts: ['111122223333'] },
      resource: role('r', { trustPolicy: trust(['111122223333', 'arn:aws:iam::111122223333:role/ci']) }),
    },
    { name: "Principal * is the other rule's", resource: role('r', { trustPolicy: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) }) },
  ],
  invalid: [
    {
      name: 'unknown account by root ARN',
      resource: role('vendor', { trustPolicy: trust('arn:aws:iam::999988887777:root') }),
      messageId: 'unknownAccount',
      evidence: { identity: 'role/vendor', trusts: [{ account: '999988887777', principals: ['arn:aws:iam::999988887777:root'], statement: 'statement[0]' }] },
    },
    {
      name: 'one known, one unknown (even with an external id)',
      options: { knownAccounts: ['111122223333'] },
      resource: role('r', {
        trustPolicy: trust(['111122223333', 'arn:aws:sts::444455556666:assumed-role/x/y'], { Condition: { StringEquals: { 'sts:ExternalId': 'z' } } }),
      }),
      messageId: 'unknownAccount',
      evidence: { trusts: [{ account: '444455556666' }] },
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied] },
    { name: 'trust policy unreadable', resource: role('r', { trustPolicy: null }) },
  ],
});
