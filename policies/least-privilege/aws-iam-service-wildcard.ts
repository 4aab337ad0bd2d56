import { defineRule } from '../../src/api/rule.js';
import { accessLevelCounts } from '../_lib/iam-actions.js';
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
  id: 'aws-iam-service-wildcard',
  title: 'IAM identity is granted every action of a service',
  severity: 'medium',
  resourceTypes: IDENTITY_TYPES,
  inputs: IDENTITY_INPUTS,
  derives: IDENTITY_DERIVES,
  description:
    'Flags identities with an Allow of a whole service (`s3:*`, `iam:*`, `ec2:*` …), whatever the resources. The evidence counts the actions each wildcard grants per access level, from the AWS action catalogue. A full `*` is reported by aws-iam-full-admin instead.',
  risk: "A service wildcard grants today's destructive and permissions-management actions along with the reads the workload needed, and silently grows with every action AWS adds to the service.",
  remediation: [
    'List the actions the workload uses (IAM Access Analyzer policy generation or last-accessed data helps) instead of `service:*`.',
    '',
    '- Console: IAM → the identity → Access Advisor tab shows what was used; then edit the policy in the evidence.',
    '- Terraform: replace `"s3:*"` with explicit actions in `aws_iam_policy_document`.',
  ].join('\n'),
  references: [
    'https://github.com/salesforce/cloudsplaining/blob/master/docs/glossary/service-wildcard.md',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-advisor.html',
  ],
  messages: identityMessages('{{identity}} is granted every action of {{services}}.', '{{identity}} has no service-wide wildcard.'),
  defaults: identityDefaults,
  optionsSchema: { type: 'object', properties: identityOptionsProps, additionalProperties: false },
  evaluate(resource, ctx) {
    return checkIdentity(
      resource,
      ctx,
      (id) => id.set.serviceWildcards(),
      (id, hits) => {
        const services = [...new Set(hits.map((h) => h.service))];
        const levels = Object.fromEntries(services.map((s) => [s, accessLevelCounts(s)]));
        return {
          status: 'fail',
          messageId: 'fail',
          data: { identity: id.label, services: services.map((s) => `${s}:*`).join(', ') },
          evidence: { identity: id.label, wildcards: hits.map((h) => ({ pattern: h.pattern, ...h.grant })), actionsByAccessLevel: levels },
        };
      },
    );
  },
});
