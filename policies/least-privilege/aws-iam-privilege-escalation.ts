import { defineRule } from '../../src/api/rule.js';
import { findEscalations } from '../_lib/iam-escalation.js';
import {
  IDENTITY_DERIVES,
  IDENTITY_INPUTS,
  IDENTITY_TYPES,
  capped,
  checkIdentity,
  identityDefaults,
  identityMessages,
  identityOptionsProps,
  type IdentityRuleOptions,
} from '../_lib/iam-rules.js';

interface Options extends IdentityRuleOptions {
  /** Count only grants on every resource (`*`, `role/*`…). `false` also counts resource-scoped grants. */
  unconstrainedOnly: boolean;
}

const defaults: Options = { ...identityDefaults, unconstrainedOnly: true };

export default defineRule({
  id: 'aws-iam-privilege-escalation',
  title: 'IAM identity can escalate its own privileges',
  severity: 'high',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    "Evaluates the Rhino Security Labs privilege-escalation methods and newer combinations (PassRole to EC2/Lambda/Glue/CloudFormation/Data Pipeline/ECS/CodeBuild/SageMaker/App Runner, policy versions, access keys, login profiles, policy attachment, group membership, trust-policy rewrites, function code updates, …) over the **union** of an identity's policies: a user's own policies and every group's, so a method split across a group and an inline policy is found. Denies in the same identity remove grants; conditions are shown.",
  risk: 'An identity that can rewrite its own permissions, mint credentials for others or run code as a more privileged role is effectively an administrator: least privilege on paper, full control in practice.',
  remediation: [
    "Remove one action of each listed method, or scope it: `iam:PassRole` to the specific roles (with `iam:PassedToService`), IAM write actions to the identity's own ARN, or move the capability behind a permissions boundary.",
    '',
    '- Console: IAM → the identity (and the groups named in the evidence) → edit the policies and statements listed per action.',
    '- CLI: `aws iam put-user-policy` / `create-policy-version --set-as-default` with the narrowed document.',
    '- Terraform: narrow `resources` in the `aws_iam_policy_document` statements named in the evidence; add `permissions_boundary` to delegated roles.',
  ].join('\n'),
  references: [
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    'https://github.com/RhinoSecurityLabs/Security-Research/blob/master/tools/aws-pentest-tools/aws_escalate.py',
    'https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/privilege-escalation.md',
  ],
  messages: identityMessages(
    '{{identity}} can escalate privileges by {{count}} method(s): {{methods}}{{conditional}}.',
    '{{identity}} has no known privilege-escalation path.',
  ),
  defaults,
  optionsSchema: { type: 'object', properties: { ...identityOptionsProps, unconstrainedOnly: { type: 'boolean' } }, additionalProperties: false },
  evaluate(resource, ctx) {
    return checkIdentity(
      resource,
      ctx,
      (id) => findEscalations(id.set, id.kind, ctx.options.unconstrainedOnly),
      (id, hits) => {
        const shown = capped(hits, 10);
        return {
          status: 'fail',
          messageId: 'fail',
          data: {
            identity: id.label,
            count: hits.length,
            methods:
              hits
                .slice(0, 5)
                .map((h) => h.method)
                .join(', ') + (hits.length > 5 ? ', …' : ''),
            conditional: hits.every((h) => h.conditional) ? ' (each only under a condition)' : '',
          },
          evidence: { identity: id.label, methodCount: shown.total, methods: shown.items },
        };
      },
    );
  },
});
