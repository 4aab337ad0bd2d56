import { defineRule } from '../../src/api/rule.js';
import { IAM_CREDENTIAL_REPORT, IAM_USER } from '../../src/model/aws/iam.js';

export default defineRule({
  id: 'aws-iam-user-console-no-mfa',
  title: 'Console user without MFA',
  severity: 'high',
  resourceTypes: [IAM_USER],
  inputs: [IAM_CREDENTIAL_REPORT],
  description:
    'Flags IAM users with a console password (`password_enabled`) and no active MFA device (`mfa_active`), from the credential report. Users without a password are not applicable; users missing from the report are unknown.',
  risk: 'A console password alone falls to phishing, reuse from other breaches and guessing; with MFA a stolen password is not enough.',
  remediation: [
    'Require MFA for every console user (or move them to IAM Identity Center); deny actions without `aws:MultiFactorAuthPresent` until they enrol.',
    '',
    '- Console: IAM → Users → the user → Security credentials → Assign MFA device.',
    '- CLI: `aws iam create-virtual-mfa-device` then `aws iam enable-mfa-device --user-name NAME --serial-number ARN --authentication-code1 … --authentication-code2 …`',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5',
  ],
  messages: {
    noMfa: 'User {{user}} can sign in to the console without MFA.',
    ok: 'User {{user}} has MFA for console sign-in.',
    noConsole: 'User {{user}} has no console password.',
    notInReport: 'User {{user}} is not in the credential report (or a value is unreadable).',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(user) {
    const data = { user: user.data.name };
    const c = user.data.credentials;
    if (!c || c.passwordEnabled === null) return { status: 'unknown', messageId: 'notInReport', data };
    if (!c.passwordEnabled) return { status: 'not_applicable', messageId: 'noConsole', data };
    if (c.mfaActive === null) return { status: 'unknown', messageId: 'notInReport', data };
    if (c.mfaActive) return { status: 'pass', messageId: 'ok', data };
    return {
      status: 'fail',
      messageId: 'noMfa',
      data,
      evidence: { identity: `user/${user.data.name}`, passwordEnabled: true, mfaActive: false, passwordLastUsed: c.passwordLastUsed },
    };
  },
});
