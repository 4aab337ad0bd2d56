import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { BASIC_ROLES, MEMBER_LIST_SCHEMA, ROLE_LIST_SCHEMA, grants, grantsResult, isServiceAgent, memberKind, policyLabel } from '../_lib/gcp-iam.js';

const KINDS = new Set(['user', 'group', 'serviceAccount', 'domain']);

interface Options {
  roles: string[];
  allowedMembers: string[];
  ignoreServiceAgents: boolean;
}

const defaults: Options = { roles: [...BASIC_ROLES], allowedMembers: [], ignoreServiceAgents: true };

export default defineRule({
  id: 'gcp-iam-basic-role',
  title: 'Basic role (Owner or Editor) granted to a user, group or service account',
  severity: 'medium',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags IAM policies that grant a basic role (`roles/owner`, `roles/editor`; tunable) to users, groups, domains or service accounts. Google-managed service agents (which Google grants Editor itself) are skipped unless `ignoreServiceAgents` is false; `allowedMembers` lists accepted principals (break-glass accounts).',
  risk: 'Basic roles predate IAM and grant thousands of permissions across every service of the project: one phished user or leaked service-account key can read all data, change IAM and delete resources.',
  remediation: [
    'Replace basic roles with predefined or custom roles that cover what each principal does (IAM Recommender shows the permissions actually used).',
    '',
    '- Console: IAM & Admin → IAM → the principal → Edit → replace Owner/Editor with specific roles.',
    '- CLI: `gcloud projects remove-iam-policy-binding PROJECT --member=user:NAME --role=roles/editor` then `add-iam-policy-binding` with a predefined role.',
    '- Terraform: replace `roles/editor` in `google_project_iam_member` with predefined roles.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/iam/docs/roles-overview#basic',
    'https://cloud.google.com/iam/docs/using-iam-securely#least_privilege',
    'https://cloud.google.com/iam/docs/recommender-overview',
  ],
  messages: {
    basic: 'The IAM policy of {{label}} grants the basic role {{grant}}{{more}}.',
    noBasic: 'The IAM policy of {{label}} grants no basic role to users, groups or service accounts.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { roles: ROLE_LIST_SCHEMA, allowedMembers: MEMBER_LIST_SCHEMA, ignoreServiceAgents: { type: 'boolean' } },
    additionalProperties: false,
  },
  evaluate(p, { options }) {
    const label = policyLabel(p.data, p.ref.name);
    const found = grants(
      p.data,
      (m, b) =>
        options.roles.includes(b.role) &&
        KINDS.has(memberKind(m)) &&
        !options.allowedMembers.includes(m) &&
        !(options.ignoreServiceAgents && isServiceAgent(m)),
    );
    if (found.length === 0) return { status: 'pass', messageId: 'noBasic', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'basic', data: { label, ...data }, evidence };
  },
});
