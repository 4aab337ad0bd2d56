/**
 * End to end against a real moto_server: seed SQS queues, EKS clusters, RDS instances, a DynamoDB table, EFS
 * file systems and AWS Backup plans and vaults in two regions through the AWS SDK, collect them with
 * collectAws() through the fault proxy, evaluate the built-in rules and check every expected result.
 *
 * moto lacks CreateBackupSelection / ListBackupSelections / GetBackupSelection and DescribeRegionSettings: the
 * proxy answers them in AWS's shape (REST JSON, as the AWS Backup API reference shows them) from the
 * selections this test records for moto's own plan ids, so the collector's real SDK calls and normalizer run.
 * In eu-west-1 the proxy denies one call per service (GetQueueAttributes, DescribeCluster,
 * ListBackupSelections) with the service's JSON AccessDeniedException: those results must be unknown, never pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateFileSystemCommand } from '@aws-sdk/client-efs';
import { CreateClusterCommand } from '@aws-sdk/client-eks';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { awsClients } from '../../src/testing/aws-clients.js';
import { type FaultProxy, type ProxyAnswer, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const SERVICES = ['sqs', 'eks', 'backup', 'rds', 'dynamodb', 'efs'];
const ACCOUNT = '123456789012';

let moto: MotoServer;
let proxy: FaultProxy;

/** Recorded BackupSelection documents, by plan id (what CreateBackupSelection would have stored). */
const selections = new Map<string, Array<{ SelectionId: string; BackupSelection: Record<string, unknown> }>>();
const OPT_IN = { Aurora: true, DocumentDB: true, DynamoDB: true, EBS: true, EC2: true, EFS: true, FSx: true, Neptune: true, RDS: true, S3: false };

const json = (body: unknown, status = 200): ProxyAnswer => ({ status, type: 'application/json', body: JSON.stringify(body) });
const denied = (operation: string, type = 'application/json'): ProxyAnswer => ({
  status: 403,
  type,
  body: JSON.stringify({ __type: 'AccessDeniedException', message: `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: ${operation}` }),
});

/** AWS-shaped answers for the AWS Backup calls moto lacks; the per-service denials of eu-west-1. */
async function respond(r: { service: string; region: string; operation: string; path: string }): Promise<ProxyAnswer | undefined> {
  const eu = r.region === 'eu-west-1';
  if (r.service === 'sqs' && eu && r.operation === 'AmazonSQS.GetQueueAttributes') return denied('sqs:GetQueueAttributes', 'application/x-amz-json-1.0');
  if (r.service === 'eks' && eu && /^GET \/clusters\/[^/]+$/.test(r.operation)) return denied('eks:DescribeCluster');
  if (r.service !== 'backup') return undefined;
  const path = r.path.split('?')[0] ?? '';
  if (r.operation === 'GET /account-settings')
    return json({ ResourceTypeOptInPreference: OPT_IN, ResourceTypeManagementPreference: { DynamoDB: true, EFS: true } });
  const one = /^\/backup\/plans\/([^/]+)\/selections\/([^/]+)$/.exec(path);
  if (one) {
    const s = selections.get(one[1] ?? '')?.find((x) => x.SelectionId === one[2]);
    if (!s) return json({ __type: 'ResourceNotFoundException', message: 'no such selection' }, 404);
    return json({ BackupPlanId: one[1], SelectionId: s.SelectionId, BackupSelection: s.BackupSelection, CreationDate: 1764000000 });
  }
  const list = /^\/backup\/plans\/([^/]+)\/selections\/?$/.exec(path);
  if (list) {
    if (eu) return denied('backup:ListBackupSelections');
    const items = (selections.get(list[1] ?? '') ?? []).map((s) => ({
      SelectionId: s.SelectionId,
      SelectionName: s.BackupSelection.SelectionName,
      BackupPlanId: list[1],
      IamRoleArn: s.BackupSelection.IamRoleArn,
      CreationDate: 1764000000,
    }));
    return json({ BackupSelectionsList: items });
  }
  return undefined;
}

