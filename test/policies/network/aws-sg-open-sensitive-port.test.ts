import rule from '../../../policies/network/aws-sg-open-sensitive-port.js';
import { perm, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'mysql from the vpc', resource: sg('sg-1', [perm('tcp', 3306, 3306, '10.0.0.0/16')]) },
    { name: 'postgres from an app security group', resource: sg('sg-1', [perm('tcp', 5432, 5432, 'sg-app')]) },
    { name: 'https from anywhere (not flagged by default)', resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]) },
    { name: 'ssh is the admin rule, not this one', resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]) },
    { name: 'prefix list peers are not resolved', resource: sg('sg-1', [perm('tcp', 3306, 3306, 'pl-123')]) },
    { name: 'mysql removed from the list', resource: sg('sg-1', [perm('tcp', 3306, 3306, '0.0.0.0/0')]), options: { ports: [6379] } },
  ],
  invalid: [
    { name: 'mysql from ::/0', resource: sg('sg-1', [perm('tcp', 3306, 3306, '::/0')]), messageId: 'open', evidence: { rule: '::/0 tcp 3306', port: 3306, service: 'MySQL' } },
    { name: 'redis from 0.0.0.0/0', resource: sg('sg-1', [perm('tcp', 6379, 6379, '0.0.0.0/0')]), messageId: 'open', evidence: { port: 6379, service: 'Redis' } },
    { name: 'memcached over udp', resource: sg('sg-1', [perm('17', 11211, 11211, '0.0.0.0/0')]), messageId: 'open', evidence: { port: 11211, service: 'Memcached' } },
    { name: 'range 27000-28000 covers mongodb', resource: sg('sg-1', [perm('tcp', 27000, 28000, '0.0.0.0/0')]), messageId: 'open', evidence: { port: 27017, service: 'MongoDB' } },
    { name: 'all traffic', resource: sg('sg-1', [perm('all', null, null, '::/0')]), messageId: 'open', evidence: { port: 3306, service: 'MySQL' } },
    { name: 'https opted in', resource: sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]), options: { ports: [443] }, messageId: 'open', evidence: { service: 'HTTPS' } },
  ],
  unknown: [{ name: 'security groups denied', coverage: [gap(['aws.ec2.security-group'], { status: 'throttled', errorCode: 'RequestLimitExceeded' })] }],
});
