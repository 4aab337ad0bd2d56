import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { PUBLIC_MEMBERS, grants, grantsResult, policyLabel } from '../_lib/gcp-iam.js';

/**
 * Critical because the grant covers a whole project, folder or organization. The same members on a
 * single resource (a bucket, a key) are reported by `gcp-iam-public-member-resource` at high severity:
 * a finding's severity comes from its rule, so the two scopes are two rules.
 */
export default defineRule({
  id: 'gcp-iam-public-member',
  title: 'Project, folder or organization IAM policy grants a role to allUsers or allAuthenticatedUsers',
  severity: 'critical',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags IAM policies of projects, folders and organizations with a binding to `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (anyone with any Google account). Policies on single resources are checked by gcp-iam-public-member-resource.',
  risk: 'Every resource under the node inherits the grant: anyone on the internet (or any of the billions of Google accounts) gets the role on every project, dataset, bucket and VM below it.',
  remediation: [
    'Remove `allUsers` and `allAuthenticatedUsers` from the policy; grant the role to the groups that need it. Consider the `iam.allowedPolicyMemberDomains` organization policy (domain-restricted sharing) to prevent it.',
    '',
    '- Console: IAM & Admin → IAM → filter "allUsers" / "allAuthenticatedUsers" → remove the principal.',
    '- CLI: `gcloud projects remove-iam-policy-binding PROJECT --member=allAuthenticatedUsers --role=ROLE`',
    '- Terraform: remove the member from `google_project_iam_binding` / `google_project_iam_member`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/overview#all-users',
    'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains',
  ],
  messages: {
    public: 'The IAM policy of {{label}} grants {{grant}}{{more}}.',
    notPublic: 'The IAM policy of {{label}} grants nothing to allUsers or allAuthenticatedUsers.',
    resourceLevel: 'The IAM policy of {{label}} is on a single resource (see gcp-iam-public-member-resource).',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(p) {
    const label = policyLabel(p.data, p.ref.name);
    if (p.data.level === 'resource') return { status: 'not_applicable', messageId: 'resourceLevel', data: { label } };
    const found = grants(p.data, (m) => PUBLIC_MEMBERS.has(m));
    if (found.length === 0) return { status: 'pass', messageId: 'notPublic', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'public', data: { label, ...data }, evidence: { ...evidence, level: p.data.level } };
  },
});
