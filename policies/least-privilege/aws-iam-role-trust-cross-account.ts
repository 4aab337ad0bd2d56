import { defineRule } from '../../src/api/rule.js';
import { IAM_ROLE } from '../../src/model/aws/iam.js';
import { foreignTrustResult, foreignTrusts } from '../_lib/iam-trust.js';

interface Options {
  /** Account ids (12 digits) that may be trusted: your organization, approved vendors. */
  knownAccounts: string[];
}

const defaults: Options = { knownAccounts: [] };

export default defineRule({
  id: 'aws-iam-role-trust-cross-account',
  title: 'Role trusts an unknown AWS account',
  severity: 'medium',
  resourceTypes: [IAM_ROLE],
  description:
    'Flags roles whose trust policy lets principals of another AWS account assume them when that account is not in the `knownAccounts` list. Account ids are read from plain ids, `:root`, user, role and assumed-role ARNs. `Principal: "*"` is reported by aws-iam-role-trust-any-principal.',
  risk: "Every principal the other account authorizes — now or later, including one an attacker creates there — inherits the role's permissions in your account. Unknown trust relationships are how vendor compromises and forgotten test accounts become your incident.",
  remediation: [
    'Confirm who owns the account. Remove the trust if nobody does; otherwise add the account to `knownAccounts` in the Vigil config, and require `sts:ExternalId` for third parties.',
    '',
    '- Console: IAM → Roles → the role → Trust relationships → Edit trust policy.',
    '- CLI: `aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html',
  ],
  messages: {
    unknownAccount: 'Role {{role}} trusts account(s) {{accounts}}, not in the known accounts list.',
    ok: 'Role {{role}} trusts no unknown account.',
    unreadable: 'Role {{role}}: its trust policy could not be read.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { knownAccounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } } },
    additionalProperties: false,
  },
  evaluate(role, ctx) {
    const doc = role.data.trustPolicy;
    if (!doc) return { status: 'unknown', messageId: 'unreadable', data: { role: role.data.name } };
    return foreignTrustResult(role, foreignTrusts(doc, role.ref.account, new Set(ctx.options.knownAccounts)), 'unknownAccount');
  },
});
