import { defineRule } from '../../src/api/rule.js';
import { EC2_INSTANCE, EC2_NETWORK_ACL, EC2_ROUTE_TABLE, EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import { AWS_NETWORK, instanceExposure } from '../_lib/aws-ec2.js';
import { ADMIN_PORTS, PORT_LIST_SCHEMA, SENSITIVE_PORTS } from '../_lib/ports.js';

export default defineRule({
  id: 'aws-instance-internet-exposed',
  title: 'Running instance reachable from the internet on an administrative or sensitive port',
  severity: 'critical',
  resourceTypes: [EC2_INSTANCE],
  inputs: [EC2_SECURITY_GROUP, EC2_NETWORK_ACL, EC2_ROUTE_TABLE],
  derives: [AWS_NETWORK],
  description:
    "Effective exposure: a running instance with a public IPv4 or an IPv6 address, a subnet route table (the one associated with the subnet, else the VPC's main table) that routes 0.0.0.0/0 (resp. ::/0) to an internet gateway, an attached security group that lets an admin or sensitive port (or every port) in from the internet, and a subnet network ACL that does not deny it (rule-number order, first match wins). A managed prefix list source counts as the internet when it contains an internet range; one whose entries could not be read makes the result unknown when it could open a port. The evidence is the path: address → route → security group rule → network ACL entry. A subnet whose only default route goes to a NAT or egress-only gateway is not reachable from the internet. A route table that could not be read makes the result unknown. Ports are tunable.",
  risk: 'This is a door, not a misconfiguration in the abstract: the service on that port answers anyone on the internet, so brute force, unauthenticated access and exploits of the service are one scan away.',
  remediation: [
    'Close the path at any hop: remove the public address (put the instance behind a load balancer or NAT), move it to a private subnet (no internet gateway route), narrow the security group rule to known sources, or deny the port in the subnet network ACL. Prefer Session Manager to open admin ports.',
    '',
    '- Console: EC2 → Instances → the instance → Security → the group named in the evidence → Edit inbound rules.',
    '- CLI: `aws ec2 revoke-security-group-ingress --group-id sg-… --protocol tcp --port 22 --cidr 0.0.0.0/0`; `aws ec2 modify-instance-attribute --instance-id i-… --groups sg-…` to swap groups.',
    "- Terraform: `associate_public_ip_address = false` on `aws_instance`, and narrow the group's `cidr_blocks`.",
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/infrastructure-security.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9',
  ],
  messages: {
    exposed:
      'Instance {{name}} is reachable from the internet on {{service}} (port {{port}}): {{address}} → {{route}} → {{securityGroup}} `{{sgRule}}` → {{networkAcl}} `{{naclEntry}}`{{more}}.',
    notExposed:
      'Instance {{name}} has a public address but no admin or sensitive port is open to the internet through its route table, its security groups and its network ACL.',
    noPublicAddress: 'Instance {{name}} has no public IPv4 or IPv6 address.',
    notRunning: 'Instance {{name}} is {{state}}.',
    missing: 'Instance {{name}}: cannot evaluate the path, the {{what}} is not in the snapshot.',
  },
  defaults: { ports: [...ADMIN_PORTS, ...SENSITIVE_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(instance, ctx) {
    const name = instance.ref.name ?? instance.data.instanceId;
    if (instance.data.state !== 'running') return { status: 'not_applicable', messageId: 'notRunning', data: { name, state: instance.data.state } };
    const r = instanceExposure(instance, ctx.derived(AWS_NETWORK), ctx.options.ports);
    if (r.kind === 'no-public-address') return { status: 'pass', messageId: 'noPublicAddress', data: { name } };
    if (r.kind === 'missing') return { status: 'unknown', messageId: 'missing', data: { name, what: r.what } };
    const [p] = r.paths;
    if (!p) return { status: 'pass', messageId: 'notExposed', data: { name } };
    const more = r.total > 1 ? ` (and ${r.total - 1} more paths)` : '';
    return {
      status: 'fail',
      messageId: 'exposed',
      data: {
        name,
        service: p.service,
        port: p.port,
        address: p.address,
        route: p.route,
        securityGroup: p.securityGroup,
        sgRule: p.sgRule,
        networkAcl: p.networkAcl,
        naclEntry: p.naclEntry,
        more,
      },
      evidence: {
        address: p.address,
        port: p.port,
        service: p.service,
        route: p.route,
        path: [p.address, p.route, `${p.securityGroup} ${p.sgRule}`, `${p.networkAcl} ${p.naclEntry}`],
        paths: r.paths,
        ...(r.total > r.paths.length ? { more: r.total - r.paths.length } : {}),
      },
    };
  },
});