async function seedRegion(region: (typeof REGIONS)[number]): Promise<void> {
  const c = awsClients(moto.endpoint, region);
  const home = region === 'us-east-1';
  try {
    // SQS
    await c.sqs.send(new CreateQueueCommand({ QueueName: 'orders-plain', Attributes: { SqsManagedSseEnabled: 'false' } }));
    await c.sqs.send(new CreateQueueCommand({ QueueName: 'orders-kms', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }));
    const statement = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', ...extra });
    await c.sqs.send(
      new CreateQueueCommand({ QueueName: 'public-inbox', Attributes: { Policy: JSON.stringify({ Statement: [statement({ Sid: 'anyone' })] }) } }),
    );
    const fromTopic = { Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${region}:${ACCOUNT}:events` } } };
    await c.sqs.send(new CreateQueueCommand({ QueueName: 'sns-fanout', Attributes: { Policy: JSON.stringify({ Statement: [statement(fromTopic)] }) } }));

    // EKS
    const role = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
    await c.eks.send(
      new CreateClusterCommand({
        name: 'dev-open',
        roleArn: role,
        resourcesVpcConfig: { subnetIds: ['subnet-1'], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
      }),
    );
    await c.eks.send(
      new CreateClusterCommand({
        name: 'prod',
        roleArn: role,
        resourcesVpcConfig: { subnetIds: ['subnet-1'], endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'] },
        encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: `arn:aws:kms:${region}:${ACCOUNT}:key/eks-secrets` } }],
        logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }] },
      }),
    );

    // Data stores: one of each kind covered, one not.
    const db = {
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'dbadmin',
      MasterUserPassword: 'integration-only-1',
      Engine: 'postgres',
    };
    await c.rds.send(new CreateDBInstanceCommand({ ...db, DBInstanceIdentifier: 'db-ha', MultiAZ: true, Tags: [{ Key: 'backup', Value: 'daily' }] }));
    await c.rds.send(new CreateDBInstanceCommand({ ...db, DBInstanceIdentifier: 'db-single', MultiAZ: false }));
    await c.dynamodb.send(
      new CreateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: `scratch-${region}`, Encrypted: true, Tags: [{ Key: 'Name', Value: 'scratch' }] }));

    // AWS Backup: a locked vault, a plan; selections recorded for the proxy.
    await c.backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'main', EncryptionKeyArn: `arn:aws:kms:${region}:${ACCOUNT}:key/backup` }));
    if (home) await c.backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'main', MinRetentionDays: 7 }));
    const plan = await c.backup.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }],
        },
      }),
    );
    const IamRoleArn = `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
    selections.set(plan.BackupPlanId!, [
      {
        SelectionId: 'sel-tagged-rds',
        BackupSelection: {
          SelectionName: 'tagged-rds',
          IamRoleArn,
          Resources: ['arn:aws:rds:*:*:db:*'],
          Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily' }] },
        },
      },
      {
        SelectionId: 'sel-tables',
        BackupSelection: { SelectionName: 'tables', IamRoleArn, Resources: [`arn:aws:dynamodb:${region}:${ACCOUNT}:table/orders`] },
      },
    ]);
  } finally {
    c.destroy();
  }
}

function statusOf(result: EvaluationResult, rule: string, name: string, region: string): Status | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule && (f.resource.name === name || f.resource.id === name) && f.resource.region === region);
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name} in ${region}`);
  return hits[0]?.status;
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy({ target: moto.endpoint, respond });
}, 60000);
afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
});

describe('SQS, EKS and AWS Backup against moto (two regions, one call per service denied in eu-west-1)', () => {
  let result: EvaluationResult;
  let snapshot: Snapshot;
  beforeAll(async () => {
    await moto.reset();
    selections.clear();
    for (const region of REGIONS) await seedRegion(region);
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: [...REGIONS], services: SERVICES });
    snapshot = mergeOutputs([out], new Date().toISOString());
    result = evaluate(snapshot, builtinRules);
  }, 180000);

  it('reads everything in us-east-1; in eu-west-1 exactly the denied calls are gaps; the snapshot passes the schema', () => {
    const gaps = snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
    expect(gaps.filter((g) => g.region === 'us-east-1')).toEqual([]);
    expect(gaps.map((g) => [g.region, g.operation, g.status, g.errorCode]).sort()).toEqual(
      [
        ['eu-west-1', 'DescribeCluster', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'DescribeCluster', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'GetQueueAttributes', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'GetQueueAttributes', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'GetQueueAttributes', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'GetQueueAttributes', 'denied', 'AccessDeniedException'],
        ['eu-west-1', 'ListBackupSelections+GetBackupSelection', 'denied', 'AccessDeniedException'],
      ].sort(),
    );
    expect(proxy.log.filter((l) => l.outcome === 'answered').length).toBeGreaterThanOrEqual(7);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
  });

  it('normalizes SQS, EKS and Backup as AWS reports them', () => {
    const find = (type: string, id: string, region = 'us-east-1') =>
      snapshot.resources.find((r) => r.ref.type === type && r.ref.name === id && r.ref.region === region);
    expect(find('aws.sqs.queue', 'orders-kms')?.data).toMatchObject({ kmsMasterKeyId: 'alias/aws/sqs', policy: { exists: false } });
    expect(find('aws.eks.cluster', 'prod')?.data).toMatchObject({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      enabledLogTypes: ['api', 'audit', 'authenticator'],
    });
    const plan = find('aws.backup.plan', 'daily');
    expect(plan?.data).toMatchObject({ rules: [{ name: 'daily', targetVault: 'main', deleteAfterDays: 35 }] });
    expect((plan?.data as { selections: unknown[] }).selections).toHaveLength(2);
    expect(find('aws.backup.plan', 'daily', 'eu-west-1')?.data).toMatchObject({ selections: null });
    expect(find('aws.backup.vault', 'main')?.data).toMatchObject({
      locked: true,
      minRetentionDays: 7,
      encryptionKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/backup`,
    });
    expect(find('aws.backup.region-settings', 'us-east-1')?.data).toMatchObject({ resourceTypeOptIn: { RDS: true, EFS: true } });
  });

  it('SQS: encryption and public policies; unknown where GetQueueAttributes was denied', () => {
    const r = 'us-east-1';
    expect(statusOf(result, 'aws-sqs-queue-unencrypted', 'orders-plain', r)).toBe('fail');
    expect(statusOf(result, 'aws-sqs-queue-unencrypted', 'orders-kms', r)).toBe('pass');
    expect(statusOf(result, 'aws-sqs-queue-policy-public', 'public-inbox', r)).toBe('fail');
    expect(statusOf(result, 'aws-sqs-queue-policy-public', 'sns-fanout', r)).toBe('pass');
    expect(statusOf(result, 'aws-sqs-queue-policy-public', 'orders-plain', r)).toBe('pass');
    for (const q of ['orders-plain', 'public-inbox']) {
      expect(statusOf(result, 'aws-sqs-queue-unencrypted', q, 'eu-west-1')).toBe('unknown');
      expect(statusOf(result, 'aws-sqs-queue-policy-public', q, 'eu-west-1')).toBe('unknown');
    }
  });

  it('EKS: endpoint, secrets encryption and audit logging; unknown where DescribeCluster was denied', () => {
    const r = 'us-east-1';
    for (const rule of ['aws-eks-endpoint-public', 'aws-eks-secrets-unencrypted', 'aws-eks-audit-logging-off']) {
      expect([rule, statusOf(result, rule, 'dev-open', r)]).toEqual([rule, 'fail']);
      expect([rule, statusOf(result, rule, 'prod', r)]).toEqual([rule, 'pass']);
      expect([rule, statusOf(result, rule, 'dev-open', 'eu-west-1')]).toEqual([rule, 'unknown']);
    }
  });

  it('RDS Multi-AZ', () => {
    expect(statusOf(result, 'aws-rds-multi-az-off', 'db-ha', 'us-east-1')).toBe('pass');
    expect(statusOf(result, 'aws-rds-multi-az-off', 'db-single', 'us-east-1')).toBe('fail');
  });

  it('AWS Backup coverage: by ARN pattern + tag condition, by ARN, not covered; unknown where the selections were denied', () => {
    const r = 'us-east-1';
    const rule = 'aws-backup-resource-not-covered';
    expect(statusOf(result, rule, 'db-ha', r)).toBe('pass');
    expect(statusOf(result, rule, 'db-single', r)).toBe('fail');
    expect(statusOf(result, rule, 'orders', r)).toBe('pass');
    expect(statusOf(result, rule, 'scratch', r)).toBe('fail');
    const ha = result.findings.find((f) => f.ruleId === rule && f.resource.id === 'db-ha' && f.resource.region === r);
    expect(ha?.evidence).toMatchObject({ coveredBy: [{ plan: 'daily', selection: 'tagged-rds', how: 'by ARN pattern arn:aws:rds:*:*:db:*' }] });
    for (const name of ['db-ha', 'db-single', 'orders', 'scratch']) expect([name, statusOf(result, rule, name, 'eu-west-1')]).toEqual([name, 'unknown']);
  });
});
