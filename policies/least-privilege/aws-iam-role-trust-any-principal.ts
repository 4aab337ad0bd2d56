import { defineRule } from '../../src/api/rule.js';
import { IAM_ROLE } from '../../src/model/aws/iam.js';
import { anyPrincipal, assumeStatements, denyRestrictions, restrictingKeys } from '../_lib/iam-trust.js';

export default defineRule({
  id: 'aws-iam-role-trust-any-principal',
  title: 'Role can be assumed by any AWS principal',
  severity: 'critical',
  resourceTypes: [IAM_ROLE],
  description:
    'Flags roles whose trust policy allows `sts:AssumeRole*` to `Principal: "*"` (or `{"AWS": "*"}`, or a `NotPrincipal`) without a condition that pins the caller: a positive condition on `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`/`SourceArn`, `sts:ExternalId`, the network origin (`aws:SourceIp`/`SourceVpc`/`SourceVpce`) or a federation `sub`/`aud` key, or a Deny of callers outside such a value. `…IfExists`, negated operators and wildcard-only values do not count as restricting.',
  risk: "Any AWS account in the world — including an attacker's — can assume the role and act with its permissions; no credential of yours needs to leak.",
  remediation: [
    'Name the trusted principals, or keep `*` only with a condition such as `StringEquals aws:PrincipalOrgID`.',
    '',
    '- Console: IAM → Roles → the role → Trust relationships → Edit trust policy.',
    '- CLI: `aws iam update-assume-role-policy --role-name NAME --policy-document file://trust.json`',
    '- Terraform: `principals { type = "AWS" identifiers = ["arn:aws:iam::111122223333:root"] }` plus a `condition` block in the `assume_role_policy` document.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  ],
  messages: {
    open: 'Role {{role}} can be assumed by any AWS principal ({{statement}}) with no restricting condition.',
    restricted: 'Role {{role}} trusts "*" only under restricting conditions ({{keys}}).',
    ok: 'Role {{role}} does not trust any principal.',
    unreadable: 'Role {{role}}: its trust policy could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(role) {
    const data = { role: role.data.name };
    const doc = role.data.trustPolicy;
    if (!doc) return { status: 'unknown', messageId: 'unreadable', data };
    const open = assumeStatements(doc).filter(anyPrincipal);
    const denies = denyRestrictions(doc);
    const unrestricted = open.filter((t) => restrictingKeys(t.condition).length === 0 && denies.length === 0);
    if (unrestricted.length) {
      return {
        status: 'fail',
        messageId: 'open',
        data: { ...data, statement: unrestricted.map((t) => t.statement).join(', ') },
        evidence: {
          identity: `role/${role.data.name}`,
          policy: 'trust policy',
          statements: unrestricted.map((t) => ({
            statement: t.statement,
            principal: t.notPrincipal ? { NotPrincipal: t.principal } : t.principal,
            condition: t.condition ?? null,
          })),
        },
      };
    }
    if (open.length)
      return { status: 'pass', messageId: 'restricted', data: { ...data, keys: [...open.flatMap((t) => restrictingKeys(t.condition)), ...denies].join(', ') } };
    return { status: 'pass', messageId: 'ok', data };
  },
});
