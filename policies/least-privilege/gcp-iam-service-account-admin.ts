import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { BASIC_ROLES, MEMBER_LIST_SCHEMA, ROLE_LIST_SCHEMA, grants, grantsResult, isServiceAgent, memberKind, policyLabel } from '../_lib/gcp-iam.js';

interface Options {
  roles: string[];
  includeAdminRoles: boolean;
  allowedMembers: string[];
  ignoreServiceAgents: boolean;
}

const defaults: Options = { roles: [...BASIC_ROLES], includeAdminRoles: false, allowedMembers: [], ignoreServiceAgents: true };

export default defineRule({
  id: 'gcp-iam-service-account-admin',
  title: 'Service account holds Owner or Editor',
  severity: 'high',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags IAM policies that grant `roles/owner` or `roles/editor` (tunable `roles`) to a service account; with `includeAdminRoles`, any role whose name ends in `Admin`/`admin` counts too (CIS GCP 1.5). Google-managed service agents are skipped by default; the default Compute Engine and App Engine service accounts are not agents and are reported.',
  risk: 'Service-account credentials live in code, CI systems and on VMs: whoever obtains a key or compromises a workload running as the account gets project-wide control.',
  remediation: [
    'Give each service account only the predefined roles its workload needs; stop using the default Compute Engine service account with Editor (disable `iam.automaticIamGrantsForDefaultServiceAccounts`).',
    '',
    '- Console: IAM & Admin → IAM → the service account → Edit → replace Owner/Editor.',
    '- CLI: `gcloud projects remove-iam-policy-binding PROJECT --member=serviceAccount:EMAIL --role=roles/editor`',
    '- Terraform: replace the basic role in `google_project_iam_member` for the service account.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/best-practices-service-accounts',
    'https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-accounts#disable_service_account_default_grants',
  ],
  messages: {
    admin: 'The IAM policy of {{label}} grants {{grant}}{{more}} to a service account.',
    noAdmin: 'The IAM policy of {{label}} grants no Owner/Editor role to a service account.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: {
      roles: ROLE_LIST_SCHEMA,
      includeAdminRoles: { type: 'boolean' },
      allowedMembers: MEMBER_LIST_SCHEMA,
      ignoreServiceAgents: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  evaluate(p, { options }) {
    const label = policyLabel(p.data, p.ref.name);
    const roleMatches = (role: string) => options.roles.includes(role) || (options.includeAdminRoles && /admin$/i.test(role));
    const found = grants(
      p.data,
      (m, b) =>
        memberKind(m) === 'serviceAccount' && roleMatches(b.role) && !options.allowedMembers.includes(m) && !(options.ignoreServiceAgents && isServiceAgent(m)),
    );
    if (found.length === 0) return { status: 'pass', messageId: 'noAdmin', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'admin', data: { label, ...data }, evidence };
  },
});
