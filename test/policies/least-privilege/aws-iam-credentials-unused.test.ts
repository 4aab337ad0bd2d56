import rule from '../../../policies/least-privilege/aws-iam-credentials-unused.js';
import { ruleTester } from '../../support/rule-tester.js';
import { NOW, awsShaped, creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

// Users built by toModel from the AWS-shaped credential report (moto cannot backdate keys or sign-ins).
const aws = awsShaped().users;

ruleTester(rule, {
  valid: [
    {
      name: 'password and key used recently',
      now: NOW,
      resource: user('u', {
        credentials: creds({ passwordEnabled: true, passwordLastUsed: daysAgo(3), accessKeys: [key(1, true, daysAgo(300), daysAgo(1))] }),
      }),
    },
    {
      name: 'never used but issued last week',
      now: NOW,
      resource: user('u', { credentials: creds({ passwordEnabled: true, passwordLastChanged: daysAgo(7), accessKeys: [key(1, true, daysAgo(7), null)] }) }),
    },
    { name: 'no credentials', now: NOW, status: 'not_applicable', resource: user('u', { credentials: creds() }) },
    { name: 'AWS report: password and key used yesterday', now: NOW, resource: aws.get('active-human')! },
    { name: 'AWS report: password never used (N/A), set a week ago', now: NOW, resource: aws.get('new-hire')! },
  ],
  invalid: [
    {
      name: 'key unused for 120 days',
      now: NOW,
      resource: user('bot', { credentials: creds({ accessKeys: [key(1, true, daysAgo(400), daysAgo(120))] }) }),
      messageId: 'unused',
      evidence: { credentials: [{ credential: 'access key 1', status: 'stale' }] },
    },
    {
      name: 'password unused, tunable window',
      now: NOW,
      options: { maxUnusedDays: 30 },
      resource: user('u', { credentials: creds({ passwordEnabled: true, passwordLastUsed: daysAgo(45) }) }),
      messageId: 'unused',
    },
    {
      name: 'old key never used (N/A): unused since issued',
      now: NOW,
      resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(300), null)] }) }),
      messageId: 'unused',
      evidence: { credentials: [{ credential: 'access key 1', status: 'stale', lastUsed: null, neverUsed: true }] },
    },
    {
      name: 'AWS report: second key last used 212 days ago',
      now: NOW,
      resource: aws.get('legacy-deployer')!,
      messageId: 'unused',
      evidence: { identity: 'user/legacy-deployer', credentials: [{ credential: 'access key 2', status: 'stale', lastUsed: '2025-11-01T12:00:00.000Z' }] },
    },
    {
      name: 'AWS report: key issued a year ago, never used (N/A)',
      now: NOW,
      resource: aws.get('forgotten-key')!,
      messageId: 'unused',
      evidence: { credentials: [{ credential: 'access key 1', since: '2025-06-01T12:01:00.000Z', neverUsed: true }] },
    },
    {
      name: 'AWS report: password not used since 2014 (no_information)',
      now: NOW,
      resource: aws.get('ancient-console')!,
      messageId: 'unused',
      evidence: { credentials: [{ credential: 'console password', lastUsed: null, since: '2013-05-01T09:00:00.000Z' }] },
    },
  ],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'no last use and no issue date', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, null, null)] }) }) },
    { name: 'AWS report: user created after the report (not in it)', now: NOW, resource: aws.get('after-report')! },
  ],
});
