import { defineRule } from '../../src/api/rule.js';
import { IAM_ACCOUNT } from '../../src/model/aws/iam.js';

export default defineRule({
  id: 'aws-iam-root-mfa-disabled',
  title: 'Root user has no MFA',
  severity: 'critical',
  resourceTypes: [IAM_ACCOUNT],
  description:
    "Flags accounts whose root user has no MFA device, from GetAccountSummary (`AccountMFAEnabled`) or, when the summary is unavailable, the credential report's `<root_account>` row. Unknown when neither could be read.",
  risk: 'The root user can do anything, including closing the account and changing its contact details; protected by a password alone, one phished or reused password hands the account over.',
  remediation: [
    'Enable a hardware or passkey MFA device on the root user (AWS now requires MFA for root in most accounts).',
    '',
    '- Console: sign in as root → account menu → Security credentials → Multi-factor authentication → Assign MFA device.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9',
  ],
  messages: {
    noMfa: 'The root user of account {{account}} has no MFA ({{source}}).',
    ok: 'The root user of account {{account}} has MFA ({{source}}).',
    unknown: 'Account {{account}}: neither the account summary nor the credential report root row could be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(acct) {
    const account = acct.ref.account;
    const fromSummary = acct.data.summary?.accountMfaEnabled ?? null;
    const fromReport = acct.data.credentialReport?.root?.mfaActive ?? null;
    const mfa = fromSummary ?? fromReport;
    const source = fromSummary !== null ? 'account summary' : 'credential report';
    if (mfa === null) return { status: 'unknown', messageId: 'unknown', data: { account } };
    if (mfa) return { status: 'pass', messageId: 'ok', data: { account, source } };
    return { status: 'fail', messageId: 'noMfa', data: { account, source }, evidence: { identity: 'root', mfaEnabled: false, source } };
  },
});
