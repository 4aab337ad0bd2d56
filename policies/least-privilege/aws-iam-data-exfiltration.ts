import { defineRule } from '../../src/api/rule.js';
import {
  IDENTITY_DERIVES,
  DATA_EXFILTRATION_ACTIONS,
  IDENTITY_INPUTS,
  IDENTITY_TYPES,
  checkUnconstrainedActions,
  identityDefaults,
  identityMessages,
  identityOptionsProps,
  type IdentityRuleOptions,
} from '../_lib/iam-rules.js';

interface Options extends IdentityRuleOptions {
  /** Actions that read data out of the account. */
  actions: string[];
}

const defaults: Options = { ...identityDefaults, actions: DATA_EXFILTRATION_ACTIONS };

export default defineRule({
  id: 'aws-iam-data-exfiltration',
  title: 'IAM identity can read data without resource constraints',
  severity: 'medium',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    'Flags identities whose effective policies allow data-reading actions — `s3:GetObject`, `ssm:GetParameter*`, `secretsmanager:GetSecretValue`, RDS snapshot copies (tunable) — on every resource (`*`, `arn:aws:s3:::*/*`, `secret:*`…) rather than on named buckets, parameters or secrets. Wildcards (`s3:Get*`, `s3:*`, `*`) and `NotAction` count; a covering Deny removes the grant.',
  risk: 'A compromised identity with unconstrained read can pull every object, parameter and secret in the account — customer data, database passwords, API keys — in one sweep.',
  remediation: [
    'Name the buckets, prefixes, parameter paths and secrets the identity needs in `Resource`, or move the data behind resource policies.',
    '',
    "- Console: IAM → the identity → the policy named in the evidence → edit the statement's Resource.",
    '- Terraform: `resources = ["arn:aws:s3:::my-bucket/reports/*"]` instead of `"*"` in `aws_iam_policy_document`.',
  ].join('\n'),
  references: [
    'https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/data-exfiltration.md',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  messages: identityMessages('{{identity}} can {{actions}} on every resource{{conditional}}.', '{{identity}} has no unconstrained data-read action.'),
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { ...identityOptionsProps, actions: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$' } } },
    additionalProperties: false,
  },
  evaluate(resource, ctx) {
    return checkUnconstrainedActions(resource, ctx);
  },
});
