import rule from '../../../policies/least-privilege/aws-iam-credentials-unused.js';
import { ruleTester } from '../../support/rule-tester.js';
import { NOW, creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'password and key used recently', now: NOW, resource: user('u', { credentials: creds({ passwordEnabled: true, passwordLastUsed: daysAgo(3), accessKeys: [key(1, true, daysAgo(300), daysAgo(1))] }) }) },
    { name: 'never used but issued last week', now: NOW, resource: user('u', { credentials: creds({ passwordEnabled: true, passwordLastChanged: daysAgo(7), accessKeys: [key(1, true, daysAgo(7), null)] }) }) },
    { name: 'no credentials', now: NOW, status: 'not_applicable', resource: user('u', { credentials: creds() }) },
  ],
  invalid: [
    { name: 'key unused for 120 days', now: NOW, resource: user('bot', { credentials: creds({ accessKeys: [key(1, true, daysAgo(400), daysAgo(120))] }) }), messageId: 'unused', evidence: { credentials: [{ credential: 'access key 1', status: 'stale' }] } },
    { name: 'password unused, tunable window', now: NOW, options: { maxUnusedDays: 30 }, resource: user('u', { credentials: creds({ passwordEnabled: true, passwordLastUsed: daysAgo(45) }) }), messageId: 'unused' },
  ],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'old key, last use unknown (N/A is not a date)', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(300), null)] }) }) },
  ],
});
