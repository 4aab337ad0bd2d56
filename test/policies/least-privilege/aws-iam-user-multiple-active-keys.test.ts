import rule from '../../../policies/least-privilege/aws-iam-user-multiple-active-keys.js';
import { ruleTester } from '../../support/rule-tester.js';
import { creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'one active, one inactive', resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(5)), key(2, false, daysAgo(200))] }) }) },
    { name: 'no keys', resource: user('u') },
  ],
  invalid: [{ name: 'two active keys', resource: user('ci', { credentials: creds({ accessKeys: [key(1, true, daysAgo(5)), key(2, true, daysAgo(200))] }) }), messageId: 'multiple', evidence: { activeKeys: [{ slot: 1 }, { slot: 2 }] } }],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'not in the report', resource: user('u', { credentials: null }) },
  ],
});
