import { defineRule } from '../../src/api/rule.js';
import { KMS_KEY, KMS_KEY_POLICY } from '../../src/model/aws/kms.js';
import { publicGrants } from '../_lib/aws-resource-policy.js';

export default defineRule({
  id: 'aws-kms-key-policy-public',
  title: 'KMS key policy open to everyone',
  severity: 'critical',
  resourceTypes: [KMS_KEY],
  inputs: [KMS_KEY_POLICY],
  description:
    'Flags customer-managed keys whose key policy allows `*` (any AWS principal, or `NotPrincipal`) without a condition pinning the caller to fixed values (`kms:CallerAccount`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce`, …).',
  risk: 'Any AWS account can use the key as the policy allows: decrypt data encrypted under it, encrypt with it, or, with administrative actions, change its policy or schedule its deletion.',
  remediation: [
    'Replace `*` with the account root or named roles, or add a condition such as `"StringEquals": {"kms:CallerAccount": "ACCOUNT"}` or `aws:PrincipalOrgID`.',
    '',
    '- CLI: `aws kms put-key-policy --key-id KEY_ID --policy-name default --policy file://policy.json`',
    '- Terraform: the `policy` argument of `aws_kms_key` (or `aws_kms_key_policy`).',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account',
  ],
  messages: {
    public: 'KMS key {{name}}: its key policy allows everyone ({{statements}}).',
    restricted: 'KMS key {{name}}: its key policy is not open to everyone.',
    unreadable: 'KMS key {{name}}: its key policy could not be read.',
  },
  evaluate(key) {
    const name = key.ref.name ? `${key.data.keyId} (${key.ref.name})` : key.data.keyId;
    if (key.data.policy === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    const grants = publicGrants(key.data.policy, ['kms:CallerAccount']);
    if (grants.length === 0) return { status: 'pass', messageId: 'restricted', data: { name } };
    return {
      status: 'fail',
      messageId: 'public',
      data: { name, statements: grants.map((g) => g.statement).join(', ') },
      evidence: { keyArn: key.data.arn, publicStatements: grants },
    };
  },
});
