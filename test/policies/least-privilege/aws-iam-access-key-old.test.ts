import rule from '../../../policies/least-privilege/aws-iam-access-key-old.js';
import { ruleTester } from '../../support/rule-tester.js';
import { NOW, creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'fresh key', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(10))] }) }) },
    { name: 'old key but inactive', now: NOW, status: 'not_applicable', resource: user('u', { credentials: creds({ accessKeys: [key(1, false, daysAgo(400))] }) }) },
    { name: 'tunable limit', now: NOW, options: { maxAgeDays: 365 }, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(200))] }) }) },
  ],
  invalid: [
    { name: 'active key of 91 days', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(10)), key(2, true, daysAgo(91))] }) }), messageId: 'old', evidence: { keys: [{ slot: 2, ageDays: 91 }] } },
  ],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'rotation date unknown (N/A)', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, null)] }) }) },
  ],
});
