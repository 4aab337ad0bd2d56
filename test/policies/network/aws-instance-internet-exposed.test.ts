import { expect } from '@jest/globals';
import rule from '../../../policies/network/aws-instance-internet-exposed.js';
import { defaultNacl, defaultRouteTable, entry, instance, nacl, perm, prefixList, route, routeTable, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const sshOpen = sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]);
const mysql6 = sg('sg-1', [perm('tcp', 3306, 3306, '::/0')]);
const webOnly = sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]);
const sshFromList = sg('sg-1', [perm('tcp', 22, 22, 'pl-1')]);
/** The VPC's main table with 0.0.0.0/0 and ::/0 to an internet gateway: every subnet of these cases is public. */
const rtb = defaultRouteTable();
const denySsh = nacl('acl-1', [entry(50, 'deny', 'tcp', 22, 22, '0.0.0.0/0'), entry(100, 'allow', 'all', null, null, '0.0.0.0/0')]);

ruleTester(rule, {
  valid: [
    { name: 'no public address', resource: instance('i-1', { publicIpAddress: null }), others: [rtb, sshOpen, defaultNacl()] },
    { name: 'public ip but only https open', resource: instance('i-1'), others: [rtb, webOnly, defaultNacl()] },
    { name: 'ssh open in the group but denied by the nacl', resource: instance('i-1'), others: [rtb, sshOpen, denySsh] },
    { name: 'ipv6-only rule but only an ipv4 address', resource: instance('i-1'), others: [rtb, mysql6, defaultNacl()] },
    {
      name: 'ipv6 address but the nacl has no ipv6 entries (implicit deny)',
      resource: instance('i-1', { publicIpAddress: null, ipv6Addresses: ['2600:1f18::10'] }),
      others: [rtb, mysql6, defaultNacl()],
    },
    {
      name: 'ssh from a prefix list of office ranges',
      resource: instance('i-1'),
      others: [rtb, sshFromList, prefixList('pl-1', ['198.51.100.0/24']), defaultNacl()],
    },
    {
      name: 'unreadable prefix list, but the nacl denies the port it opens',
      resource: instance('i-1'),
      others: [rtb, sshFromList, prefixList('pl-1', null), denySsh],
    },
    {
      name: 'private subnet: its own table routes 0.0.0.0/0 to a NAT gateway only',
      resource: instance('i-1'),
      others: [rtb, routeTable('rtb-private', [route('0.0.0.0/0', null)], { subnetIds: ['subnet-1'] }), sshOpen, defaultNacl()],
    },
    {
      name: 'main table without an internet gateway route',
      resource: instance('i-1'),
      others: [routeTable('rtb-main', [], { isMain: true }), sshOpen, defaultNacl()],
    },
    {
      name: 'ipv6 address, but ::/0 goes to an egress-only gateway',
      resource: instance('i-1', { publicIpAddress: null, ipv6Addresses: ['2600:1f18::10'] }),
      others: [
        routeTable('rtb-main', [route('0.0.0.0/0', 'igw-1'), route('::/0', 'eigw-1')], { isMain: true }),
        mysql6,
        nacl('acl-1', [entry(100, 'allow', 'all', null, null, '::/0')]),
      ],
    },
    {
      name: 'igw route is a blackhole',
      resource: instance('i-1'),
      others: [routeTable('rtb-main', [route('0.0.0.0/0', 'igw-gone', 'blackhole')], { isMain: true }), sshOpen, defaultNacl()],
    },
    {
      name: 'no igw route: an unreadable prefix list cannot open anything',
      resource: instance('i-1'),
      others: [routeTable('rtb-main', [], { isMain: true }), sshFromList, prefixList('pl-1', null), defaultNacl()],
    },
    { name: 'stopped instance', resource: instance('i-1', { state: 'stopped' }), others: [rtb, sshOpen, defaultNacl()], status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'ssh through the default nacl',
      resource: instance('i-1'),
      others: [rtb, sshOpen, defaultNacl()],
      messageId: 'exposed',
      evidence: {
        address: '54.1.2.3',
        port: 22,
        service: 'SSH',
        path: ['54.1.2.3', 'rtb-main 0.0.0.0/0 → igw-1', 'sg-1 0.0.0.0/0 tcp 22', 'acl-default 100 allow 0.0.0.0/0 all'],
      },
    },
    {
      name: 'ssh from a prefix list holding 0.0.0.0/0',
      resource: instance('i-1'),
      others: [rtb, sshFromList, prefixList('pl-1', ['10.0.0.0/8', '0.0.0.0/0']), defaultNacl()],
      messageId: 'exposed',
      evidence: { port: 22, path: ['54.1.2.3', 'rtb-main 0.0.0.0/0 → igw-1', 'sg-1 pl-1 (0.0.0.0/0) tcp 22', 'acl-default 100 allow 0.0.0.0/0 all'] },
    },
    {
      name: 'mysql over ipv6',
      resource: instance('i-1', { publicIpAddress: null, ipv6Addresses: ['2600:1f18::10'] }),
      others: [rtb, mysql6, nacl('acl-1', [entry(100, 'allow', 'tcp', 3306, 3306, '::/0')])],
      messageId: 'exposed',
      evidence: { address: '2600:1f18::10', port: 3306, service: 'MySQL' },
    },
    {
      name: 'all ports group, nacl lets only rdp through',
      resource: instance('i-1'),
      others: [rtb, sg('sg-1', [perm('all', null, null, '0.0.0.0/0')]), nacl('acl-1', [entry(100, 'allow', 'tcp', 3389, 3389, '0.0.0.0/0')])],
      messageId: 'exposed',
      evidence: { port: 3389, service: 'RDP', path: ['54.1.2.3', 'rtb-main 0.0.0.0/0 → igw-1', 'sg-1 0.0.0.0/0 all', 'acl-1 100 allow 0.0.0.0/0 tcp 3389'] },
    },
    {
      name: 'second interface with its own group and subnet',
      resource: instance('i-1', {
        publicIpAddress: null,
        networkInterfaces: [
          { networkInterfaceId: 'eni-1', subnetId: 'subnet-1', publicIp: null, privateIp: '10.0.1.5', ipv6Addresses: [], securityGroupIds: ['sg-1'] },
          { networkInterfaceId: 'eni-2', subnetId: 'subnet-2', publicIp: '3.3.3.3', privateIp: '10.0.2.5', ipv6Addresses: [], securityGroupIds: ['sg-2'] },
        ],
      }),
      others: [rtb, sshOpen, sg('sg-2', [perm('tcp', 6379, 6379, '0.0.0.0/0')]), defaultNacl('acl-1', ['subnet-1']), defaultNacl('acl-2', ['subnet-2'])],
      messageId: 'exposed',
      evidence: { address: '3.3.3.3', port: 6379, service: 'Redis' },
    },
    {
      name: 'explicit public table for the subnet, the main table is private',
      resource: instance('i-1'),
      others: [
        routeTable('rtb-main', [], { isMain: true }),
        routeTable('rtb-pub', [route('0.0.0.0/0', 'igw-9')], { subnetIds: ['subnet-1'] }),
        sshOpen,
        defaultNacl(),
      ],
      messageId: 'exposed',
      evidence: {
        route: 'rtb-pub 0.0.0.0/0 → igw-9',
        path: ['54.1.2.3', 'rtb-pub 0.0.0.0/0 → igw-9', 'sg-1 0.0.0.0/0 tcp 22', 'acl-default 100 allow 0.0.0.0/0 all'],
      },
    },
    {
      name: 'ipv4 has no igw route, ipv6 has: only the ipv6 path counts',
      resource: instance('i-1', { ipv6Addresses: ['2600:1f18::10'] }),
      others: [
        routeTable('rtb-main', [route('0.0.0.0/0', null), route('::/0', 'igw-1')], { isMain: true }),
        sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0'), perm('tcp', 22, 22, '::/0')]),
        nacl('acl-1', [entry(100, 'allow', 'all', null, null, '0.0.0.0/0'), entry(100, 'allow', 'all', null, null, '::/0')]),
      ],
      messageId: 'exposed',
      evidence: { address: '2600:1f18::10', route: 'rtb-main ::/0 → igw-1', paths: [expect.objectContaining({ address: '2600:1f18::10' })] },
    },
  ],
  unknown: [
    {
      name: 'route tables not collected',
      resource: instance('i-1'),
      others: [rtb, sshOpen, defaultNacl()],
      coverage: [gap(['aws.ec2.route-table'], { status: 'denied', errorCode: 'UnauthorizedOperation' })],
    },
    {
      name: 'no route table for the subnet nor a main table for its vpc',
      resource: instance('i-1', { vpcId: 'vpc-9' }),
      others: [sshOpen, defaultNacl(), routeTable('rtb-other', [route('0.0.0.0/0', 'igw-1')], { subnetIds: ['subnet-2'] })],
    },
    { name: 'security groups not collected', resource: instance('i-1'), others: [rtb, defaultNacl()], coverage: [gap(['aws.ec2.security-group'])] },
    {
      name: 'network acls throttled',
      resource: instance('i-1'),
      others: [rtb, sshOpen],
      coverage: [gap(['aws.ec2.network-acl'], { status: 'throttled', errorCode: 'RequestLimitExceeded' })],
    },
    { name: 'attached group missing from the snapshot', resource: instance('i-1', { securityGroupIds: ['sg-gone'] }), others: [rtb, defaultNacl()] },
    { name: 'no acl for the subnet', resource: instance('i-1', { subnetId: 'subnet-9' }), others: [rtb, sshOpen, defaultNacl()] },
    {
      name: 'ssh from a prefix list whose entries could not be read',
      resource: instance('i-1'),
      others: [rtb, sshFromList, prefixList('pl-1', null), defaultNacl()],
      coverage: [gap(['aws.ec2.prefix-list'], { resourceId: 'pl-1' })],
    },
    { name: 'ssh from a prefix list missing from the snapshot', resource: instance('i-1'), others: [rtb, sshFromList, defaultNacl()] },
  ],
});
