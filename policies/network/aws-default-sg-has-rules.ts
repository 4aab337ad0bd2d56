import { defineRule } from '../../src/api/rule.js';
import { EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import { describePermission } from '../_lib/aws-ec2.js';

export default defineRule({
  id: 'aws-default-sg-has-rules',
  title: 'Default security group has inbound or outbound rules',
  severity: 'medium',
  resourceTypes: [EC2_SECURITY_GROUP],
  description:
    "Flags each VPC's `default` security group that still has any inbound or outbound rule. AWS creates it with a self-referencing inbound rule and an allow-all outbound rule; CIS and Security Hub want it empty.",
  risk: 'Resources launched without an explicit group land in the default group: with rules left in it they can talk to each other and to the internet without anyone having decided so, and least-privilege groups are bypassed.',
  remediation: [
    'Delete every inbound and outbound rule of the default group (it cannot be deleted itself) and give each workload its own group.',
    '',
    '- Console: VPC → Security groups → the `default` group → Inbound rules / Outbound rules → delete all.',
    '- CLI: `aws ec2 revoke-security-group-ingress --group-id sg-… --ip-permissions "$(aws ec2 describe-security-groups --group-ids sg-… --query SecurityGroups[0].IpPermissions)"` (same with `revoke-security-group-egress` and `IpPermissionsEgress`).',
    '- Terraform: manage it with an empty `aws_default_security_group` resource (no `ingress` / `egress` blocks).',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2',
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  ],
  messages: {
    hasRules: 'Default security group {{name}} of {{vpc}} has {{ingress}} inbound and {{egress}} outbound rules.',
    empty: 'Default security group {{name}} of {{vpc}} has no rules.',
    notDefault: 'Security group {{name}} is not a default group.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(sg) {
    const name = sg.ref.name ?? sg.data.groupId;
    if (!sg.data.isDefault) return { status: 'not_applicable', messageId: 'notDefault', data: { name } };
    const vpc = sg.data.vpcId ?? 'its VPC';
    const { ingress, egress } = sg.data;
    const firstRule = ingress[0] ?? egress[0];
    if (!firstRule) return { status: 'pass', messageId: 'empty', data: { name, vpc } };
    return {
      status: 'fail',
      messageId: 'hasRules',
      data: { name, vpc, ingress: ingress.length, egress: egress.length },
      evidence: {
        rule: describePermission(firstRule),
        ingress: ingress.map((p) => describePermission(p)),
        egress: egress.map((p) => describePermission(p)),
      },
    };
  },
});
