import rule from '../../../policies/encryption/aws-rds-deletion-protection-off.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'protected instance', resource: dbInstance('db1') },
    { name: 'protected cluster', resource: dbCluster('c1') },
    { name: 'cluster member', resource: dbInstance('c1-i1', { clusterIdentifier: 'c1', deletionProtection: false }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'unprotected instance', resource: dbInstance('db2', { deletionProtection: false }), messageId: 'off', evidence: { deletionProtection: false } },
    { name: 'unprotected cluster', resource: dbCluster('c2', { deletionProtection: false }), messageId: 'off' },
  ],
  unknown: [
    { name: 'instances throttled', coverage: [gap(['aws.rds.db-instance'], { status: 'throttled', errorCode: 'Throttling' })] },
    { name: 'flag missing', resource: dbCluster('c3', { deletionProtection: null }) },
  ],
});
