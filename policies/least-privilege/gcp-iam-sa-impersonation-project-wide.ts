import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { IMPERSONATION_ROLES, MEMBER_LIST_SCHEMA, ROLE_LIST_SCHEMA, grants, grantsResult, policyLabel } from '../_lib/gcp-iam.js';

interface Options {
  roles: string[];
  allowedMembers: string[];
}

const defaults: Options = { roles: [...IMPERSONATION_ROLES], allowedMembers: [] };

export default defineRule({
  id: 'gcp-iam-sa-impersonation-project-wide',
  title: 'Service Account User or Token Creator granted project-wide',
  severity: 'high',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags project, folder and organization IAM policies that grant `roles/iam.serviceAccountUser` or `roles/iam.serviceAccountTokenCreator` (tunable `roles`) to anyone. Granted on a node, these roles let the principal act as every service account under it (CIS GCP 1.6). Grants on a single service account are not applicable.',
  risk: 'Impersonation is privilege escalation: the principal can attach any service account (including ones with Owner) to a VM or function, or mint its access tokens, and so obtain every permission any service account in the project has.',
  remediation: [
    'Remove the project-level binding and grant the role on the specific service accounts the principal must use.',
    '',
    '- Console: IAM & Admin → IAM → remove the role from the principal; then IAM & Admin → Service accounts → the account → Permissions → grant it there.',
    '- CLI: `gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=roles/iam.serviceAccountUser` then `gcloud iam service-accounts add-iam-policy-binding SA_EMAIL --member=MEMBER --role=roles/iam.serviceAccountUser`',
    '- Terraform: move the grant from `google_project_iam_member` to `google_service_account_iam_member`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/service-account-permissions',
    'https://cloud.google.com/iam/docs/service-account-impersonation',
    'https://rhinosecuritylabs.com/gcp/privilege-escalation-google-cloud-platform-part-1/',
  ],
  messages: {
    projectWide: 'The IAM policy of {{label}} grants {{grant}}{{more}}: the principal can impersonate every service account below it.',
    none: 'The IAM policy of {{label}} grants no service-account impersonation role.',
    resourceLevel: 'The IAM policy of {{label}} is on a single resource.',
  },
  defaults,
  optionsSchema: { type: 'object', properties: { roles: ROLE_LIST_SCHEMA, allowedMembers: MEMBER_LIST_SCHEMA }, additionalProperties: false },
  evaluate(p, { options }) {
    const label = policyLabel(p.data, p.ref.name);
    if (p.data.level === 'resource') return { status: 'not_applicable', messageId: 'resourceLevel', data: { label } };
    const found = grants(p.data, (m, b) => options.roles.includes(b.role) && !options.allowedMembers.includes(m));
    if (found.length === 0) return { status: 'pass', messageId: 'none', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'projectWide', data: { label, ...data }, evidence: { ...evidence, level: p.data.level } };
  },
});
