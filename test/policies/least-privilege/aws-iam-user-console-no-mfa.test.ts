import rule from '../../../policies/least-privilege/aws-iam-user-console-no-mfa.js';
import { ruleTester } from '../../support/rule-tester.js';
import { creds, daysAgo, reportDenied, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'console with MFA', resource: user('u', { credentials: creds({ passwordEnabled: true, mfaActive: true }) }) },
    { name: 'no console password', status: 'not_applicable', resource: user('u', { credentials: creds({ passwordEnabled: false }) }) },
  ],
  invalid: [{ name: 'console without MFA', resource: user('alice', { credentials: creds({ passwordEnabled: true, mfaActive: false, passwordLastUsed: daysAgo(2) }) }), messageId: 'noMfa', evidence: { identity: 'user/alice', mfaActive: false } }],
  unknown: [
    { name: 'credential report denied', resource: user('u', { credentials: null }), coverage: [reportDenied] },
    { name: 'user not in the report', resource: user('u', { credentials: null }) },
  ],
});
