import rule from '../../../policies/encryption/aws-rds-multi-az-off.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'Multi-AZ instance', resource: dbInstance('db1'), messageId: 'on' },
    { name: 'Multi-AZ cluster', resource: dbCluster('c1') },
    { name: 'cluster member', resource: dbInstance('c1-i1', { clusterIdentifier: 'c1', multiAz: false }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'single-AZ instance',
      resource: dbInstance('db2', { multiAz: false }),
      messageId: 'off',
      data: { kind: 'DB instance', name: 'db2' },
      evidence: { multiAz: false },
    },
    { name: 'single-AZ cluster', resource: dbCluster('c2', { multiAz: false }), messageId: 'off' },
  ],
  unknown: [
    { name: 'not reported', resource: dbInstance('db3', { multiAz: null }), messageId: 'unknown' },
    { name: 'instances denied', coverage: [gap(['aws.rds.db-instance'])] },
  ],
});
