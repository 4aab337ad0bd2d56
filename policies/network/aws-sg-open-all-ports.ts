import { defineRule } from '../../src/api/rule.js';
import { EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import { AWS_NETWORK, PREFIX_LIST_UNKNOWN, sgAllPortsOpenings } from '../_lib/aws-ec2.js';

export default defineRule({
  id: 'aws-sg-open-all-ports',
  title: 'Security group allows all ports or all protocols from the internet',
  severity: 'critical',
  resourceTypes: [EC2_SECURITY_GROUP],
  derives: [AWS_NETWORK],
  description:
    'Flags security groups with an inbound rule from 0.0.0.0/0 or ::/0 (or another very wide public range, directly or through a managed prefix list that contains one) that allows every protocol (`-1`) or every tcp/udp port (0-65535 or 1-65535). A prefix list whose entries could not be read gives unknown.',
  risk: 'Every service on every attached instance, including ones started later or by accident (debug servers, databases, admin consoles), is reachable from the internet; the group no longer filters anything.',
  remediation: [
    'Replace the rule with rules for the ports the workload actually serves, from the sources that need them.',
    '',
    '- Console: EC2 → Security Groups → the group → Inbound rules → Edit inbound rules → delete the "All traffic" / "All TCP" rule.',
    '- CLI: `aws ec2 revoke-security-group-ingress --group-id sg-… --ip-permissions IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]`',
    '- Terraform: remove `protocol = "-1"` ingress blocks with `cidr_blocks = ["0.0.0.0/0"]`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  ],
  messages: {
    open: 'Security group {{name}} allows all traffic from the internet through `{{rule}}`{{more}}.',
    prefixListUnknown: PREFIX_LIST_UNKNOWN,
    closed: 'Security group {{name}} does not allow all ports from the internet.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(sg, ctx) {
    const name = sg.ref.name ?? sg.data.groupId;
    const { rules, unresolved } = sgAllPortsOpenings(sg, ctx.derived(AWS_NETWORK));
    if (rules.length > 0) {
      const more = rules.length > 1 ? ` (and ${rules.length - 1} more)` : '';
      return { status: 'fail', messageId: 'open', data: { name, rule: rules[0], more }, evidence: { rule: rules[0], rules } };
    }
    if (unresolved.length > 0)
      return { status: 'unknown', messageId: 'prefixListUnknown', data: { name, prefixLists: unresolved.join(', ') }, evidence: { prefixLists: unresolved } };
    return { status: 'pass', messageId: 'closed', data: { name } };
  },
});
