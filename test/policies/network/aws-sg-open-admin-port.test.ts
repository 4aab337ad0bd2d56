import rule from '../../../policies/network/aws-sg-open-admin-port.js';
import { perm, prefixList, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const SG = 'aws.ec2.security-group';

ruleTester(rule, {
  valid: [
    { name: 'ssh from a private range', resource: sg('sg-1', [perm('tcp', 22, 22, '10.0.0.0/8')]) },
    { name: 'https from anywhere', resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0'), perm('tcp', 443, 443, '::/0')]) },
    { name: 'ssh only from another security group', resource: sg('sg-1', [perm('tcp', 22, 22, 'sg-2')]) },
    { name: 'udp 22 is not ssh', resource: sg('sg-1', [perm('udp', 22, 22, '0.0.0.0/0')]) },
    { name: 'icmp type 22 is not a port', resource: sg('sg-1', [perm('icmp', 22, -1, '0.0.0.0/0')]) },
    { name: 'range 23-29 misses 22', resource: sg('sg-1', [perm('tcp', 24, 29, '0.0.0.0/0')]) },
    { name: 'no rules', resource: sg('sg-1', []) },
    {
      name: 'ssh from a prefix list of office ranges',
      resource: sg('sg-1', [perm('tcp', 22, 22, 'pl-office')]),
      others: [prefixList('pl-office', ['198.51.100.0/24', '203.0.113.7/32'])],
    },
    {
      name: 'same list id in another region does not count',
      resource: sg('sg-1', [perm('tcp', 22, 22, 'pl-1')]),
      others: [prefixList('pl-1', ['0.0.0.0/0'], {}), prefixList('pl-1', ['10.0.0.0/8'])].map((r, i) =>
        i === 0 ? { ...r, ref: { ...r.ref, region: 'eu-west-1' } } : r,
      ),
    },
    { name: 'port removed from the tunable list', resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]), options: { ports: [3389] } },
  ],
  invalid: [
    {
      name: 'ssh from 0.0.0.0/0',
      resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { rule: '0.0.0.0/0 tcp 22', port: 22, service: 'SSH' },
    },
    {
      name: 'rdp from ::/0',
      resource: sg('sg-1', [perm('tcp', 3389, 3389, '::/0')]),
      messageId: 'open',
      evidence: { rule: '::/0 tcp 3389', port: 3389, service: 'RDP' },
    },
    {
      name: 'range 20-30 covers ssh',
      resource: sg('sg-1', [perm('tcp', 25, 30, '0.0.0.0/0'), perm('tcp', 20, 30, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { rule: '0.0.0.0/0 tcp 20-30', port: 22, service: 'SSH' },
    },
    {
      name: 'range 1000-4000 covers rdp',
      resource: sg('sg-1', [perm('tcp', 1000, 4000, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { port: 3389, service: 'RDP' },
    },
    {
      name: 'protocol all',
      resource: sg('sg-1', [perm('all', null, null, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { rule: '0.0.0.0/0 all', port: 22, service: 'SSH' },
    },
    {
      name: 'very wide public range 0.0.0.0/1',
      resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/1')]),
      messageId: 'open',
      evidence: { rule: '0.0.0.0/1 tcp 22' },
    },
    {
      name: 'ssh from a prefix list that contains 0.0.0.0/0',
      resource: sg('sg-1', [perm('tcp', 22, 22, 'pl-any')]),
      others: [prefixList('pl-any', ['10.0.0.0/8', '0.0.0.0/0'])],
      messageId: 'open',
      evidence: { rule: 'pl-any (0.0.0.0/0) tcp 22', prefixList: 'pl-any', port: 22, service: 'SSH' },
    },
    {
      name: 'open through a cidr even when a prefix list is unreadable',
      resource: sg('sg-1', [perm('tcp', 22, 22, 'pl-x'), perm('tcp', 3389, 3389, '0.0.0.0/0')]),
      others: [prefixList('pl-x', null)],
      messageId: 'open',
      evidence: { port: 3389 },
    },
    {
      name: 'telnet on a custom list',
      resource: sg('sg-1', [perm('tcp', 2222, 2222, '0.0.0.0/0')]),
      options: { ports: [2222] },
      messageId: 'open',
      evidence: { port: 2222, service: 'port 2222' },
    },
  ],
  unknown: [
    { name: 'security groups not readable in the region', coverage: [gap([SG])] },
    { name: 'this group could not be read', resource: sg('sg-1', []), coverage: [gap([SG], { resourceId: 'sg-1' })] },
    { name: 'ssh from a prefix list whose entries could not be read', resource: sg('sg-1', [perm('tcp', 22, 22, 'pl-x')]), others: [prefixList('pl-x', null)] },
    { name: 'ssh from a prefix list missing from the snapshot', resource: sg('sg-1', [perm('tcp', 20, 30, 'pl-x')]) },
  ],
});
