import { defineRule } from '../../src/api/rule.js';
import {
  IDENTITY_DERIVES,
  IDENTITY_INPUTS,
  IDENTITY_TYPES,
  checkIdentity,
  identityDefaults,
  identityMessages,
  identityOptionsProps,
} from '../_lib/iam-rules.js';

export default defineRule({
  id: 'aws-iam-full-admin',
  title: 'IAM identity has full administrator access',
  severity: 'high',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    "Flags users, groups and roles whose effective policies (inline, attached managed and, for users, their groups') contain an Allow of `*` on `*`, or a `NotAction` on every resource that excludes only individual actions (an admin grant in disguise). An unconditional Deny of `*` in the same identity removes it; narrower Denies are listed in the evidence, and a condition on the grant is shown.",
  risk: 'An administrator identity can read every secret, delete every resource, disable logging and create backdoor identities. Its compromise — a leaked key, a phished console login, an SSRF on a host using the role — is the compromise of the whole account.',
  remediation: [
    'Replace the `*` grant with the actions the identity needs (IAM Access Analyzer can generate a policy from CloudTrail activity); keep break-glass admin roles few, MFA-protected and monitored.',
    '',
    '- Console: IAM → Users/Groups/Roles → the identity → Permissions → detach or edit the policy named in the evidence.',
    '- CLI: `aws iam detach-user-policy --user-name NAME --policy-arn ARN` (or `delete-user-policy` for an inline policy; `-group-` / `-role-` likewise).',
    '- Terraform: remove the `"*"` action from the `aws_iam_policy_document`, or the `AdministratorAccess` attachment.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_elements_notaction.html',
  ],
  messages: identityMessages('{{identity}} has full administrator access through {{where}}{{conditional}}.', '{{identity}} has no `*` on `*` grant.'),
  defaults: identityDefaults,
  optionsSchema: { type: 'object', properties: identityOptionsProps, additionalProperties: false },
  evaluate(resource, ctx) {
    return checkIdentity(
      resource,
      ctx,
      (id) => id.set.fullAdmin().grants,
      (id, grants) => {
        const conditional = grants.every((g) => g.condition || g.conditionalDenies);
        return {
          status: 'fail',
          messageId: 'fail',
          data: {
            identity: id.label,
            where: grants.map((g) => `${g.policy} (${g.statement})${g.identity === id.label ? '' : ` of ${g.identity}`}`).join(', '),
            conditional: conditional ? ' (only when its condition holds)' : '',
          },
          evidence: { identity: id.label, grants, exceptDenied: id.set.fullAdmin().partialDenies },
        };
      },
    );
  },
});
