/**
 * RDS collector: pure toModel on responses recorded from moto (test/fixtures/aws/rds/), and the TLS logic on
 * realistic parameter listings (moto lists only the parameters a user changed).
 */
import { describe, expect, it } from '@jest/globals';
import type { DBCluster, DBInstance, Parameter } from '@aws-sdk/client-rds';
import { dbClusterToModel, dbInstanceToModel, parameterGroupToModel } from '../../../src/collectors/aws/rds.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import rule from '../../../policies/encryption/aws-rds-tls-not-enforced.js';
import type { Resource } from '../../../src/model/types.js';
import { collectedSnapshot } from '../../support/rule-tester.js';
import { fixture } from './data-fixtures.js';

const scope = { partition: 'aws', account: '123456789012', region: 'eu-west-1' };

describe('rds toModel on moto responses', () => {
  const instances = fixture<{ DBInstances: DBInstance[] }>('rds', 'describe-db-instances-eu-west-1').DBInstances.map((i) => dbInstanceToModel(i, scope));
  const byId = (id: string) => instances.find((i) => i.ref.id === id)!;

  it('maps the settings the rules read', () => {
    expect(byId('orders-db').data).toMatchObject({
      engine: 'postgres',
      storageEncrypted: true,
      publiclyAccessible: false,
      backupRetentionPeriod: 14,
      deletionProtection: true,
      multiAz: true,
      clusterIdentifier: null,
      parameterGroups: [{ name: 'orders-postgres16', applyStatus: 'in-sync' }],
    });
    expect(byId('legacy-mysql').data).toMatchObject({
      engine: 'mysql',
      storageEncrypted: false,
      publiclyAccessible: true,
      backupRetentionPeriod: 1,
      deletionProtection: false,
      port: 3306,
    });
    expect(byId('legacy-mysql').ref.arn).toBe('arn:aws:rds:eu-west-1:123456789012:db:legacy-mysql');
  });

  it('maps an Aurora cluster and its member', () => {
    expect(byId('analytics-1').data).toMatchObject({ clusterIdentifier: 'analytics', engine: 'aurora-mysql', publiclyAccessible: true });
    const cluster = dbClusterToModel(fixture<{ DBClusters: DBCluster[] }>('rds', 'describe-db-clusters-eu-west-1').DBClusters[0]!, scope);
    expect(cluster.ref).toMatchObject({ type: 'aws.rds.db-cluster', id: 'analytics' });
    expect(cluster.data).toMatchObject({
      engine: 'aurora-mysql',
      storageEncrypted: true,
      backupRetentionPeriod: 3,
      deletionProtection: false,
      parameterGroup: 'analytics-aurora-mysql8',
      members: ['analytics-1'],
    });
  });

  it('keeps only the TLS parameters of a group', () => {
    const pg = parameterGroupToModel('orders-postgres16', 'instance', fixture('rds', 'describe-db-parameters-orders-postgres16-eu-west-1').Parameters, scope);
    expect(pg.ref).toMatchObject({
      type: 'aws.rds.db-parameter-group',
      id: 'orders-postgres16',
      arn: 'arn:aws:rds:eu-west-1:123456789012:pg:orders-postgres16',
    });
    expect(pg.data.tlsParameters).toEqual([{ name: 'rds.force_ssl', value: '1', source: null }]);
    const cpg = parameterGroupToModel(
      'analytics-aurora-mysql8',
      'cluster',
      fixture('rds', 'describe-db-cluster-parameters-analytics-aurora-mysql8-eu-west-1').Parameters,
      scope,
    );
    expect(cpg.data.tlsParameters).toEqual([{ name: 'require_secure_transport', value: 'ON', source: null }]);
    // moto's default groups list nothing at all:
    expect(
      parameterGroupToModel('default.mysql5.6', 'instance', fixture('rds', 'describe-db-parameters-default.mysql5.6-eu-west-1').Parameters, scope).data
        .tlsParameters,
    ).toEqual([]);
    expect(parameterGroupToModel('x', 'instance', null, scope).data.tlsParameters).toBeNull();
  });
});

describe('rds TLS verdict on realistic DescribeDBParameters listings', () => {
  const groups = fixture<Record<string, Parameter[]>>('rds', 'realistic-describe-db-parameters');
  const status = (engine: string, group: string) => {
    const db = dbInstanceToModel(
      { DBInstanceIdentifier: 'db', Engine: engine, DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }] },
      scope,
    );
    const pg = parameterGroupToModel(group, 'instance', groups[group]!, scope);
    const result = evaluate(collectedSnapshot([db, pg] as unknown as Resource[], [...rule.resourceTypes, ...(rule.inputs ?? [])]), [
      { ...rule, pack: 'encryption' },
    ]);
    return result.findings.map((f) => [f.status, f.messageId]);
  };

  it('passes the PostgreSQL 16 default group (rds.force_ssl = 1, source system)', () =>
    expect(status('postgres', 'default.postgres16')).toEqual([['pass', 'forced']]));
  it('fails a group with rds.force_ssl = 0', () => expect(status('postgres', 'legacy-postgres13')).toEqual([['fail', 'notForced']]));
  it('is unknown when require_secure_transport is listed without a value', () => expect(status('mysql', 'default.mysql8.0')).toEqual([['unknown', 'unknown']]));
  it('passes require_secure_transport = 1', () => expect(status('mariadb', 'mysql8-tls')).toEqual([['pass', 'forced']]));
});
