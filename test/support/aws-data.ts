/** Builders for the EBS, S3, KMS, RDS and CloudTrail resources in rule tests (default test account and region). */
import {
  CLOUDTRAIL_ACCOUNT,
  CLOUDTRAIL_TRAIL,
  type CloudTrailAccountData,
  type MultiRegionTrailSummary,
  type TrailData,
} from '../../src/model/aws/cloudtrail.js';
import { EBS_ENCRYPTION_DEFAULT, EBS_SNAPSHOT, EBS_VOLUME, EC2_IMAGE, type ImageData, type SnapshotData, type VolumeData } from '../../src/model/aws/ebs.js';
import type { IamPolicyDocument, IamStatement } from '../../src/model/aws/iam.js';
import { KMS_KEY, type KmsKeyData } from '../../src/model/aws/kms.js';
import {
  type DbClusterData,
  type DbInstanceData,
  type DbParameterGroupData,
  RDS_DB_CLUSTER,
  RDS_DB_CLUSTER_PARAMETER_GROUP,
  RDS_DB_INSTANCE,
  RDS_DB_PARAMETER_GROUP,
  type RdsDatabaseData,
  type RdsParameter,
} from '../../src/model/aws/rds.js';
import { type BucketData, type PublicAccessBlockSettings, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET } from '../../src/model/aws/s3.js';
import type { Resource, ResourceRef } from '../../src/model/types.js';
import type { ResourceType } from '../../src/model/registry.js';
import { resource } from './rule-tester.js';

// Rule-tester cases take `Resource` (data: Record<string, unknown>); model interfaces are structurally narrower.
const r = <D>(type: ResourceType, id: string, data: D, extra: Partial<ResourceRef> = {}): Resource =>
  resource(type, id, data as never, extra) as unknown as Resource;

export const ACCOUNT = '123456789012';

export function volume(id: string, data: Partial<VolumeData> = {}, extra: Partial<ResourceRef> = {}): Resource {
  return r<VolumeData>(
    EBS_VOLUME,
    id,
    {
      volumeId: id,
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
      state: 'in-use',
      sizeGiB: 8,
      volumeType: 'gp3',
      availabilityZone: 'us-east-1a',
      snapshotId: null,
      createTime: null,
      attachments: [],
      ...data,
    },
    extra,
  );
}

export function ebsDefault(region: string, enabled: boolean): Resource {
  return r(EBS_ENCRYPTION_DEFAULT, region, { region, enabled }, { region });
}

export function ec2Instance(id: string, state = 'running', extra: Partial<ResourceRef> = {}): Resource {
  return r('aws.ec2.instance', id, { instanceId: id, state }, extra);
}

export function snapshot(id: string, data: Partial<SnapshotData> = {}): Resource {
  return r<SnapshotData>(EBS_SNAPSHOT, id, {
    snapshotId: id,
    volumeId: 'vol-1',
    encrypted: true,
    kmsKeyId: null,
    state: 'completed',
    startTime: null,
    volumeSizeGiB: 8,
    description: null,
    public: false,
    sharedWithAccounts: [],
    ...data,
  });
}

export function image(id: string, data: Partial<ImageData> = {}): Resource {
  return r<ImageData>(EC2_IMAGE, id, { imageId: id, name: id, public: false, state: 'available', creationDate: null, snapshotIds: ['snap-1'], ...data });
}

export const ALL_ON: PublicAccessBlockSettings = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
export const ALL_OFF: PublicAccessBlockSettings = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

export function policy(...statements: IamStatement[]): IamPolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

export const tlsDeny = (bucket: string): IamStatement => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: { AWS: ['*'] },
  Action: ['s3:*'],
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
});

export const publicRead = (bucket: string, condition?: IamStatement['Condition']): IamStatement => ({
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: { AWS: ['*'] },
  Action: ['s3:GetObject'],
  Resource: [`arn:aws:s3:::${bucket}/*`],
  ...(condition ? { Condition: condition } : {}),
});

