import { defineRule } from '../../src/api/rule.js';
import { IAM_USER } from '../../src/model/aws/iam.js';

export default defineRule({
  id: 'aws-iam-user-direct-policies',
  title: 'Policies attached directly to a user',
  severity: 'low',
  resourceTypes: [IAM_USER],
  description: 'Flags IAM users with inline policies or managed policies attached directly, instead of receiving permissions through groups or roles.',
  risk: 'Per-user permissions drift: they are granted for one task and never reviewed, escape the group-based reviews auditors rely on, and make removing access on role changes error-prone.',
  remediation: [
    'Move the permissions to a group (or a role the user assumes) and remove them from the user.',
    '',
    '- Console: IAM → Users → the user → Permissions → remove the listed policies; add the user to a group holding them.',
    '- CLI: `aws iam detach-user-policy` / `aws iam delete-user-policy`, then `aws iam add-user-to-group`.',
    '- Terraform: replace `aws_iam_user_policy(_attachment)` with `aws_iam_group_policy_attachment` + `aws_iam_user_group_membership`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2',
  ],
  messages: {
    direct: 'User {{user}} has {{count}} policy(ies) attached directly: {{policies}}.',
    ok: 'User {{user}} receives permissions only through groups or roles.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(user) {
    const d = user.data;
    const policies = [...d.inlinePolicies.map((p) => `${p.name} (inline)`), ...d.attachedPolicies.map((p) => `${p.name} (managed)`)];
    if (!policies.length) return { status: 'pass', messageId: 'ok', data: { user: d.name } };
    return {
      status: 'fail',
      messageId: 'direct',
      data: { user: d.name, count: policies.length, policies: policies.join(', ') },
      evidence: { identity: `user/${d.name}`, inlinePolicies: d.inlinePolicies.map((p) => p.name), attachedPolicies: d.attachedPolicies.map((p) => p.arn) },
    };
  },
});
