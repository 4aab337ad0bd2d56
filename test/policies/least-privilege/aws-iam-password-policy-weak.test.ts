import rule from '../../../policies/least-privilege/aws-iam-password-policy-weak.js';
import type { IamPasswordPolicy } from '../../../src/model/aws/iam.js';
import { gap, ruleTester } from '../../support/rule-tester.js';
import { account } from './aws-iam-fixtures.js';

const policy = (p: Partial<Extract<IamPasswordPolicy, { set: true }>>): IamPasswordPolicy => ({
  set: true,
  minimumPasswordLength: 14,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: true,
  expirePasswords: false,
  maxPasswordAge: null,
  passwordReusePrevention: 24,
  hardExpiry: false,
  ...p,
});

ruleTester(rule, {
  valid: [
    { name: 'length 14, reuse 24', resource: account({ passwordPolicy: policy({}) }) },
    {
      name: 'tunable bar',
      options: { minimumLength: 8, reusePrevention: 0 },
      resource: account({ passwordPolicy: policy({ minimumPasswordLength: 8, passwordReusePrevention: null }) }),
    },
  ],
  invalid: [
    { name: 'no policy set', resource: account({ passwordPolicy: { set: false } }), messageId: 'missing' },
    {
      name: 'short and reusable',
      resource: account({ passwordPolicy: policy({ minimumPasswordLength: 8, passwordReusePrevention: null }) }),
      messageId: 'weak',
      evidence: { weaknesses: ['minimum length 8 < 14', 'reuse prevention unset < 24'] },
    },
    {
      name: 'symbols required by config',
      options: { requireSymbols: true },
      resource: account({ passwordPolicy: policy({}) }),
      messageId: 'weak',
      evidence: { weaknesses: ['symbols not required'] },
    },
  ],
  unknown: [
    { name: 'password policy unreadable', resource: account({ passwordPolicy: null }) },
    {
      name: 'password policy call throttled',
      resource: account(),
      coverage: [gap(['aws.iam.password-policy'], { service: 'iam', region: 'global', operation: 'GetAccountPasswordPolicy', status: 'throttled' })],
    },
  ],
});
