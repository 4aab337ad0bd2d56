import rule from '../../../policies/least-privilege/aws-iam-root-mfa-disabled.js';
import { gap, ruleTester } from '../../support/rule-tester.js';
import { NOW, account, awsShaped, creds } from './aws-iam-fixtures.js';

const summary = (mfa: boolean | null) => ({ accountMfaEnabled: mfa, accountAccessKeysPresent: false, users: 0, roles: 0, groups: 0, policies: 0 });

// Built by toModel from the AWS-shaped responses in test/fixtures/aws/iam/aws-* (moto has no root row and cannot backdate keys).
const aws = awsShaped();

ruleTester(rule, {
  valid: [
    { name: 'summary says MFA', resource: account() },
    {
      name: 'no summary, root row has MFA',
      resource: account({ summary: null, credentialReport: { generatedAt: NOW.toISOString(), root: creds({ mfaActive: true }) } }),
    },
  ],
  invalid: [
    { name: 'summary says no MFA', resource: account({ summary: summary(false) }), messageId: 'noMfa', evidence: { identity: 'root', mfaEnabled: false } },
    {
      name: 'AWS report and summary: root without MFA',
      resource: aws.account,
      messageId: 'noMfa',
      evidence: { identity: 'root', mfaEnabled: false, source: 'account summary' },
    },
    {
      name: 'AWS report alone: <root_account> row says mfa_active false',
      resource: { ...aws.account, data: { ...aws.account.data, summary: null } },
      messageId: 'noMfa',
      evidence: { source: 'credential report' },
    },
    {
      name: 'root row says no MFA',
      resource: account({ summary: null, credentialReport: { generatedAt: NOW.toISOString(), root: creds({ mfaActive: false }) } }),
      messageId: 'noMfa',
    },
  ],
  unknown: [
    { name: 'nothing readable', resource: account({ summary: null, credentialReport: { generatedAt: null, root: null } }) },
    { name: 'account not collected', coverage: [gap(['aws.iam.account'], { service: 'iam', region: 'global', operation: 'collect', status: 'error' })] },
  ],
});
