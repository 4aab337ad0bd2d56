import rule from '../../../policies/network/aws-sg-open-sensitive-port.js';
import { perm, prefixList, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'mysql from the vpc', resource: sg('sg-1', [perm('tcp', 3306, 3306, '10.0.0.0/16')]) },
    { name: 'postgres from an app security group', resource: sg('sg-1', [perm('tcp', 5432, 5432, 'sg-app')]) },
    { name: 'https from anywhere (not flagged by default)', resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]) },
    { name: 'ssh is the admin rule, not this one', resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]) },
    {
      name: 'mysql from a prefix list of private and narrow public ranges',
      resource: sg('sg-1', [perm('tcp', 3306, 3306, 'pl-123')]),
      others: [prefixList('pl-123', ['10.0.0.0/8', '198.51.100.0/24'])],
    },
    {
      name: 'an unreadable prefix list on https only cannot open a sensitive port',
      resource: sg('sg-1', [perm('tcp', 443, 443, 'pl-123')]),
      others: [prefixList('pl-123', null)],
    },
    { name: 'mysql removed from the list', resource: sg('sg-1', [perm('tcp', 3306, 3306, '0.0.0.0/0')]), options: { ports: [6379] } },
  ],
  invalid: [
    {
      name: 'mysql from ::/0',
      resource: sg('sg-1', [perm('tcp', 3306, 3306, '::/0')]),
      messageId: 'open',
      evidence: { rule: '::/0 tcp 3306', port: 3306, service: 'MySQL' },
    },
    {
      name: 'redis from 0.0.0.0/0',
      resource: sg('sg-1', [perm('tcp', 6379, 6379, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { port: 6379, service: 'Redis' },
    },
    {
      name: 'memcached over udp',
      resource: sg('sg-1', [perm('17', 11211, 11211, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { port: 11211, service: 'Memcached' },
    },
    {
      name: 'range 27000-28000 covers mongodb',
      resource: sg('sg-1', [perm('tcp', 27000, 28000, '0.0.0.0/0')]),
      messageId: 'open',
      evidence: { port: 27017, service: 'MongoDB' },
    },
    { name: 'all traffic', resource: sg('sg-1', [perm('all', null, null, '::/0')]), messageId: 'open', evidence: { port: 3306, service: 'MySQL' } },
    {
      name: 'mysql from a prefix list holding ::/0',
      resource: sg('sg-1', [perm('tcp', 3306, 3306, 'pl-123')]),
      others: [prefixList('pl-123', ['10.0.0.0/8', '::/0'], { addressFamily: 'IPv6' })],
      messageId: 'open',
      evidence: { rule: 'pl-123 (::/0) tcp 3306', prefixList: 'pl-123', port: 3306 },
    },
    {
      name: 'https opted in',
      resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]),
      options: { ports: [443] },
      messageId: 'open',
      evidence: { service: 'HTTPS' },
    },
  ],
  unknown: [
    { name: 'security groups denied', coverage: [gap(['aws.ec2.security-group'], { status: 'throttled', errorCode: 'RequestLimitExceeded' })] },
    { name: 'prefix list referenced but not in the snapshot', resource: sg('sg-1', [perm('tcp', 3306, 3306, 'pl-123')]) },
    {
      name: 'prefix list entries could not be read',
      resource: sg('sg-1', [perm('tcp', 3306, 3306, 'pl-123')]),
      others: [prefixList('pl-123', null)],
      coverage: [gap(['aws.ec2.prefix-list'], { resourceId: 'pl-123' })],
    },
  ],
});
