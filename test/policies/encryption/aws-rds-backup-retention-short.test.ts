import rule from '../../../policies/encryption/aws-rds-backup-retention-short.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: '7 days', resource: dbInstance('db1') },
    { name: '35-day cluster', resource: dbCluster('c1', { backupRetentionPeriod: 35 }) },
    { name: '3 days with a 3-day minimum', resource: dbInstance('db2', { backupRetentionPeriod: 3 }), options: { minDays: 3 } },
    { name: 'read replica', resource: dbInstance('db3', { backupRetentionPeriod: 0, readReplicaSourceIdentifier: 'db1' }), status: 'not_applicable' },
    { name: 'cluster member', resource: dbInstance('c1-i1', { clusterIdentifier: 'c1', backupRetentionPeriod: 1 }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'backups off', resource: dbInstance('db4', { backupRetentionPeriod: 0 }), messageId: 'short', evidence: { backupRetentionPeriod: 0, minimum: 7 } },
    { name: '3-day cluster', resource: dbCluster('c2', { backupRetentionPeriod: 3 }), messageId: 'short', evidence: { backupRetentionPeriod: 3 } },
    { name: '7 days with a 14-day minimum', resource: dbInstance('db5'), options: { minDays: 14 }, messageId: 'short', evidence: { minimum: 14 } },
  ],
  unknown: [
    { name: 'instances denied', coverage: [gap(['aws.rds.db-instance'])] },
    { name: 'retention missing', resource: dbInstance('db6', { backupRetentionPeriod: null }) },
  ],
});
