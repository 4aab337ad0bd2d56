import { defineRule } from '../../src/api/rule.js';
import { IAM_USER } from '../../src/model/aws/iam.js';

const ADMIN = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

export default defineRule({
  id: 'aws-iam-admin-policy-attached-to-user',
  title: 'AWS-managed AdministratorAccess attached directly to a user',
  severity: 'high',
  resourceTypes: [IAM_USER],
  description: 'Flags IAM users with the AWS-managed `AdministratorAccess` policy attached directly (not through a group or an assumed role).',
  risk: 'A long-lived user credential (password or access key) with full admin rights is the most valuable thing to steal in an account; attaching it per user also escapes the group and role reviews where admin access is normally governed.',
  remediation: [
    'Give administrators a role to assume (IAM Identity Center or an MFA-protected role) and detach the policy from the user.',
    '',
    '- Console: IAM → Users → the user → Permissions → AdministratorAccess → Remove.',
    '- CLI: `aws iam detach-user-policy --user-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess`',
    '- Terraform: delete the `aws_iam_user_policy_attachment`; grant admin through `aws_iam_role` + `aws_iam_role_policy_attachment`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2',
  ],
  messages: {
    attached: 'User {{user}} has {{policy}} attached directly.',
    ok: 'User {{user}} has no AdministratorAccess attached directly.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(user) {
    const hit = user.data.attachedPolicies.find((p) => ADMIN.test(p.arn));
    if (!hit) return { status: 'pass', messageId: 'ok', data: { user: user.data.name } };
    return {
      status: 'fail',
      messageId: 'attached',
      data: { user: user.data.name, policy: hit.arn },
      evidence: { identity: `user/${user.data.name}`, policy: hit.name, policyArn: hit.arn },
    };
  },
});
