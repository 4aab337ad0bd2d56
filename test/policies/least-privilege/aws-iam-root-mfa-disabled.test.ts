import rule from '../../../policies/least-privilege/aws-iam-root-mfa-disabled.js';
import { gap, ruleTester } from '../../support/rule-tester.js';
import { NOW, account, creds } from './aws-iam-fixtures.js';

const summary = (mfa: boolean | null) => ({ accountMfaEnabled: mfa, accountAccessKeysPresent: false, users: 0, roles: 0, groups: 0, policies: 0 });

ruleTester(rule, {
  valid: [
    { name: 'summary says MFA', resource: account() },
    { name: 'no summary, root row has MFA', resource: account({ summary: null, credentialReport: { generatedAt: NOW.toISOString(), root: creds({ mfaActive: true }) } }) },
  ],
  invalid: [
    { name: 'summary says no MFA', resource: account({ summary: summary(false) }), messageId: 'noMfa', evidence: { identity: 'root', mfaEnabled: false } },
    { name: 'root row says no MFA', resource: account({ summary: null, credentialReport: { generatedAt: NOW.toISOString(), root: creds({ mfaActive: false }) } }), messageId: 'noMfa' },
  ],
  unknown: [
    { name: 'nothing readable', resource: account({ summary: null, credentialReport: { generatedAt: null, root: null } }) },
    { name: 'account not collected', coverage: [gap(['aws.iam.account'], { service: 'iam', region: 'global', operation: 'collect', status: 'error' })] },
  ],
});
