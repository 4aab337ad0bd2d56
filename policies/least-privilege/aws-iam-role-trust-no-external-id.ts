import { defineRule } from '../../src/api/rule.js';
import { IAM_ROLE } from '../../src/model/aws/iam.js';
import { foreignTrustResult, foreignTrusts, hasExternalId, restrictingKeys, type TrustStatement } from '../_lib/iam-trust.js';

interface Options {
  /** Accounts of your own organization: they are not third parties and need no external id. */
  internalAccounts: string[];
}

const defaults: Options = { internalAccounts: [] };

export default defineRule({
  id: 'aws-iam-role-trust-no-external-id',
  title: 'Third-party role trust without sts:ExternalId',
  severity: 'medium',
  resourceTypes: [IAM_ROLE],
  description:
    'Flags roles that another account may assume without a positive `sts:ExternalId` condition. Accounts listed in `internalAccounts`, and statements pinned to your organization with `aws:PrincipalOrgID`/`aws:PrincipalOrgPaths`, are not third parties.',
  risk: "Without an external id, a vendor serving many customers can be tricked into using its access to your account on someone else's behalf (the confused-deputy problem): anyone who learns the role ARN can ask the vendor to assume it.",
  remediation: [
    'Ask the vendor for the external id it generated for you and require it in the trust policy.',
    '',
    '- Console: IAM → Roles → the role → Trust relationships → add `"Condition": {"StringEquals": {"sts:ExternalId": "<id>"}}`.',
    '- Terraform: `condition { test = "StringEquals" variable = "sts:ExternalId" values = [var.external_id] }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
  ],
  messages: {
    noExternalId: 'Role {{role}} trusts account(s) {{accounts}} without an sts:ExternalId condition.',
    ok: 'Role {{role}}: every third-party trust requires an external id.',
    unreadable: 'Role {{role}}: its trust policy could not be read.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { internalAccounts: { type: 'array', items: { type: 'string', pattern: '^\\d{12}$' } } },
    additionalProperties: false,
  },
  evaluate(role, ctx) {
    const doc = role.data.trustPolicy;
    if (!doc) return { status: 'unknown', messageId: 'unreadable', data: { role: role.data.name } };
    // An external id, or a pin to your own organization, makes the trust acceptable.
    const accepted = (t: TrustStatement) => hasExternalId(t.condition) || restrictingKeys(t.condition).some((k) => /^aws:PrincipalOrg/i.test(k));
    return foreignTrustResult(role, foreignTrusts(doc, role.ref.account, new Set(ctx.options.internalAccounts), accepted), 'noExternalId');
  },
});
