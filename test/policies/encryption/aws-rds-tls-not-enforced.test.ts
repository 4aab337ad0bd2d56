import rule from '../../../policies/encryption/aws-rds-tls-not-enforced.js';
import { dbCluster, dbInstance, paramGroup } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const forceSsl = (value: string | null, source = 'user') => [{ name: 'rds.force_ssl', value, source }];
const secureTransport = (value: string | null, source = 'user') => [{ name: 'require_secure_transport', value, source }];
const mysql = (id: string, group: string) => dbInstance(id, { engine: 'mysql', parameterGroups: [{ name: group, applyStatus: 'in-sync' }] });

ruleTester(rule, {
  valid: [
    { name: 'postgres with rds.force_ssl=1', resource: dbInstance('db1'), others: [paramGroup('pg-tls', 'instance', forceSsl('1'))] },
    { name: 'mysql with require_secure_transport=ON', resource: mysql('db2', 'my-tls'), others: [paramGroup('my-tls', 'instance', secureTransport('ON'))] },
    { name: 'aurora-mysql cluster group', resource: dbCluster('c1'), others: [paramGroup('cpg-tls', 'cluster', secureTransport('1'))] },
    {
      name: 'cluster member judged on the cluster',
      resource: dbInstance('c1-i1', { engine: 'aurora-mysql', clusterIdentifier: 'c1' }),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'postgres with rds.force_ssl=0',
      resource: dbInstance('db3'),
      others: [paramGroup('pg-tls', 'instance', forceSsl('0', 'engine-default'))],
      messageId: 'notForced',
      evidence: { parameterGroup: 'pg-tls', 'rds.force_ssl': '0' },
    },
    {
      name: 'mysql with OFF',
      resource: mysql('db4', 'my-off'),
      others: [paramGroup('my-off', 'instance', secureTransport('OFF'))],
      messageId: 'notForced',
      evidence: { require_secure_transport: 'OFF' },
    },
    {
      name: 'aurora-postgresql cluster with 0',
      resource: dbCluster('c2', { engine: 'aurora-postgresql', parameterGroup: 'cpg-pg' }),
      others: [paramGroup('cpg-pg', 'cluster', forceSsl('0'))],
      messageId: 'notForced',
    },
    {
      name: 'same-named group in this region decides',
      resource: dbInstance('db5'),
      others: [paramGroup('pg-tls', 'instance', forceSsl('0')), paramGroup('pg-tls', 'instance', forceSsl('1'), { region: 'eu-west-1' })],
      messageId: 'notForced',
    },
  ],
  unknown: [
    {
      name: 'parameter not listed (moto lists only changed parameters)',
      resource: mysql('db6', 'default.mysql8.0'),
      others: [paramGroup('default.mysql8.0', 'instance', [])],
    },
    { name: 'parameter listed without a value', resource: dbInstance('db7'), others: [paramGroup('pg-tls', 'instance', forceSsl(null, 'engine-default'))] },
    {
      name: 'group unreadable',
      resource: dbInstance('db8'),
      others: [paramGroup('pg-tls', 'instance', null)],
      coverage: [gap(['aws.rds.db-parameter-group'], { operation: 'DescribeDBParameters', resourceId: 'pg-tls' })],
    },
    { name: 'group not collected', resource: dbInstance('db9') },
    { name: 'oracle has no such parameter', resource: dbInstance('db10', { engine: 'oracle-ee' }), others: [paramGroup('pg-tls', 'instance', [])] },
    {
      name: 'parameter groups denied region-wide',
      resource: dbInstance('db11'),
      others: [paramGroup('pg-tls', 'instance', forceSsl('1'))],
      coverage: [gap(['aws.rds.db-parameter-group'])],
    },
  ],
});
