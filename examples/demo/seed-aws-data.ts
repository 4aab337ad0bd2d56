/**
 * Seeds data stores and audit trails into an emulator (moto) for the demo: a realistic mix of compliant and
 * misconfigured EBS volumes, snapshots, AMIs, S3 buckets, KMS keys, RDS databases and CloudTrail trails.
 *
 * What the scan should find, per region R (the first region is called "home"):
 * - EBS: `app-data` encrypted, `legacy-data` unencrypted; a public snapshot of `legacy-data`, a private
 *   encrypted snapshot of `app-data`; EBS encryption by default on in home, off elsewhere;
 * - AMIs (home only): `golden-image` private, `vendor-appliance` public;
 * - S3: `acme-public-assets-R` public by policy (no Block Public Access), `acme-app-uploads-R` without
 *   TLS-only policy, default encryption, versioning or logging; `acme-secure-records-R` fully compliant
 *   (explicit SSE-KMS and Block Public Access, since moto lacks AWS's post-2023 defaults; TLS-only policy;
 *   versioning; access logs to `acme-access-logs-R`); the account-level Block Public Access is left unset;
 * - KMS: `app-key` rotating, `reports-key` not rotating; in home also `old-key` pending deletion and
 *   `shared-key` whose policy allows `*`;
 * - RDS: `orders-db` (PostgreSQL: encrypted, private, 14-day backups, deletion protection, `rds.force_ssl=1`
 *   in its own parameter group) and `legacy-mysql` (unencrypted, public, 1-day backups, no deletion
 *   protection, default parameter group);
 * - CloudTrail: `org-audit` in home, multi-region, logging, validated, KMS-encrypted, into the private
 *   `acme-cloudtrail-logs` bucket; `dev-trail` in the second region: single-region, not logging, no
 *   validation, no KMS, into the public `acme-public-assets-R` bucket.
 */
import { type CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateImageCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  type EC2Client,
  EnableEbsEncryptionByDefaultCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateKeyCommand, EnableKeyRotationCommand, type KMSClient, PutKeyPolicyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, CreateDBParameterGroupCommand, ModifyDBParameterGroupCommand, type RDSClient } from '@aws-sdk/client-rds';
import {
  type BucketCannedACL,
  type BucketLocationConstraint,
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsClients } from '../../src/testing/aws-clients.js';

const ACCOUNT = '123456789012';
const nameTag = (resourceType: string, name: string) => [{ ResourceType: resourceType as never, Tags: [{ Key: 'Name', Value: name }] }];
/** The bucket-policy statement that denies every request not made over TLS. */
export const tlsDeny = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

export async function seedAwsData(endpoint: string, regions: string[]): Promise<void> {
  const [home, second] = regions;
  for (const region of regions) await seedRegion(endpoint, region, region === home, second === region);
}

async function seedRegion(endpoint: string, region: string, isHome: boolean, isSecond: boolean): Promise<void> {
  const clients = awsClients(endpoint, region);
  const { ec2, s3, kms, rds, cloudtrail: trails } = clients;
  try {
    await seedEbs(ec2, region, isHome);
    const keyArn = await seedKms(kms, isHome);
    await seedS3(s3, region, keyArn);
    await seedRds(rds);
    if (isHome) await seedHomeTrail(s3, trails, region, keyArn);
    if (isSecond) {
      await trails.send(new CreateTrailCommand({ Name: 'dev-trail', S3BucketName: `acme-public-assets-${region}` }));
    }
  } finally {
    clients.destroy();
  }
}

async function seedEbs(ec2: EC2Client, region: string, isHome: boolean): Promise<void> {
  const az = `${region}a`;
  const good = (
    await ec2.send(
      new CreateVolumeCommand({ AvailabilityZone: az, Size: 50, VolumeType: 'gp3', Encrypted: true, TagSpecifications: nameTag('volume', 'app-data') }),
    )
  ).VolumeId!;
  const bad = (
    await ec2.send(new CreateVolumeCommand({ AvailabilityZone: az, Size: 100, VolumeType: 'gp2', TagSpecifications: nameTag('volume', 'legacy-data') }))
  ).VolumeId!;
  const publicSnap = (
    await ec2.send(
      new CreateSnapshotCommand({ VolumeId: bad, Description: 'legacy-data nightly', TagSpecifications: nameTag('snapshot', 'legacy-data-backup') }),
    )
  ).SnapshotId!;
  await ec2.send(
    new ModifySnapshotAttributeCommand({ SnapshotId: publicSnap, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }),
  );
  await ec2.send(new CreateSnapshotCommand({ VolumeId: good, Description: 'app-data nightly', TagSpecifications: nameTag('snapshot', 'app-data-backup') }));
  if (!isHome) return;
  await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
  const builder = (
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0abcdef1234567890',
        MinCount: 1,
        MaxCount: 1,
        InstanceType: 't3.micro',
        TagSpecifications: nameTag('instance', 'image-builder'),
      }),
    )
  ).Instances![0]!.InstanceId!;
  await ec2.send(new CreateImageCommand({ InstanceId: builder, Name: 'golden-image' }));
  const vendor = (await ec2.send(new CreateImageCommand({ InstanceId: builder, Name: 'vendor-appliance' }))).ImageId!;
  await ec2.send(new ModifyImageAttributeCommand({ ImageId: vendor, LaunchPermission: { Add: [{ Group: 'all' }] } }));
}

