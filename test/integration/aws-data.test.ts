/**
 * End to end against a real moto_server: seed compliant and non-compliant EBS volumes, snapshots, AMIs,
 * S3 buckets, KMS keys, RDS databases and CloudTrail trails in two regions through the AWS SDK, collect them
 * with collectAws(), evaluate the built-in rules, and check every expected pass, fail and unknown.
 *
 * Where moto returns nothing for a setting (parameters of default RDS parameter groups), the rule must be
 * `unknown`, never `pass`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  EnableEbsEncryptionByDefaultCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateKeyCommand, EnableKeyRotationCommand, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CreateDBClusterCommand,
  CreateDBClusterParameterGroupCommand,
  CreateDBInstanceCommand,
  CreateDBParameterGroupCommand,
  ModifyDBClusterParameterGroupCommand,
  ModifyDBParameterGroupCommand,
} from '@aws-sdk/client-rds';
import {
  type BucketCannedACL,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { createBucket, seedAwsData, tlsDeny } from '../../examples/demo/seed-aws-data.js';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { awsClients } from '../../src/testing/aws-clients.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
// ec2 too: the EBS default-encryption rule reads instances, and a type never collected is unknown, never "none".
const SERVICES = ['ebs', 'ec2', 's3', 'kms', 'rds', 'cloudtrail'];
const ACCOUNT = '123456789012';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const tag = (resourceType: string, name: string) => [{ ResourceType: resourceType as never, Tags: [{ Key: 'Name', Value: name }] }];

let moto: MotoServer;

async function seedRegion(endpoint: string, region: string, home: boolean): Promise<void> {
  const clients = awsClients(endpoint, region);
  const { ec2, s3, kms, rds, cloudtrail: ct } = clients;
  try {
    // EBS
    const az = `${region}a`;
    const enc = (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 10, Encrypted: true, TagSpecifications: tag('volume', 'enc-vol') })))
      .VolumeId!;
    const plain = (await ec2.send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 10, TagSpecifications: tag('volume', 'plain-vol') }))).VolumeId!;
    const pub = (await ec2.send(new CreateSnapshotCommand({ VolumeId: plain, TagSpecifications: tag('snapshot', 'pub-snap') }))).SnapshotId!;
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: pub, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }));
    const shared = (await ec2.send(new CreateSnapshotCommand({ VolumeId: enc, TagSpecifications: tag('snapshot', 'shared-snap') }))).SnapshotId!;
    await ec2.send(
      new ModifySnapshotAttributeCommand({ SnapshotId: shared, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: ['111122223333'] }),
    );
    if (home) {
      await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
      const i = (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1 }))).Instances![0]!.InstanceId!;
      await ec2.send(new CreateImageCommand({ InstanceId: i, Name: 'private-ami' }));
      const ami = (await ec2.send(new CreateImageCommand({ InstanceId: i, Name: 'public-ami' }))).ImageId!;
      await ec2.send(new ModifyImageAttributeCommand({ ImageId: ami, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    }

    // KMS
    const key = async (Description: string, extra: Record<string, unknown> = {}) =>
      (await kms.send(new CreateKeyCommand({ Description, ...extra }))).KeyMetadata!;
    const on = await key('rot-on');
    await kms.send(new EnableKeyRotationCommand({ KeyId: on.KeyId! }));
    await key('rot-off');
    await key('asym', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    if (home) {
      const doomed = await key('doomed');
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId!, PendingWindowInDays: 7 }));
      const open = await key('open-key');
      await kms.send(new EnableKeyRotationCommand({ KeyId: open.KeyId! }));
      await kms.send(
        new PutKeyPolicyCommand({
          KeyId: open.KeyId!,
          PolicyName: 'default',
          Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] }),
        }),
      );
      const org = await key('org-key');
      await kms.send(new EnableKeyRotationCommand({ KeyId: org.KeyId! }));
      await kms.send(
        new PutKeyPolicyCommand({
          KeyId: org.KeyId!,
          PolicyName: 'default',
          Policy: JSON.stringify({
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
            ],
          }),
        }),
      );
    }

    // S3
    const b = (n: string) => `it-${n}-${region}`;
    await createBucket(s3, b('logs'), region);
    await s3.send(new PutBucketAclCommand({ Bucket: b('logs'), ACL: 'log-delivery-write' as BucketCannedACL }));
    await createBucket(s3, b('compliant'), region);
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: b('compliant'),
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: on.Arn } }] },
      }),
    );
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: b('compliant'), PublicAccessBlockConfiguration: ALL_ON }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: b('compliant'), Policy: JSON.stringify({ Statement: [tlsDeny(b('compliant'))] }) }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: b('compliant'), VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(
      new PutBucketLoggingCommand({ Bucket: b('compliant'), BucketLoggingStatus: { LoggingEnabled: { TargetBucket: b('logs'), TargetPrefix: 'c/' } } }),
    );
    await createBucket(s3, b('public-policy'), region);
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: b('public-policy'),
        Policy: JSON.stringify({
          Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${b('public-policy')}/*` }],
        }),
      }),
    );
    await createBucket(s3, b('public-acl'), region);
    await s3.send(new PutBucketAclCommand({ Bucket: b('public-acl'), ACL: 'public-read' }));
    await createBucket(s3, b('neutralized'), region);
    await s3.send(new PutBucketAclCommand({ Bucket: b('neutralized'), ACL: 'public-read' }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: b('neutralized'), PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    await createBucket(s3, b('vpce-only'), region);
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: b('vpce-only'),
        Policy: JSON.stringify({
          Statement: [
            {
              Sid: 'FromVpce',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `arn:aws:s3:::${b('vpce-only')}/*`,
              Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c' } },
            },
          ],
        }),
      }),
    );

    // RDS
    const common = { DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin1', MasterUserPassword: 'integration-only-1' };
    await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'pg-tls', DBParameterGroupFamily: 'postgres16', Description: 'tls' }));
    await rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'pg-tls',
        Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
      }),
    );
    await rds.send(new CreateDBParameterGroupCommand({ DBParameterGroupName: 'pg-plain', DBParameterGroupFamily: 'postgres16', Description: 'no tls' }));
    await rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: 'pg-plain',
        Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0', ApplyMethod: 'immediate' }],
      }),
    );
    await rds.send(
      new CreateDBInstanceCommand({
        ...common,
        DBInstanceIdentifier: 'good-pg',
        Engine: 'postgres',
        StorageEncrypted: true,
        PubliclyAccessible: false,
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        DBParameterGroupName: 'pg-tls',
      }),
    );
    await rds.send(
      new CreateDBInstanceCommand({
        ...common,
        DBInstanceIdentifier: 'plain-pg',
        Engine: 'postgres',
        StorageEncrypted: true,
        PubliclyAccessible: false,
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        DBParameterGroupName: 'pg-plain',
      }),
    );
    await rds.send(
      new CreateDBInstanceCommand({
        ...common,
        DBInstanceIdentifier: 'bad-mysql',
        Engine: 'mysql',
        StorageEncrypted: false,
        PubliclyAccessible: true,
        BackupRetentionPeriod: 1,
        DeletionProtection: false,
      }),
    );
    if (!home) {
      await rds.send(
        new CreateDBClusterParameterGroupCommand({ DBClusterParameterGroupName: 'apg-tls', DBParameterGroupFamily: 'aurora-postgresql16', Description: 'tls' }),
      );
      await rds.send(
        new ModifyDBClusterParameterGroupCommand({
          DBClusterParameterGroupName: 'apg-tls',
          Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
        }),
      );
      await rds.send(
        new CreateDBClusterCommand({
          DBClusterIdentifier: 'aurora-c',
          Engine: 'aurora-postgresql',
          MasterUsername: 'admin1',
          MasterUserPassword: 'integration-only-1',
          StorageEncrypted: true,
          BackupRetentionPeriod: 3,
          DeletionProtection: false,
          DBClusterParameterGroupName: 'apg-tls',
        }),
      );
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: 'aurora-c-1',
          Engine: 'aurora-postgresql',
          DBInstanceClass: 'db.r6g.large',
          DBClusterIdentifier: 'aurora-c',
          PubliclyAccessible: false,
        }),
      );
    }

    // CloudTrail
    if (home) {
      await createBucket(s3, 'it-trail-logs', region);
      await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'it-trail-logs', PublicAccessBlockConfiguration: ALL_ON }));
      await ct.send(
        new CreateTrailCommand({
          Name: 'main-trail',
          S3BucketName: 'it-trail-logs',
          IsMultiRegionTrail: true,
          EnableLogFileValidation: true,
          KmsKeyId: on.Arn,
        }),
      );
      await ct.send(new StartLoggingCommand({ Name: 'main-trail' }));
    } else {
      await ct.send(new CreateTrailCommand({ Name: 'side-trail', S3BucketName: b('public-policy') }));
    }
  } finally {
    clients.destroy();
  }
}

async function collectAndEvaluate(): Promise<{ snapshot: Snapshot; result: EvaluationResult }> {
  const out = await collectAws({ endpointUrl: moto.endpoint, regions: REGIONS, services: SERVICES });
  const snapshot = mergeOutputs([out], new Date().toISOString());
  return { snapshot, result: evaluate(snapshot, builtinRules) };
}

/** Status of a rule on a resource named `name` (ref.name or ref.id) in a region. */
function statusOf(result: EvaluationResult, rule: string, name: string, region?: string): Status | undefined {
  const hits = result.findings.filter(
    (f) => f.ruleId === rule && (f.resource.name === name || f.resource.id === name) && (region === undefined || f.resource.region === region),
  );
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name} in ${region ?? 'any region'}`);
  return hits[0]?.status;
}

beforeAll(async () => {
  moto = await startMoto();
}, 60000);
afterAll(async () => {
  await moto?.stop();
});

describe('encryption, exposure and audit trails against moto (two regions)', () => {
  let result: EvaluationResult;
  let snapshot: Snapshot;
  beforeAll(async () => {
    await moto.reset();
    // Through the shared client configuration: S3 Control's `{AccountId}.` host label stays off the endpoint.
    const clients = awsClients(moto.endpoint);
    await clients.s3control.send(new PutAccountPublicAccessBlockCommand({ AccountId: ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    clients.destroy();
    for (const [i, region] of REGIONS.entries()) await seedRegion(moto.endpoint, region, i === 0);
    ({ snapshot, result } = await collectAndEvaluate());
  }, 120000);

  it('reads everything: no coverage gap, and the snapshot passes the schema', () => {
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
  });

  it.each(REGIONS)('EBS and snapshots in %s', (region) => {
    expect(statusOf(result, 'aws-ebs-volume-unencrypted', 'enc-vol', region)).toBe('pass');
    expect(statusOf(result, 'aws-ebs-volume-unencrypted', 'plain-vol', region)).toBe('fail');
    expect(statusOf(result, 'aws-ebs-snapshot-public', 'pub-snap', region)).toBe('fail');
    expect(statusOf(result, 'aws-ebs-snapshot-public', 'shared-snap', region)).toBe('pass');
    expect(statusOf(result, 'aws-ebs-snapshot-unencrypted', 'pub-snap', region)).toBe('fail');
    expect(statusOf(result, 'aws-ebs-snapshot-unencrypted', 'shared-snap', region)).toBe('pass');
  });

  it('EBS encryption by default: on in us-east-1, off in eu-west-1 where volumes exist', () => {
    expect(statusOf(result, 'aws-ebs-default-encryption-off', 'us-east-1', 'us-east-1')).toBe('pass');
    const off = result.findings.find((f) => f.ruleId === 'aws-ebs-default-encryption-off' && f.resource.region === 'eu-west-1')!;
    expect(off).toMatchObject({ status: 'fail', evidence: { ebsEncryptionByDefault: false } });
    expect((off.evidence!.volumes as string[]).length).toBe(2);
  });

  it('AMIs', () => {
    expect(statusOf(result, 'aws-ami-public', 'public-ami')).toBe('fail');
    expect(statusOf(result, 'aws-ami-public', 'private-ami')).toBe('pass');
  });

  it.each(REGIONS)('S3 buckets located in %s', (region) => {
    const b = (n: string) => `it-${n}-${region}`;
    const bucketRegions = snapshot.resources.filter((r) => r.ref.type === 'aws.s3.bucket' && r.ref.id.endsWith(region)).map((r) => r.ref.region);
    expect(new Set(bucketRegions)).toEqual(new Set([region]));
    for (const rule of [
      'aws-s3-bucket-no-default-encryption',
      'aws-s3-bucket-no-tls-policy',
      'aws-s3-bucket-public',
      'aws-s3-bucket-block-public-access-off',
      'aws-s3-bucket-versioning-off',
      'aws-s3-bucket-access-logging-off',
    ]) {
      expect([rule, statusOf(result, rule, b('compliant'), region)]).toEqual([rule, 'pass']);
    }
    expect(statusOf(result, 'aws-s3-bucket-public', b('public-policy'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-public', b('public-acl'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-public', b('neutralized'), region)).toBe('pass');
    expect(statusOf(result, 'aws-s3-bucket-public', b('vpce-only'), region)).toBe('pass');
    expect(statusOf(result, 'aws-s3-bucket-no-tls-policy', b('public-policy'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-no-tls-policy', b('public-acl'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-no-default-encryption', b('public-acl'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-versioning-off', b('public-acl'), region)).toBe('fail');
    expect(statusOf(result, 'aws-s3-bucket-access-logging-off', b('public-acl'), region)).toBe('fail');
    // Account BPA has BlockPublicPolicy only: the bucket-level rule still fails on the other three switches.
    expect(result.findings.find((f) => f.ruleId === 'aws-s3-bucket-block-public-access-off' && f.resource.id === b('public-acl'))?.evidence).toMatchObject({
      off: ['blockPublicAcls', 'ignorePublicAcls', 'restrictPublicBuckets'],
    });
  });

  it('S3 account-level Block Public Access read through S3 Control', () => {
    const f = result.findings.find((x) => x.ruleId === 'aws-s3-account-block-public-access-off')!;
    expect(f).toMatchObject({ status: 'fail', messageId: 'partial', resource: { region: 'global', id: ACCOUNT } });
    expect(f.evidence).toMatchObject({ off: ['blockPublicAcls', 'ignorePublicAcls', 'restrictPublicBuckets'] });
  });

  it.each(REGIONS)('KMS keys in %s', (region) => {
    const key = (n: string) => result.findings.filter((f) => f.resource.type === 'aws.kms.key' && f.resource.region === region && f.resource.name === n);
    const rule = (n: string, r: string) => key(n).find((f) => f.ruleId === r)?.status;
    expect(rule('rot-on', 'aws-kms-key-rotation-off')).toBe('pass');
    expect(rule('rot-off', 'aws-kms-key-rotation-off')).toBe('fail');
    expect(rule('asym', 'aws-kms-key-rotation-off')).toBe('not_applicable');
    expect(rule('rot-on', 'aws-kms-key-policy-public')).toBe('pass');
    expect(rule('rot-on', 'aws-kms-key-pending-deletion')).toBe('pass');
  });

  it('KMS deletion and key policies in us-east-1', () => {
    const rule = (n: string, r: string) => result.findings.find((f) => f.ruleId === r && f.resource.name === n && f.resource.region === 'us-east-1')?.status;
    expect(rule('doomed', 'aws-kms-key-pending-deletion')).toBe('fail');
    expect(rule('doomed', 'aws-kms-key-rotation-off')).toBe('not_applicable');
    expect(rule('open-key', 'aws-kms-key-policy-public')).toBe('fail');
    expect(rule('org-key', 'aws-kms-key-policy-public')).toBe('pass');
  });

  it.each(REGIONS)('RDS instances in %s', (region) => {
    for (const rule of [
      'aws-rds-storage-unencrypted',
      'aws-rds-publicly-accessible',
      'aws-rds-backup-retention-short',
      'aws-rds-deletion-protection-off',
      'aws-rds-tls-not-enforced',
    ]) {
      expect([rule, statusOf(result, rule, 'good-pg', region)]).toEqual([rule, 'pass']);
      expect([rule, statusOf(result, rule, 'bad-mysql', region)]).toEqual([rule, rule === 'aws-rds-tls-not-enforced' ? 'unknown' : 'fail']);
    }
    expect(statusOf(result, 'aws-rds-tls-not-enforced', 'plain-pg', region)).toBe('fail');
  });

  it('RDS Aurora cluster in eu-west-1: judged on the cluster, TLS from the cluster parameter group', () => {
    expect(statusOf(result, 'aws-rds-tls-not-enforced', 'aurora-c')).toBe('pass');
    expect(statusOf(result, 'aws-rds-storage-unencrypted', 'aurora-c')).toBe('pass');
    expect(statusOf(result, 'aws-rds-backup-retention-short', 'aurora-c')).toBe('fail');
    expect(statusOf(result, 'aws-rds-deletion-protection-off', 'aurora-c')).toBe('fail');
    expect(statusOf(result, 'aws-rds-publicly-accessible', 'aurora-c')).toBe('not_applicable');
    expect(statusOf(result, 'aws-rds-publicly-accessible', 'aurora-c-1')).toBe('pass');
    for (const rule of ['aws-rds-storage-unencrypted', 'aws-rds-backup-retention-short', 'aws-rds-deletion-protection-off', 'aws-rds-tls-not-enforced']) {
      expect([rule, statusOf(result, rule, 'aurora-c-1')]).toEqual([rule, 'not_applicable']);
    }
  });

  it('CloudTrail: one account result, trails judged once in their home region', () => {
    expect(result.findings.filter((f) => f.ruleId === 'aws-cloudtrail-multi-region-missing').map((f) => [f.status, f.resource.id])).toEqual([
      ['pass', ACCOUNT],
    ]);
    expect(
      result.findings
        .filter((f) => f.ruleId === 'aws-cloudtrail-log-validation-off')
        .map((f) => [f.resource.name, f.resource.region, f.status])
        .sort(),
    ).toEqual([
      ['main-trail', 'us-east-1', 'pass'],
      ['side-trail', 'eu-west-1', 'fail'],
    ]);
    expect(statusOf(result, 'aws-cloudtrail-not-kms-encrypted', 'main-trail')).toBe('pass');
    expect(statusOf(result, 'aws-cloudtrail-not-kms-encrypted', 'side-trail')).toBe('fail');
    expect(statusOf(result, 'aws-cloudtrail-bucket-public', 'main-trail')).toBe('pass');
    expect(statusOf(result, 'aws-cloudtrail-bucket-public', 'side-trail')).toBe('fail');
  });
});

describe('CloudTrail account view against moto', () => {
  it('fails when the only multi-region trail is not logging, and when there is none', async () => {
    await moto.reset();
    const clients = awsClients(moto.endpoint, 'eu-west-1');
    const { s3, cloudtrail: ct } = clients;
    await createBucket(s3, 'idle-logs', 'eu-west-1');
    await ct.send(new CreateTrailCommand({ Name: 'local-only', S3BucketName: 'idle-logs' }));
    await ct.send(new StartLoggingCommand({ Name: 'local-only' }));
    let { result } = await collectAndEvaluate();
    expect(result.findings.filter((f) => f.ruleId === 'aws-cloudtrail-multi-region-missing').map((f) => [f.status, f.messageId])).toEqual([['fail', 'none']]);

    await ct.send(new CreateTrailCommand({ Name: 'stopped', S3BucketName: 'idle-logs', IsMultiRegionTrail: true }));
    ({ result } = await collectAndEvaluate());
    expect(result.findings.filter((f) => f.ruleId === 'aws-cloudtrail-multi-region-missing').map((f) => [f.status, f.messageId])).toEqual([
      ['fail', 'inadequate'],
    ]);
    clients.destroy();
  }, 120000);
});

describe('demo seed (examples/demo/seed-aws-data.ts) against moto', () => {
  it('produces the findings it documents', async () => {
    await moto.reset();
    await seedAwsData(moto.endpoint, REGIONS);
    const { snapshot, result } = await collectAndEvaluate();
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    const s = (rule: string, name: string, region?: string) => statusOf(result, rule, name, region);
    expect(s('aws-ebs-snapshot-public', 'legacy-data-backup', 'eu-west-1')).toBe('fail');
    expect(s('aws-ami-public', 'vendor-appliance')).toBe('fail');
    expect(s('aws-s3-bucket-public', 'acme-public-assets-us-east-1')).toBe('fail');
    expect(s('aws-s3-bucket-no-tls-policy', 'acme-app-uploads-eu-west-1')).toBe('fail');
    for (const rule of [
      'aws-s3-bucket-no-default-encryption',
      'aws-s3-bucket-no-tls-policy',
      'aws-s3-bucket-public',
      'aws-s3-bucket-block-public-access-off',
      'aws-s3-bucket-versioning-off',
      'aws-s3-bucket-access-logging-off',
    ]) {
      expect([rule, s(rule, 'acme-secure-records-eu-west-1')]).toEqual([rule, 'pass']);
    }
    expect(s('aws-s3-account-block-public-access-off', ACCOUNT)).toBe('fail');
    expect(s('aws-kms-key-pending-deletion', 'old-key')).toBe('fail');
    expect(s('aws-kms-key-policy-public', 'shared-key')).toBe('fail');
    expect(s('aws-rds-publicly-accessible', 'legacy-mysql', 'us-east-1')).toBe('fail');
    expect(s('aws-rds-tls-not-enforced', 'orders-db', 'eu-west-1')).toBe('pass');
    expect(s('aws-cloudtrail-multi-region-missing', ACCOUNT)).toBe('pass');
    expect(s('aws-cloudtrail-bucket-public', 'dev-trail')).toBe('fail');
  }, 120000);
});
