import rule from '../../../policies/encryption/aws-elasticache-transit-encryption-off.js';
import { cacheCluster, replicationGroup } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'group with TLS required', resource: replicationGroup('rg1'), messageId: 'on' },
    { name: 'Memcached with TLS', resource: cacheCluster('mc1'), messageId: 'on' },
    {
      name: 'member of a group',
      resource: cacheCluster('rg1-001', { Engine: 'redis', ReplicationGroupId: 'rg1', TransitEncryptionEnabled: false }),
      status: 'not_applicable',
    },
    {
      name: 'preferred mode allowed by the tunable',
      resource: replicationGroup('rg2', { TransitEncryptionMode: 'preferred' }),
      options: { allowPreferredMode: true },
      messageId: 'on',
    },
  ],
  invalid: [
    { name: 'group without TLS', resource: replicationGroup('rg3', { TransitEncryptionEnabled: false }), messageId: 'off' },
    { name: 'preferred mode', resource: replicationGroup('rg4', { TransitEncryptionMode: 'preferred' }), messageId: 'preferred' },
    { name: 'standalone Redis without TLS', resource: cacheCluster('r1', { Engine: 'redis', TransitEncryptionEnabled: false }), messageId: 'off' },
  ],
  unknown: [
    { name: 'not reported', resource: replicationGroup('rg5', { TransitEncryptionEnabled: undefined }), messageId: 'unknown' },
    { name: 'groups not listed', coverage: [gap(['aws.elasticache.replication-group'])] },
  ],
});
