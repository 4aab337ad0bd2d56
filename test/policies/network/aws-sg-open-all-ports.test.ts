import rule from '../../../policies/network/aws-sg-open-all-ports.js';
import { perm, prefixList, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'single port', resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]) },
    { name: 'all traffic from the vpc', resource: sg('sg-1', [perm('all', null, null, '10.0.0.0/16')]) },
    { name: 'all traffic from a security group', resource: sg('sg-1', [perm('all', null, null, 'sg-2')]) },
    { name: 'wide but not full range', resource: sg('sg-1', [perm('tcp', 1024, 65535, '0.0.0.0/0')]) },
    { name: 'egress all is not ingress', resource: sg('sg-1', [], { egress: [perm('all', null, null, '0.0.0.0/0')] }) },
    {
      name: 'all traffic from a prefix list of private ranges',
      resource: sg('sg-1', [perm('all', null, null, 'pl-1')]),
      others: [prefixList('pl-1', ['10.0.0.0/8', '172.16.0.0/12'])],
    },
    {
      name: 'an unreadable prefix list on one port cannot open all ports',
      resource: sg('sg-1', [perm('tcp', 443, 443, 'pl-1')]),
      others: [prefixList('pl-1', null)],
    },
  ],
  invalid: [
    {
      name: 'protocol -1 from 0.0.0.0/0',
      resource: sg('sg-1', [perm('all', null, null, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { rule: '0.0.0.0/0 all' },
    },
    { name: 'tcp 0-65535 from ::/0', resource: sg('sg-1', [perm('tcp', 0, 65535, '::/0')]), messageId: 'open', evidence: { rule: '::/0 tcp 0-65535' } },
    {
      name: 'all traffic from a prefix list holding 0.0.0.0/0',
      resource: sg('sg-1', [perm('all', null, null, 'pl-1')]),
      others: [prefixList('pl-1', ['0.0.0.0/0'])],
      messageId: 'open',
      evidence: { rule: 'pl-1 (0.0.0.0/0) all' },
    },
    { name: 'udp 1-65535', resource: sg('sg-1', [perm('udp', 1, 65535, '0.0.0.0/0')]), messageId: 'open', evidence: { rule: '0.0.0.0/0 udp 1-65535' } },
  ],
  unknown: [
    { name: 'security groups timed out', coverage: [gap(['aws.ec2.security-group'], { status: 'timeout', errorCode: 'TimeoutError' })] },
    {
      name: 'all traffic from a prefix list whose entries could not be read',
      resource: sg('sg-1', [perm('all', null, null, 'pl-1')]),
      others: [prefixList('pl-1', null)],
    },
  ],
});
