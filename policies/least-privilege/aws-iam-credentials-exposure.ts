import { defineRule } from '../../src/api/rule.js';
import {
  IDENTITY_DERIVES,
  CREDENTIALS_EXPOSURE_ACTIONS,
  IDENTITY_INPUTS,
  IDENTITY_TYPES,
  checkUnconstrainedActions,
  identityDefaults,
  identityMessages,
  identityOptionsProps,
  type IdentityRuleOptions,
} from '../_lib/iam-rules.js';

interface Options extends IdentityRuleOptions {
  /** Actions that return or create credentials. */
  actions: string[];
}

const defaults: Options = { ...identityDefaults, actions: CREDENTIALS_EXPOSURE_ACTIONS };

export default defineRule({
  id: 'aws-iam-credentials-exposure',
  title: 'IAM identity can obtain credentials without resource constraints',
  severity: 'high',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    "Flags identities allowed, on every resource, actions that return or mint credentials: access keys and login profiles for any user, `sts:AssumeRole` into any role, federation and session tokens, ECR tokens, EC2 Windows passwords, Redshift/RDS IAM auth tokens, Lightsail keys… (list tunable, after cloudsplaining's credentials-exposure glossary).",
  risk: 'Credentials handed out by an API call escape every other control: an attacker holding this identity can become other users and roles, and the new credentials outlive the incident response that revokes the first.',
  remediation: [
    'Scope credential-issuing actions to the identity itself (`arn:aws:iam::ACCOUNT:user/${aws:username}`) or to the specific roles it must assume.',
    '',
    '- Console: IAM → the identity → the policy in the evidence → narrow the Resource of the listed statement.',
    '- Terraform: `resources = ["arn:aws:iam::${account}:role/deploy-*"]` for `sts:AssumeRole`.',
  ].join('\n'),
  references: [
    'https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/credentials-exposure.md',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
  ],
  messages: identityMessages(
    '{{identity}} can obtain credentials with {{actions}} on every resource{{conditional}}.',
    '{{identity}} has no unconstrained credential-issuing action.',
  ),
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { ...identityOptionsProps, actions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$' } } },
    additionalProperties: false,
  },
  evaluate(resource, ctx) {
    return checkUnconstrainedActions(resource, ctx, 6);
  },
});
