import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { MEMBER_LIST_SCHEMA, grants, grantsResult, memberDomain, memberKind, policyLabel } from '../_lib/gcp-iam.js';

interface Options {
  allowedDomains: string[];
  checkServiceAccounts: boolean;
  allowedMembers: string[];
}

const defaults: Options = { allowedDomains: [], checkServiceAccounts: false, allowedMembers: [] };

export default defineRule({
  id: 'gcp-iam-external-member',
  title: 'IAM policy grants a role to a member outside the allowed domains',
  severity: 'medium',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags IAM bindings to `user:`, `group:` and `domain:` members whose domain is not in `allowedDomains` (exact, case-insensitive match; list subdomains explicitly). Service accounts are checked only with `checkServiceAccounts` (they are named after projects, not domains). Not applicable until `allowedDomains` is configured. Public members are reported by gcp-iam-public-member*.',
  risk: 'Personal accounts (gmail.com) and accounts of other companies are outside your identity provider: no MFA policy, no offboarding, no audit. Access granted to them survives the end of a contract.',
  remediation: [
    'Remove or replace the external members with accounts of your Cloud Identity / Workspace domain, and enforce domain-restricted sharing.',
    '',
    '- Console: IAM & Admin → IAM → remove the external principal. Organization policies → "Domain restricted sharing" (`iam.allowedPolicyMemberDomains`).',
    '- CLI: `gcloud projects remove-iam-policy-binding PROJECT --member=user:EMAIL --role=ROLE`',
    '- Terraform: `google_org_policy_policy` for `iam.allowedPolicyMemberDomains`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains',
    'https://cloud.google.com/iam/docs/principals-overview',
  ],
  messages: {
    external: 'The IAM policy of {{label}} grants {{grant}}{{more}} to a member outside the allowed domains.',
    internal: 'Every member of the IAM policy of {{label}} is in an allowed domain.',
    notConfigured: 'Set `allowedDomains` to check the members of {{label}}.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: {
      allowedDomains: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9.-]+$' }, uniqueItems: true },
      checkServiceAccounts: { type: 'boolean' },
      allowedMembers: MEMBER_LIST_SCHEMA,
    },
    additionalProperties: false,
  },
  evaluate(p, { options }) {
    const label = policyLabel(p.data, p.ref.name);
    if (options.allowedDomains.length === 0) return { status: 'not_applicable', messageId: 'notConfigured', data: { label } };
    const allowed = new Set(options.allowedDomains.map((d) => d.toLowerCase()));
    const found = grants(p.data, (m) => {
      const kind = memberKind(m);
      if (!(kind === 'user' || kind === 'group' || kind === 'domain' || (kind === 'serviceAccount' && options.checkServiceAccounts))) return false;
      const domain = memberDomain(m);
      return domain !== null && !allowed.has(domain) && !options.allowedMembers.includes(m);
    });
    if (found.length === 0) return { status: 'pass', messageId: 'internal', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'external', data: { label, ...data }, evidence: { ...evidence, allowedDomains: options.allowedDomains } };
  },
});
