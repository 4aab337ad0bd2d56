import rule from '../../../policies/encryption/aws-rds-publicly-accessible.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'private instance', resource: dbInstance('db1') },
    { name: 'private multi-AZ cluster', resource: dbCluster('c1', { engine: 'postgres' }) },
    { name: 'aurora cluster', resource: dbCluster('c2', { publiclyAccessible: null }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'public instance',
      resource: dbInstance('db2', { publiclyAccessible: true }),
      messageId: 'public',
      evidence: { publiclyAccessible: true, endpoint: 'db2.abc.us-east-1.rds.amazonaws.com' },
    },
    {
      name: 'public aurora member',
      resource: dbInstance('c2-i1', { engine: 'aurora-mysql', clusterIdentifier: 'c2', publiclyAccessible: true }),
      messageId: 'public',
    },
    { name: 'public multi-AZ cluster', resource: dbCluster('c3', { engine: 'mysql', publiclyAccessible: true }), messageId: 'public' },
  ],
  unknown: [
    { name: 'clusters denied', coverage: [gap(['aws.rds.db-cluster'])] },
    { name: 'flag missing', resource: dbInstance('db3', { publiclyAccessible: null }) },
  ],
});
