import rule from '../../../policies/encryption/aws-rds-storage-unencrypted.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'encrypted instance', resource: dbInstance('db1') },
    { name: 'encrypted cluster', resource: dbCluster('c1') },
    {
      name: 'aurora member judged on the cluster',
      resource: dbInstance('c1-i1', { engine: 'aurora-mysql', clusterIdentifier: 'c1', storageEncrypted: false }),
      status: 'not_applicable',
    },
  ],
  invalid: [
    { name: 'unencrypted instance', resource: dbInstance('db2', { storageEncrypted: false }), messageId: 'unencrypted', evidence: { storageEncrypted: false } },
    { name: 'unencrypted cluster', resource: dbCluster('c2', { storageEncrypted: false }), messageId: 'unencrypted' },
  ],
  unknown: [
    { name: 'instances denied', coverage: [gap(['aws.rds.db-instance'])] },
    { name: 'flag missing', resource: dbInstance('db3', { storageEncrypted: null }) },
  ],
});