/** Returns the ARN of the rotating key (used for SSE-KMS and the trail). */
async function seedKms(kms: KMSClient, isHome: boolean): Promise<string> {
  const app = (await kms.send(new CreateKeyCommand({ Description: 'app-key' }))).KeyMetadata!;
  await kms.send(new EnableKeyRotationCommand({ KeyId: app.KeyId! }));
  await kms.send(new CreateKeyCommand({ Description: 'reports-key' }));
  if (isHome) {
    const old = (await kms.send(new CreateKeyCommand({ Description: 'old-key' }))).KeyMetadata!;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: old.KeyId!, PendingWindowInDays: 7 }));
    const shared = (await kms.send(new CreateKeyCommand({ Description: 'shared-key' }))).KeyMetadata!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: shared.KeyId! }));
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'AnyoneCanDecrypt', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: shared.KeyId!, PolicyName: 'default', Policy: JSON.stringify(policy) }));
  }
  return app.Arn!;
}

/** Creates a bucket in `region` (us-east-1 takes no LocationConstraint). */
export async function createBucket(s3: S3Client, bucket: string, region: string): Promise<void> {
  await s3.send(
    new CreateBucketCommand({
      Bucket: bucket,
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
    }),
  );
}

async function seedS3(s3: S3Client, region: string, keyArn: string): Promise<void> {
  const pub = `acme-public-assets-${region}`;
  await createBucket(s3, pub, region);
  const publicPolicy = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${pub}/*` }],
  };
  await s3.send(new PutBucketPolicyCommand({ Bucket: pub, Policy: JSON.stringify(publicPolicy) }));

  await createBucket(s3, `acme-app-uploads-${region}`, region);

  const logs = `acme-access-logs-${region}`;
  await createBucket(s3, logs, region);
  // moto (like S3 before bucket-policy-based log delivery) wants the log-delivery-write canned ACL on the target.
  await s3.send(new PutBucketAclCommand({ Bucket: logs, ACL: 'log-delivery-write' as BucketCannedACL }));

  const secure = `acme-secure-records-${region}`;
  await createBucket(s3, secure, region);
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: secure,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }],
      },
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: secure,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  await s3.send(new PutBucketPolicyCommand({ Bucket: secure, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [tlsDeny(secure)] }) }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: secure, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketLoggingCommand({ Bucket: secure, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: logs, TargetPrefix: `${secure}/` } } }));
}

async function seedRds(rds: RDSClient): Promise<void> {
  await rds.send(
    new CreateDBParameterGroupCommand({ DBParameterGroupName: 'orders-postgres16', DBParameterGroupFamily: 'postgres16', Description: 'orders-db: TLS only' }),
  );
  await rds.send(
    new ModifyDBParameterGroupCommand({
      DBParameterGroupName: 'orders-postgres16',
      Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', ApplyMethod: 'immediate' }],
    }),
  );
  const common = { DBInstanceClass: 'db.t3.medium', AllocatedStorage: 50, MasterUsername: 'dbadmin', MasterUserPassword: 'demo-only-password-1' };
  await rds.send(
    new CreateDBInstanceCommand({
      ...common,
      DBInstanceIdentifier: 'orders-db',
      Engine: 'postgres',
      EngineVersion: '16.3',
      StorageEncrypted: true,
      PubliclyAccessible: false,
      BackupRetentionPeriod: 14,
      DeletionProtection: true,
      MultiAZ: true,
      DBParameterGroupName: 'orders-postgres16',
    }),
  );
  await rds.send(
    new CreateDBInstanceCommand({
      ...common,
      DBInstanceIdentifier: 'legacy-mysql',
      Engine: 'mysql',
      StorageEncrypted: false,
      PubliclyAccessible: true,
      BackupRetentionPeriod: 1,
      DeletionProtection: false,
    }),
  );
}

async function seedHomeTrail(s3: S3Client, trails: CloudTrailClient, region: string, keyArn: string): Promise<void> {
  const bucket = 'acme-cloudtrail-logs';
  await createBucket(s3, bucket, region);
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:aws:s3:::${bucket}`,
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/AWSLogs/${ACCOUNT}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': ACCOUNT } },
      },
      tlsDeny(bucket),
    ],
  };
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) }));
  await trails.send(
    new CreateTrailCommand({
      Name: 'org-audit',
      S3BucketName: bucket,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: keyArn,
      IncludeGlobalServiceEvents: true,
    }),
  );
  await trails.send(new StartLoggingCommand({ Name: 'org-audit' }));
}
