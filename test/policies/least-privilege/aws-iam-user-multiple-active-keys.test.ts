import rule from '../../../policies/least-privilege/aws-iam-user-multiple-active-keys.js';
import { ruleTester } from '../../support/rule-tester.js';
import { awsShaped, creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

// Built by toModel from the AWS-shaped responses in test/fixtures/aws/iam/aws-* (moto has no root row and cannot backdate keys).
const aws = awsShaped();

ruleTester(rule, {
  valid: [
    { name: 'one active, one inactive', resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(5)), key(2, false, daysAgo(200))] }) }) },
    { name: 'no keys', resource: user('u') },
    { name: 'AWS report: one active key, one inactive', resource: aws.users.get('active-human')! },
  ],
  invalid: [
    {
      name: 'two active keys',
      resource: user('ci', { credentials: creds({ accessKeys: [key(1, true, daysAgo(5)), key(2, true, daysAgo(200))] }) }),
      messageId: 'multiple',
      evidence: { activeKeys: [{ slot: 1 }, { slot: 2 }] },
    },
    {
      name: 'AWS report: two active keys',
      resource: aws.users.get('legacy-deployer')!,
      messageId: 'multiple',
      evidence: {
        identity: 'user/legacy-deployer',
        activeKeys: [
          { slot: 1, lastUsed: '2026-05-31T23:10:00.000Z' },
          { slot: 2, lastUsed: '2025-11-01T12:00:00.000Z' },
        ],
      },
    },
  ],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'not in the report', resource: user('u', { credentials: null }) },
    { name: 'AWS report: user created after the report', resource: aws.users.get('after-report')! },
  ],
});
