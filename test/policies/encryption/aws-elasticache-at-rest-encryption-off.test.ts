import rule from '../../../policies/encryption/aws-elasticache-at-rest-encryption-off.js';
import { cacheCluster, replicationGroup } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'encrypted group', resource: replicationGroup('rg1'), messageId: 'on' },
    { name: 'Memcached', resource: cacheCluster('mc1'), status: 'not_applicable' },
    { name: 'member of a group', resource: cacheCluster('rg1-001', { Engine: 'redis', ReplicationGroupId: 'rg1' }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'unencrypted group', resource: replicationGroup('rg2', { AtRestEncryptionEnabled: false }), messageId: 'off' },
    { name: 'standalone Redis', resource: cacheCluster('r1', { Engine: 'redis', AtRestEncryptionEnabled: false }), messageId: 'off' },
  ],
  unknown: [
    { name: 'not reported', resource: replicationGroup('rg3', { AtRestEncryptionEnabled: undefined }), messageId: 'unknown' },
    { name: 'clusters not listed', coverage: [gap(['aws.elasticache.cache-cluster'])] },
  ],
});
