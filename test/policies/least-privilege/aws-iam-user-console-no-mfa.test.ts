import rule from '../../../policies/least-privilege/aws-iam-user-console-no-mfa.js';
import { ruleTester } from '../../support/rule-tester.js';
import { awsShaped, creds, daysAgo, reportDenied, user } from './aws-iam-fixtures.js';

// Built by toModel from the AWS-shaped responses in test/fixtures/aws/iam/aws-* (moto has no root row and cannot backdate keys).
const aws = awsShaped();

ruleTester(rule, {
  valid: [
    { name: 'console with MFA', resource: user('u', { credentials: creds({ passwordEnabled: true, mfaActive: true }) }) },
    { name: 'no console password', status: 'not_applicable', resource: user('u', { credentials: creds({ passwordEnabled: false }) }) },
    { name: 'AWS report: console user with MFA', resource: aws.users.get('active-human')! },
    { name: 'AWS report: keys only, no password', status: 'not_applicable', resource: aws.users.get('legacy-deployer')! },
  ],
  invalid: [
    {
      name: 'console without MFA',
      resource: user('alice', { credentials: creds({ passwordEnabled: true, mfaActive: false, passwordLastUsed: daysAgo(2) }) }),
      messageId: 'noMfa',
      evidence: { identity: 'user/alice', mfaActive: false },
    },
    {
      name: 'AWS report: password never used (no_information), no MFA',
      resource: aws.users.get('ancient-console')!,
      messageId: 'noMfa',
      evidence: { identity: 'user/ancient-console', passwordEnabled: true, mfaActive: false, passwordLastUsed: null },
    },
  ],
  unknown: [
    { name: 'credential report denied', resource: user('u', { credentials: null }), coverage: [reportDenied] },
    { name: 'user not in the report', resource: user('u', { credentials: null }) },
    { name: 'AWS report: user created after the report', resource: aws.users.get('after-report')! },
  ],
});