/** A fully compliant bucket unless overridden. */
export function bucket(name: string, data: Partial<BucketData> = {}, extra: Partial<ResourceRef> = {}): Resource {
  return r<BucketData>(
    S3_BUCKET,
    name,
    {
      name,
      region: extra.region ?? 'us-east-1',
      creationDate: null,
      encryption: { configured: true, rules: [{ algorithm: 'aws:kms', kmsKeyId: 'alias/s3', bucketKeyEnabled: true }] },
      publicAccessBlock: { configured: true, settings: ALL_ON },
      policy: { exists: true, document: policy(tlsDeny(name)) },
      acl: { ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', grantee: 'owner', permission: 'FULL_CONTROL' }] },
      versioning: { status: 'Enabled', mfaDelete: false },
      logging: { enabled: true, targetBucket: 'logs', targetPrefix: `${name}/` },
      ...data,
    },
    { name, ...extra },
  );
}

export function accountBpa(settings: PublicAccessBlockSettings | 'none'): Resource {
  return r(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, ACCOUNT, settings === 'none' ? { configured: false, settings: ALL_OFF } : { configured: true, settings }, {
    region: 'global',
  });
}

export function kmsKey(id: string, data: Partial<KmsKeyData> = {}): Resource {
  return r<KmsKeyData>(KMS_KEY, id, {
    keyId: id,
    arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`,
    description: null,
    keyState: 'Enabled',
    enabled: true,
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    multiRegion: false,
    creationDate: null,
    deletionDate: null,
    rotationSupported: true,
    rotationEnabled: true,
    policy: policy({
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
      Action: ['kms:*'],
      Resource: ['*'],
    }),
    ...data,
  });
}

/** Compliant shared settings of a DB instance or cluster (encrypted, private, 7-day backups, protected, Multi-AZ). */
const dbCommon = (identifier: string, arn: string, engine: string, engineVersion: string): RdsDatabaseData => ({
  identifier,
  arn,
  engine,
  engineVersion,
  status: 'available',
  storageEncrypted: true,
  kmsKeyId: 'k',
  publiclyAccessible: false,
  backupRetentionPeriod: 7,
  deletionProtection: true,
  multiAz: true,
});

export function dbInstance(id: string, data: Partial<DbInstanceData> = {}): Resource {
  return r<DbInstanceData>(RDS_DB_INSTANCE, id, {
    ...dbCommon(id, `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`, 'postgres', '16.3'),
    instanceClass: 'db.t3.micro',
    clusterIdentifier: null,
    readReplicaSourceIdentifier: null,
    parameterGroups: [{ name: 'pg-tls', applyStatus: 'in-sync' }],
    endpointAddress: `${id}.abc.us-east-1.rds.amazonaws.com`,
    port: 5432,
    ...data,
  });
}

export function dbCluster(id: string, data: Partial<DbClusterData> = {}): Resource {
  return r<DbClusterData>(RDS_DB_CLUSTER, id, {
    ...dbCommon(id, `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`, 'aurora-mysql', '8.0.mysql_aurora.3.05.2'),
    engineMode: 'provisioned',
    parameterGroup: 'cpg-tls',
    members: [],
    ...data,
  });
}

export function paramGroup(name: string, kind: 'instance' | 'cluster', tlsParameters: RdsParameter[] | null, extra: Partial<ResourceRef> = {}): Resource {
  return r<DbParameterGroupData>(kind === 'instance' ? RDS_DB_PARAMETER_GROUP : RDS_DB_CLUSTER_PARAMETER_GROUP, name, { name, kind, tlsParameters }, extra);
}

export function trail(name: string, data: Partial<TrailData> = {}): Resource {
  const arn = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`;
  return r<TrailData>(
    CLOUDTRAIL_TRAIL,
    arn,
    {
      name,
      arn,
      homeRegion: 'us-east-1',
      isMultiRegion: true,
      isOrganizationTrail: false,
      includeGlobalServiceEvents: true,
      logFileValidationEnabled: true,
      kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k1`,
      s3BucketName: 'trail-logs',
      s3KeyPrefix: null,
      isLogging: true,
      managementEvents: 'all',
      ...data,
    },
    { name },
  );
}

export function trailSummary(name: string, data: Partial<MultiRegionTrailSummary> = {}): MultiRegionTrailSummary {
  return {
    name,
    arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/${name}`,
    homeRegion: 'us-east-1',
    isOrganizationTrail: false,
    isLogging: true,
    managementEvents: 'all',
    ...data,
  };
}

export function cloudtrailAccount(trails: MultiRegionTrailSummary[]): Resource {
  return r<CloudTrailAccountData>(CLOUDTRAIL_ACCOUNT, ACCOUNT, { viewRegion: 'us-east-1', multiRegionTrails: trails }, { region: 'global' });
}
