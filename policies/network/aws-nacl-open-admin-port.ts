import { defineRule } from '../../src/api/rule.js';
import { EC2_NETWORK_ACL } from '../../src/model/aws/ec2.js';
import { type IpFamily, describeNaclEntry, naclAllowsAllTraffic, naclIngress } from '../_lib/aws-ec2.js';
import { ADMIN_PORTS, PORT_LIST_SCHEMA, portInfo } from '../_lib/ports.js';

const FAMILIES: IpFamily[] = ['ipv4', 'ipv6'];

export default defineRule({
  id: 'aws-nacl-open-admin-port',
  title: 'Network ACL allows administrative ports or all traffic from the internet',
  severity: 'medium',
  resourceTypes: [EC2_NETWORK_ACL],
  description:
    'Evaluates each network ACL the way AWS does (inbound entries in rule-number order, first match wins, implicit deny) for traffic from 0.0.0.0/0 and ::/0, and flags ACLs that let an administrative port in (SSH 22, RDP 3389, … tunable) or allow every protocol before any deny-all. A deny of only part of the internet does not close a port.',
  risk: 'Network ACLs are the subnet-wide second layer of defence: one that allows admin ports or everything from the internet leaves every instance of its subnets protected by its security groups alone, so one permissive group is enough to expose a host.',
  remediation: [
    'Add inbound entries that deny the admin ports from 0.0.0.0/0 and ::/0 with a rule number lower than the allow, or narrow the allow entries to the ranges that need them. Keep the return-traffic (ephemeral ports) entries.',
    '',
    '- Console: VPC → Network ACLs → the ACL → Inbound rules → Edit inbound rules.',
    '- CLI: `aws ec2 create-network-acl-entry --network-acl-id acl-… --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`',
    '- Terraform: an `aws_network_acl_rule` with `rule_action = "deny"` and a lower `rule_number`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21',
    'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html',
  ],
  messages: {
    allTraffic: 'Network ACL {{name}} allows all traffic from the internet through entry `{{entry}}`.',
    open: 'Network ACL {{name}} allows {{service}} (port {{port}}) from the internet through entry `{{entry}}`{{more}}.',
    closed: 'Network ACL {{name}} allows no administrative port from the internet.',
  },
  defaults: { ports: [...ADMIN_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(acl, ctx) {
    const name = acl.ref.name ?? acl.data.networkAclId;
    const subnets = acl.data.subnetIds;
    const open: { entry: string; port: number; protocol: string; service: string; family: IpFamily }[] = [];
    for (const family of FAMILIES) {
      for (const port of ctx.options.ports) {
        const info = portInfo(port);
        for (const protocol of info.protocols) {
          const v = naclIngress(acl.data, family, protocol, port);
          if (v.allowed && v.entry) open.push({ entry: describeNaclEntry(v.entry), port, protocol, service: info.service, family });
        }
      }
    }
    const all = FAMILIES.map((f) => naclAllowsAllTraffic(acl.data, f)).find(Boolean);
    if (all)
      return {
        status: 'fail',
        messageId: 'allTraffic',
        data: { name, entry: describeNaclEntry(all) },
        evidence: { entry: describeNaclEntry(all), openPorts: open.slice(0, 10), subnets },
      };
    const [first] = open;
    if (!first) return { status: 'pass', messageId: 'closed', data: { name } };
    const more = open.length > 1 ? ` (and ${open.length - 1} more)` : '';
    return {
      status: 'fail',
      messageId: 'open',
      data: { name, service: first.service, port: first.port, entry: first.entry, more },
      evidence: { entry: first.entry, port: first.port, service: first.service, openPorts: open.slice(0, 10), subnets },
    };
  },
});
