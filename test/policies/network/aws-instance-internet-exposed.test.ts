import rule from '../../../policies/network/aws-instance-internet-exposed.js';
import { defaultNacl, entry, instance, nacl, perm, prefixList, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const sshOpen = sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]);
const mysql6 = sg('sg-1', [perm('tcp', 3306, 3306, '::/0')]);
const webOnly = sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]);
const sshFromList = sg('sg-1', [perm('tcp', 22, 22, 'pl-1')]);
const denySsh = nacl('acl-1', [entry(50, 'deny', 'tcp', 22, 22, '0.0.0.0/0'), entry(100, 'allow', 'all', null, null, '0.0.0.0/0')]);

ruleTester(rule, {
  valid: [
    { name: 'no public address', resource: instance('i-1', { publicIpAddress: null }), others: [sshOpen, defaultNacl()] },
    { name: 'public ip but only https open', resource: instance('i-1'), others: [webOnly, defaultNacl()] },
    { name: 'ssh open in the group but denied by the nacl', resource: instance('i-1'), others: [sshOpen, denySsh] },
    { name: 'ipv6-only rule but only an ipv4 address', resource: instance('i-1'), others: [mysql6, defaultNacl()] },
    { name: 'ipv6 address but the nacl has no ipv6 entries (implicit deny)', resource: instance('i-1', { publicIpAddress: null, ipv6Addresses: ['2600:1f18::10'] }), others: [mysql6, defaultNacl()] },
    { name: 'ssh from a prefix list of office ranges', resource: instance('i-1'), others: [sshFromList, prefixList('pl-1', ['198.51.100.0/24']), defaultNacl()] },
    { name: 'unreadable prefix list, but the nacl denies the port it opens', resource: instance('i-1'), others: [sshFromList, prefixList('pl-1', null), denySsh] },
    { name: 'stopped instance', resource: instance('i-1', { state: 'stopped' }), others: [sshOpen, defaultNacl()], status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'ssh through the default nacl',
      resource: instance('i-1'),
      others: [sshOpen, defaultNacl()],
      messageId: 'exposed',
      evidence: { address: '54.1.2.3', port: 22, service: 'SSH', path: ['54.1.2.3', 'sg-1 0.0.0.0/0 tcp 22', 'acl-default 100 allow 0.0.0.0/0 all'] },
    },
    {
      name: 'ssh from a prefix list holding 0.0.0.0/0',
      resource: instance('i-1'),
      others: [sshFromList, prefixList('pl-1', ['10.0.0.0/8', '0.0.0.0/0']), defaultNacl()],
      messageId: 'exposed',
      evidence: { port: 22, path: ['54.1.2.3', 'sg-1 pl-1 (0.0.0.0/0) tcp 22', 'acl-default 100 allow 0.0.0.0/0 all'] },
    },
    {
      name: 'mysql over ipv6',
      resource: instance('i-1', { publicIpAddress: null, ipv6Addresses: ['2600:1f18::10'] }),
      others: [mysql6, nacl('acl-1', [entry(100, 'allow', 'tcp', 3306, 3306, '::/0')])],
      messageId: 'exposed',
      evidence: { address: '2600:1f18::10', port: 3306, service: 'MySQL' },
    },
    {
      name: 'all ports group, nacl lets only rdp through',
      resource: instance('i-1'),
      others: [sg('sg-1', [perm('all', null, null, '0.0.0.0/0')]), nacl('acl-1', [entry(100, 'allow', 'tcp', 3389, 3389, '0.0.0.0/0')])],
      messageId: 'exposed',
      evidence: { port: 3389, service: 'RDP', path: ['54.1.2.3', 'sg-1 0.0.0.0/0 all', 'acl-1 100 allow 0.0.0.0/0 tcp 3389'] },
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
      others: [sshOpen, sg('sg-2', [perm('tcp', 6379, 6379, '0.0.0.0/0')]), defaultNacl('acl-1', ['subnet-1']), defaultNacl('acl-2', ['subnet-2'])],
      messageId: 'exposed',
      evidence: { address: '3.3.3.3', port: 6379, service: 'Redis' },
    },
  ],
  unknown: [
    { name: 'security groups not collected', resource: instance('i-1'), others: [defaultNacl()], coverage: [gap(['aws.ec2.security-group'])] },
    { name: 'network acls throttled', resource: instance('i-1'), others: [sshOpen], coverage: [gap(['aws.ec2.network-acl'], { status: 'throttled', errorCode: 'RequestLimitExceeded' })] },
    { name: 'attached group missing from the snapshot', resource: instance('i-1', { securityGroupIds: ['sg-gone'] }), others: [defaultNacl()] },
    { name: 'no acl for the subnet', resource: instance('i-1', { subnetId: 'subnet-9' }), others: [sshOpen, defaultNacl()] },
    { name: 'ssh from a prefix list whose entries could not be read', resource: instance('i-1'), others: [sshFromList, prefixList('pl-1', null), defaultNacl()], coverage: [gap(['aws.ec2.prefix-list'], { resourceId: 'pl-1' })] },
    { name: 'ssh from a prefix list missing from the snapshot', resource: instance('i-1'), others: [sshFromList, defaultNacl()] },
  ],
});
