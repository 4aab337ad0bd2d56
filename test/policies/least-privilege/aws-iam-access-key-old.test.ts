import rule from '../../../policies/least-privilege/aws-iam-access-key-old.js';
import { ruleTester } from '../../support/rule-tester.js';
import { NOW, awsShaped, creds, daysAgo, key, reportDenied, user } from './aws-iam-fixtures.js';

// Built by toModel from the AWS-shaped responses in test/fixtures/aws/iam/aws-* (moto has no root row and cannot backdate keys).
const aws = awsShaped();

ruleTester(rule, {
  valid: [
    { name: 'fresh key', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(10))] }) }) },
    {
      name: 'old key but inactive',
      now: NOW,
      status: 'not_applicable',
      resource: user('u', { credentials: creds({ accessKeys: [key(1, false, daysAgo(400))] }) }),
    },
    {
      name: 'tunable limit',
      now: NOW,
      options: { maxAgeDays: 365 },
      resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(200))] }) }),
    },
    { name: 'AWS report: key rotated 52 days ago, the old one inactive', now: NOW, resource: aws.users.get('active-human')! },
    { name: 'AWS report: no keys (N/A rotation, inactive)', now: NOW, status: 'not_applicable', resource: aws.users.get('ancient-console')! },
  ],
  invalid: [
    {
      name: 'active key of 91 days',
      now: NOW,
      resource: user('u', { credentials: creds({ accessKeys: [key(1, true, daysAgo(10)), key(2, true, daysAgo(91))] }) }),
      messageId: 'old',
      evidence: { keys: [{ slot: 2, ageDays: 91 }] },
    },
    {
      name: 'AWS report: keys from 2021 and 2025 both active',
      now: NOW,
      resource: aws.users.get('legacy-deployer')!,
      messageId: 'old',
      evidence: {
        identity: 'user/legacy-deployer',
        keys: [
          { slot: 1, lastRotated: '2021-02-01T10:05:00.000Z', ageDays: 1945 },
          { slot: 2, lastRotated: '2025-01-15T08:00:00.000Z', ageDays: 501 },
        ],
      },
    },
  ],
  unknown: [
    { name: 'credential report denied', coverage: [reportDenied], resource: user('u', { credentials: null }) },
    { name: 'rotation date unknown (N/A)', now: NOW, resource: user('u', { credentials: creds({ accessKeys: [key(1, true, null)] }) }) },
    { name: 'AWS report: user created after the report', now: NOW, resource: aws.users.get('after-report')! },
  ],
});
