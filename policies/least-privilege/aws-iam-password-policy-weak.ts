import { defineRule } from '../../src/api/rule.js';
import { IAM_ACCOUNT, IAM_PASSWORD_POLICY } from '../../src/model/aws/iam.js';

interface Options {
  minimumLength: number;
  reusePrevention: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercase: boolean;
  requireLowercase: boolean;
  /** Maximum password age in days; `0` does not require expiry (current NIST guidance). */
  maxAgeDays: number;
}

const defaults: Options = {
  minimumLength: 14,
  reusePrevention: 24,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercase: false,
  requireLowercase: false,
  maxAgeDays: 0,
};

export default defineRule({
  id: 'aws-iam-password-policy-weak',
  title: 'Account password policy is missing or weak',
  severity: 'medium',
  resourceTypes: [IAM_ACCOUNT],
  inputs: [IAM_PASSWORD_POLICY],
  description:
    'Flags accounts with no IAM password policy, or one below the tunable bar: minimum length ≥ 14 and reuse prevention ≥ 24 by default (CIS AWS Foundations 1.8/1.9); character classes and expiry can be required too.',
  risk: 'Short or reused console passwords fall to guessing and credential stuffing; without a policy AWS accepts any 8-character password.',
  remediation: [
    'Set a password policy (and prefer federation with your identity provider over IAM user passwords).',
    '',
    '- Console: IAM → Account settings → Password policy → Edit.',
    '- CLI: `aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --allow-users-to-change-password`',
    '- Terraform: `aws_iam_account_password_policy { minimum_password_length = 14 password_reuse_prevention = 24 }`',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16',
  ],
  messages: {
    missing: 'Account {{account}} has no IAM password policy.',
    weak: 'Account {{account}} password policy is weak: {{weaknesses}}.',
    ok: 'Account {{account}} password policy meets the bar.',
    unknown: 'Account {{account}}: the password policy could not be read.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: {
      minimumLength: { type: 'integer', minimum: 6, maximum: 128 },
      reusePrevention: { type: 'integer', minimum: 0, maximum: 24 },
      requireSymbols: { type: 'boolean' },
      requireNumbers: { type: 'boolean' },
      requireUppercase: { type: 'boolean' },
      requireLowercase: { type: 'boolean' },
      maxAgeDays: { type: 'integer', minimum: 0, maximum: 1095 },
    },
    additionalProperties: false,
  },
  evaluate(acct, ctx) {
    const account = acct.ref.account;
    const p = acct.data.passwordPolicy;
    const o = ctx.options;
    if (p === null) return { status: 'unknown', messageId: 'unknown', data: { account } };
    if (!p.set) return { status: 'fail', messageId: 'missing', data: { account }, evidence: { passwordPolicy: 'none set' } };
    const weak: string[] = [];
    if ((p.minimumPasswordLength ?? 0) < o.minimumLength) weak.push(`minimum length ${p.minimumPasswordLength ?? 'unset'} < ${o.minimumLength}`);
    if ((p.passwordReusePrevention ?? 0) < o.reusePrevention) weak.push(`reuse prevention ${p.passwordReusePrevention ?? 'unset'} < ${o.reusePrevention}`);
    if (o.requireSymbols && !p.requireSymbols) weak.push('symbols not required');
    if (o.requireNumbers && !p.requireNumbers) weak.push('numbers not required');
    if (o.requireUppercase && !p.requireUppercaseCharacters) weak.push('uppercase not required');
    if (o.requireLowercase && !p.requireLowercaseCharacters) weak.push('lowercase not required');
    if (o.maxAgeDays > 0 && (p.maxPasswordAge === null || p.maxPasswordAge > o.maxAgeDays))
      weak.push(`max age ${p.maxPasswordAge ?? 'none'} > ${o.maxAgeDays} days`);
    if (!weak.length) return { status: 'pass', messageId: 'ok', data: { account } };
    return { status: 'fail', messageId: 'weak', data: { account, weaknesses: weak.join('; ') }, evidence: { weaknesses: weak, passwordPolicy: p } };
  },
});
