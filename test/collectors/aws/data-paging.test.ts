/**
 * Paging and error paths of the EBS, S3, KMS, RDS and CloudTrail collectors that moto cannot produce
 * (it never denies one bucket, never pages DescribeSnapshots or ListKeys, never lists a full parameter group).
 * aws-sdk-client-mock stubs `send`; the clients point at a closed loopback port so nothing can escape.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import {
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinRules } from '../../../policies/index.js';
import { cloudtrail, cloudtrailAccount } from '../../../src/collectors/aws/cloudtrail.js';
import { createAwsContext } from '../../../src/collectors/aws/context.js';
import { ebs } from '../../../src/collectors/aws/ebs.js';
import { kms } from '../../../src/collectors/aws/kms.js';
import { rds } from '../../../src/collectors/aws/rds.js';
import { s3 } from '../../../src/collectors/aws/s3.js';
import { mergeOutputs } from '../../../src/collectors/index.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { BucketData } from '../../../src/model/aws/s3.js';
import type { Resource } from '../../../src/model/types.js';

const ACCOUNT = '123456789012';
const NOWHERE = 'http://127.0.0.1:9';
const denied = (name = 'AccessDenied') => Object.assign(new Error(`${name} (test)`), { name, $metadata: { httpStatusCode: 403 } });
const notFound = (name: string) => Object.assign(new Error(`${name} (test)`), { name, Code: name, $metadata: { httpStatusCode: 404 } });

const ec2Mock = mockClient(EC2Client);
const s3Mock = mockClient(S3Client);
const s3cMock = mockClient(S3ControlClient);
const kmsMock = mockClient(KMSClient);
const rdsMock = mockClient(RDSClient);
const ctMock = mockClient(CloudTrailClient);

function run() {
  return createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts: 1 });
}

function evaluateOutput(state: ReturnType<typeof run>, resources: Resource[]) {
  const snapshot = mergeOutputs([{ scopes: [], resources, coverage: state.coverage }], new Date().toISOString());
  return evaluate(snapshot, builtinRules);
}

beforeEach(() => {
  for (const m of [ec2Mock, s3Mock, s3cMock, kmsMock, rdsMock, ctMock]) m.reset();
});
afterAll(() => {
  for (const m of [ec2Mock, s3Mock, s3cMock, kmsMock, rdsMock, ctMock]) m.restore();
});

describe('s3: one bucket denied', () => {
  function mockBuckets() {
    s3Mock.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'open-data', BucketRegion: 'eu-west-1' },
        { Name: 'locked', BucketRegion: 'us-east-1' },
      ],
    });
    s3cMock.on(GetAccountPublicAccessBlockCommand).rejects(notFound('NoSuchPublicAccessBlockConfiguration'));
    s3Mock.on(GetBucketEncryptionCommand).rejects(notFound('ServerSideEncryptionConfigurationNotFoundError'));
    s3Mock.on(GetPublicAccessBlockCommand).rejects(notFound('NoSuchPublicAccessBlockConfiguration'));
    s3Mock
      .on(GetBucketPolicyCommand, { Bucket: 'open-data' })
      .resolves({ Policy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open-data/*' } }) });
    s3Mock.on(GetBucketPolicyCommand, { Bucket: 'locked' }).rejects(denied());
    s3Mock.on(GetBucketAclCommand).resolves({ Owner: { ID: 'o' }, Grants: [] });
    s3Mock.on(GetBucketVersioningCommand).resolves({});
    s3Mock.on(GetBucketLoggingCommand).resolves({});
  }

  it('makes that bucket policy-dependent rules unknown and evaluates the others', async () => {
    mockBuckets();
    const state = run();
    const resources = await s3.collect(state.ctx, 'global');
    const locked = resources.find((r) => r.ref.id === 'locked') as unknown as Resource<BucketData>;
    expect(locked.data.policy).toBeNull();
    expect(locked.data.versioning).toEqual({ status: 'Off', mfaDelete: null });
    expect(state.coverage).toContainEqual(
      expect.objectContaining({
        operation: 'GetBucketPolicy',
        resourceId: 'locked',
        status: 'denied',
        errorCode: 'AccessDenied',
        resourceTypes: ['aws.s3.bucket-policy'],
      }),
    );
    // BucketRegion from ListBuckets spares GetBucketLocation; settings go to the bucket's region.
    expect(s3Mock.commandCalls(GetBucketLocationCommand)).toHaveLength(0);
    expect(resources.find((r) => r.ref.id === 'open-data')!.ref.region).toBe('eu-west-1');

    const result = evaluateOutput(state, resources);
    const status = (rule: string, id: string) => result.findings.find((f) => f.ruleId === rule && f.resource.id === id)?.status;
    expect(status('aws-s3-bucket-public', 'locked')).toBe('unknown');
    expect(status('aws-s3-bucket-no-tls-policy', 'locked')).toBe('unknown');
    expect(status('aws-s3-bucket-public', 'open-data')).toBe('fail');
    expect(status('aws-s3-bucket-no-tls-policy', 'open-data')).toBe('fail');
    expect(status('aws-s3-bucket-versioning-off', 'open-data')).toBe('fail');
    expect(status('aws-s3-account-block-public-access-off', ACCOUNT)).toBe('fail');
    // Only the rules that read the policy are blinded: the denied bucket's other settings are still judged.
    expect(status('aws-s3-bucket-versioning-off', 'locked')).toBe('fail');
    expect(status('aws-s3-bucket-no-default-encryption', 'locked')).toBe('fail');
    expect(status('aws-s3-bucket-access-logging-off', 'locked')).toBe('fail');
  });

  it('records the account-level block as a gap when S3 Control is denied', async () => {
    mockBuckets();
    s3cMock.on(GetAccountPublicAccessBlockCommand).rejects(denied());
    const state = run();
    const resources = await s3.collect(state.ctx, 'global');
    expect(resources.some((r) => r.ref.type === 'aws.s3.account-public-access-block')).toBe(false);
    const result = evaluateOutput(state, resources);
    expect(result.findings.filter((f) => f.ruleId === 'aws-s3-account-block-public-access-off').map((f) => f.status)).toEqual(['unknown']);
    // The public bucket needs the account setting to be judged: unknown, never pass.
    expect(result.findings.find((f) => f.ruleId === 'aws-s3-bucket-public' && f.resource.id === 'open-data')?.status).toBe('unknown');
  });

  it('asks GetBucketLocation when ListBuckets has no BucketRegion', async () => {
    mockBuckets();
    s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'old' }] });
    s3Mock.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'EU' });
    const state = run();
    const resources = await s3.collect(state.ctx, 'global');
    expect(resources.find((r) => r.ref.id === 'old')!.ref.region).toBe('eu-west-1');
  });

  it('follows ListBuckets pages', async () => {
    mockBuckets();
    s3Mock
      .on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: 'a', BucketRegion: 'us-east-1' }], ContinuationToken: 't1' })
      .resolvesOnce({ Buckets: [{ Name: 'b', BucketRegion: 'us-east-1' }] });
    const state = run();
    const resources = await s3.collect(state.ctx, 'global');
    expect(resources.filter((r) => r.ref.type === 'aws.s3.bucket').map((r) => r.ref.id)).toEqual(['a', 'b']);
    expect(s3Mock.commandCalls(ListBucketsCommand)[1]!.args[0].input).toMatchObject({ ContinuationToken: 't1' });
  });
});

describe('ebs', () => {
  it('follows snapshot pages and stops asking attributes after repeated denials', async () => {
    ec2Mock
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [{ VolumeId: 'vol-1', Encrypted: false }], NextToken: 'v2' })
      .resolvesOnce({ Volumes: [{ VolumeId: 'vol-2', Encrypted: true }] });
    ec2Mock.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    const page = (from: number) => Array.from({ length: 10 }, (_, i) => ({ SnapshotId: `snap-${from + i}`, Encrypted: true }));
    ec2Mock
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: page(0), NextToken: 's2' })
      .resolvesOnce({ Snapshots: page(10) });
    ec2Mock.on(DescribeSnapshotAttributeCommand).rejects(denied('UnauthorizedOperation'));
    ec2Mock.on(DescribeImagesCommand).resolves({ Images: [] });
    const state = createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts: 1, perResourceConcurrency: 1 });
    const resources = await ebs.collect(state.ctx, 'us-east-1');
    expect(resources.filter((r) => r.ref.type === 'aws.ebs.volume')).toHaveLength(2);
    expect(resources.filter((r) => r.ref.type === 'aws.ebs.snapshot')).toHaveLength(20);
    expect(ec2Mock.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).toMatchObject({ Filters: [{ Name: 'owner-id', Values: [ACCOUNT] }] });
    expect(ec2Mock.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(5);
    const gaps = state.coverage.filter((c) => c.operation === 'DescribeSnapshotAttribute');
    expect(gaps).toHaveLength(20);
    expect(gaps.every((g) => g.status === 'denied' && g.resourceId?.startsWith('snap-'))).toBe(true);
    const result = evaluateOutput(state, resources);
    const pub = result.findings.filter((f) => f.ruleId === 'aws-ebs-snapshot-public');
    expect(pub).toHaveLength(20);
    expect(pub.every((f) => f.status === 'unknown')).toBe(true);
    // Encryption comes from DescribeSnapshots: the denied attribute does not hide it.
    const enc = result.findings.filter((f) => f.ruleId === 'aws-ebs-snapshot-unencrypted');
    expect(enc).toHaveLength(20);
    expect(enc.every((f) => f.status === 'pass')).toBe(true);
  });

  it('turns an answer without the encryption-by-default flag into a gap, not "off"', async () => {
    ec2Mock.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-1', Encrypted: false }] });
    ec2Mock.on(GetEbsEncryptionByDefaultCommand).resolves({});
    ec2Mock.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    ec2Mock.on(DescribeImagesCommand).resolves({ Images: [] });
    const state = run();
    const resources = await ebs.collect(state.ctx, 'us-east-1');
    expect(resources.some((r) => r.ref.type === 'aws.ebs.encryption-default')).toBe(false);
    const result = evaluateOutput(state, resources);
    expect(result.findings.filter((f) => f.ruleId === 'aws-ebs-default-encryption-off').map((f) => f.status)).toEqual(['unknown']);
  });
});

describe('kms', () => {
  it('follows ListKeys pages, skips AWS-managed keys and isolates a denied rotation status', async () => {
    kmsMock
      .on(ListKeysCommand)
      .resolvesOnce({ Keys: [{ KeyId: 'k1' }, { KeyId: 'aws1' }], Truncated: true, NextMarker: 'm2' })
      .resolvesOnce({ Keys: [{ KeyId: 'k2' }], Truncated: false });
    const meta = (KeyId: string, KeyManager: 'CUSTOMER' | 'AWS') => ({
      KeyMetadata: {
        KeyId,
        Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KeyId}`,
        KeyManager,
        KeyState: 'Enabled' as const,
        KeySpec: 'SYMMETRIC_DEFAULT' as const,
        Origin: 'AWS_KMS' as const,
        KeyUsage: 'ENCRYPT_DECRYPT' as const,
      },
    });
    kmsMock.on(DescribeKeyCommand, { KeyId: 'k1' }).resolves(meta('k1', 'CUSTOMER'));
    kmsMock.on(DescribeKeyCommand, { KeyId: 'k2' }).resolves(meta('k2', 'CUSTOMER'));
    kmsMock.on(DescribeKeyCommand, { KeyId: 'aws1' }).resolves(meta('aws1', 'AWS'));
    kmsMock.on(GetKeyRotationStatusCommand, { KeyId: 'k1' }).resolves({ KeyRotationEnabled: false });
    kmsMock.on(GetKeyRotationStatusCommand, { KeyId: 'k2' }).rejects(denied('AccessDeniedException'));
    kmsMock
      .on(GetKeyPolicyCommand)
      .resolves({ Policy: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}' });
    const state = run();
    const resources = await kms.collect(state.ctx, 'us-east-1');
    expect(resources.map((r) => r.ref.id)).toEqual(['k1', 'k2']);
    expect(kmsMock.commandCalls(ListKeysCommand)[1]!.args[0].input).toMatchObject({ Marker: 'm2' });
    expect(
      kmsMock
        .commandCalls(GetKeyPolicyCommand)
        .map((c) => c.args[0].input.KeyId)
        .sort(),
    ).toEqual(['k1', 'k2']);
    const result = evaluateOutput(state, resources);
    const rot = (id: string) => result.findings.find((f) => f.ruleId === 'aws-kms-key-rotation-off' && f.resource.id === id)?.status;
    expect([rot('k1'), rot('k2')]).toEqual(['fail', 'unknown']);
  });
});

describe('rds', () => {
  it('reads every page of a parameter group: the TLS parameter on page 2 decides', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'db1',
          Engine: 'postgres',
          StorageEncrypted: true,
          DBParameterGroups: [{ DBParameterGroupName: 'pg', ParameterApplyStatus: 'in-sync' }],
        },
      ],
    });
    rdsMock.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    rdsMock
      .on(DescribeDBParametersCommand)
      .resolvesOnce({ Parameters: Array.from({ length: 100 }, (_, i) => ({ ParameterName: `p${i}`, ParameterValue: '0', Source: 'system' })), Marker: 'page2' })
      .resolvesOnce({ Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0', Source: 'engine-default' }] });
    const state = run();
    const resources = await rds.collect(state.ctx, 'us-east-1');
    expect(rdsMock.commandCalls(DescribeDBParametersCommand)).toHaveLength(2);
    const result = evaluateOutput(state, resources);
    expect(result.findings.find((f) => f.ruleId === 'aws-rds-tls-not-enforced')).toMatchObject({ status: 'fail', evidence: { 'rds.force_ssl': '0' } });
  });

  it('a denied parameter group makes TLS unknown, the other rules still run', async () => {
    rdsMock.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'db1', Engine: 'mysql', StorageEncrypted: false, DBParameterGroups: [{ DBParameterGroupName: 'pg' }] }],
    });
    rdsMock.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    rdsMock.on(DescribeDBParametersCommand).rejects(denied());
    const state = run();
    const resources = await rds.collect(state.ctx, 'us-east-1');
    const result = evaluateOutput(state, resources);
    const status = (rule: string) => result.findings.find((f) => f.ruleId === rule && f.resource.id === 'db1')?.status;
    expect(status('aws-rds-tls-not-enforced')).toBe('unknown');
    expect(status('aws-rds-storage-unencrypted')).toBe('fail');
  });
});

describe('cloudtrail', () => {
  const trailArn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
  const trail = {
    Name: 'main',
    TrailARN: trailArn,
    HomeRegion: 'us-east-1',
    IsMultiRegionTrail: true,
    LogFileValidationEnabled: true,
    S3BucketName: 'logs',
    HasCustomEventSelectors: false,
  };

  it('an unreadable trail status makes the account result unknown, never pass or fail', async () => {
    ctMock.on(DescribeTrailsCommand).resolves({ trailList: [trail] });
    ctMock.on(GetTrailStatusCommand).rejects(denied());
    ctMock.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const state = createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts: 1, regions: ['us-east-1'] });
    const resources = [...(await cloudtrail.collect(state.ctx, 'us-east-1')), ...(await cloudtrailAccount.collect(state.ctx, 'global'))];
    expect(ctMock.commandCalls(DescribeTrailsCommand).map((c) => c.args[0].input.includeShadowTrails)).toEqual([false, true]);
    const result = evaluateOutput(state, resources);
    expect(result.findings.find((f) => f.ruleId === 'aws-cloudtrail-multi-region-missing')?.status).toBe('unknown');
    // The trail's own settings do not depend on its status.
    expect(result.findings.find((f) => f.ruleId === 'aws-cloudtrail-log-validation-off')?.status).toBe('pass');
    expect(state.coverage).toContainEqual(
      expect.objectContaining({ operation: 'GetTrailStatus', resourceTypes: ['aws.cloudtrail.trail-status'], resourceId: trailArn, status: 'denied' }),
    );
    expect(state.coverage).toContainEqual(
      expect.objectContaining({ operation: 'GetTrailStatus', resourceTypes: ['aws.cloudtrail.account'], resourceId: ACCOUNT, status: 'denied' }),
    );
  });

  it('a multi-region trail homed in an unscanned region still counts for the account', async () => {
    const foreign = { ...trail, TrailARN: `arn:aws:cloudtrail:ap-south-1:${ACCOUNT}:trail/main`, HomeRegion: 'ap-south-1' };
    ctMock.on(DescribeTrailsCommand, { includeShadowTrails: false }).resolves({ trailList: [] });
    ctMock.on(DescribeTrailsCommand, { includeShadowTrails: true }).resolves({ trailList: [foreign] });
    ctMock.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ctMock.on(GetEventSelectorsCommand).resolves({ EventSelectors: [], AdvancedEventSelectors: [] });
    const state = createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts: 1, regions: ['eu-west-1'] });
    const resources = [...(await cloudtrail.collect(state.ctx, 'eu-west-1')), ...(await cloudtrailAccount.collect(state.ctx, 'global'))];
    const result = evaluateOutput(state, resources);
    expect(result.findings.find((f) => f.ruleId === 'aws-cloudtrail-multi-region-missing')).toMatchObject({ status: 'pass' });
  });
});
