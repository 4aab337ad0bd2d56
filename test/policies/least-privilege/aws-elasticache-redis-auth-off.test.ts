import rule from '../../../policies/least-privilege/aws-elasticache-redis-auth-off.js';
import { cacheCluster, replicationGroup } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'AUTH token', resource: replicationGroup('rg1'), messageId: 'auth' },
    { name: 'RBAC user group', resource: replicationGroup('rg2', { AuthTokenEnabled: false, UserGroupIds: ['app-users'] }), messageId: 'auth' },
    { name: 'Memcached', resource: cacheCluster('mc1'), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'neither', resource: replicationGroup('rg3', { AuthTokenEnabled: false }), messageId: 'open' },
    { name: 'standalone Redis without AUTH', resource: cacheCluster('r1', { Engine: 'redis' }), messageId: 'open' },
  ],
  unknown: [
    { name: 'not reported', resource: replicationGroup('rg4', { AuthTokenEnabled: undefined }), messageId: 'unknown' },
    { name: 'groups not listed', coverage: [gap(['aws.elasticache.replication-group'])] },
  ],
});
