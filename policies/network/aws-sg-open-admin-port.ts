import { defineRule } from '../../src/api/rule.js';
import { EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import { AWS_NETWORK, PREFIX_LIST_UNKNOWN, sgPortsVerdict } from '../_lib/aws-ec2.js';
import { ADMIN_PORTS, PORT_LIST_SCHEMA } from '../_lib/ports.js';

export default defineRule({
  id: 'aws-sg-open-admin-port',
  title: 'Security group allows administrative ports from the internet',
  severity: 'high',
  resourceTypes: [EC2_SECURITY_GROUP],
  derives: [AWS_NETWORK],
  description:
    'Flags security groups with an inbound rule from 0.0.0.0/0 or ::/0 (or another very wide public range) that lets an administrative port through: SSH 22, RDP 3389, Telnet 23, FTP 20/21, VNC 5500/5900, WinRM 5985/5986. Port ranges that cover such a port and protocol `-1` (all traffic) count, and so does a managed prefix list source that contains such a range; a prefix list whose entries could not be read gives unknown.',
  risk: 'Remote administration services are the first thing internet-wide scanners try: brute force, credential stuffing and exploits of the service itself lead straight to a shell or desktop on the host.',
  remediation: [
    'Remove the rule, or restrict its source to the addresses that need it (a VPN or bastion range); prefer AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint to open admin ports at all.',
    '',
    '- Console: EC2 → Security Groups → the group → Inbound rules → Edit inbound rules → delete or narrow the rule.',
    '- CLI: `aws ec2 revoke-security-group-ingress --group-id sg-… --protocol tcp --port 22 --cidr 0.0.0.0/0`',
    '- Terraform: set `cidr_blocks` of the `aws_vpc_security_group_ingress_rule` / `ingress` block to your admin range.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html',
  ],
  messages: {
    open: 'Security group {{name}} allows {{service}} (port {{port}}) from the internet through `{{rule}}`{{more}}.',
    prefixListUnknown: PREFIX_LIST_UNKNOWN,
    closed: 'Security group {{name}} allows no administrative port from the internet.',
  },
  defaults: { ports: [...ADMIN_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(sg, ctx) {
    return sgPortsVerdict(sg, ctx.derived(AWS_NETWORK), ctx.options.ports);
  },
});
