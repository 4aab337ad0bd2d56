import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsEbsVolumeUnencrypted from './aws-ebs-volume-unencrypted.js';
import awsEbsDefaultEncryptionOff from './aws-ebs-default-encryption-off.js';
import awsEbsSnapshotPublic from './aws-ebs-snapshot-public.js';
import awsEbsSnapshotUnencrypted from './aws-ebs-snapshot-unencrypted.js';
import awsAmiPublic from './aws-ami-public.js';
import awsS3BucketNoDefaultEncryption from './aws-s3-bucket-no-default-encryption.js';
import awsS3BucketNoTlsPolicy from './aws-s3-bucket-no-tls-policy.js';
import awsS3BucketPublic from './aws-s3-bucket-public.js';
import awsS3AccountBlockPublicAccessOff from './aws-s3-account-block-public-access-off.js';
import awsS3BucketBlockPublicAccessOff from './aws-s3-bucket-block-public-access-off.js';
import awsS3BucketVersioningOff from './aws-s3-bucket-versioning-off.js';
import awsKmsKeyRotationOff from './aws-kms-key-rotation-off.js';
import awsKmsKeyPendingDeletion from './aws-kms-key-pending-deletion.js';
import awsKmsKeyPolicyPublic from './aws-kms-key-policy-public.js';
import awsRdsStorageUnencrypted from './aws-rds-storage-unencrypted.js';
import awsRdsPubliclyAccessible from './aws-rds-publicly-accessible.js';
import awsRdsBackupRetentionShort from './aws-rds-backup-retention-short.js';
import awsRdsDeletionProtectionOff from './aws-rds-deletion-protection-off.js';
import awsRdsTlsNotEnforced from './aws-rds-tls-not-enforced.js';
import awsDynamodbPitrOff from './aws-dynamodb-pitr-off.js';
import awsEfsUnencrypted from './aws-efs-unencrypted.js';
import gcpSqlPublicIpOpen from './gcp-sql-public-ip-open.js';
import gcpSqlSslNotEnforced from './gcp-sql-ssl-not-enforced.js';
import gcpBucketPublicAccessPreventionOff from './gcp-bucket-public-access-prevention-off.js';
import gcpBucketUniformAccessOff from './gcp-bucket-uniform-access-off.js';
import gcpDiskNoCmek from './gcp-disk-no-cmek.js';
import gcpBucketNoCmek from './gcp-bucket-no-cmek.js';
import gcpKmsKeyRotationLong from './gcp-kms-key-rotation-long.js';
import awsSnsTopicUnencrypted from './aws-sns-topic-unencrypted.js';
import awsOpensearchNodeToNodeEncryptionOff from './aws-opensearch-node-to-node-encryption-off.js';
import awsOpensearchAtRestEncryptionOff from './aws-opensearch-at-rest-encryption-off.js';
import awsElasticacheTransitEncryptionOff from './aws-elasticache-transit-encryption-off.js';
import awsElasticacheAtRestEncryptionOff from './aws-elasticache-at-rest-encryption-off.js';
import awsRedshiftClusterUnencrypted from './aws-redshift-cluster-unencrypted.js';
import awsRedshiftSslNotRequired from './aws-redshift-ssl-not-required.js';
import awsSqsQueueUnencrypted from './aws-sqs-queue-unencrypted.js';
import awsSqsQueuePolicyPublic from './aws-sqs-queue-policy-public.js';
import awsRdsMultiAzOff from './aws-rds-multi-az-off.js';
import awsBackupResourceNotCovered from './aws-backup-resource-not-covered.js';

/** The encryption pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsEbsVolumeUnencrypted,
  awsEbsDefaultEncryptionOff,
  awsEbsSnapshotPublic,
  awsEbsSnapshotUnencrypted,
  awsAmiPublic,
  awsS3BucketNoDefaultEncryption,
  awsS3BucketNoTlsPolicy,
  awsS3BucketPublic,
  awsS3AccountBlockPublicAccessOff,
  awsS3BucketBlockPublicAccessOff,
  awsS3BucketVersioningOff,
  awsKmsKeyRotationOff,
  awsKmsKeyPendingDeletion,
  awsKmsKeyPolicyPublic,
  awsRdsStorageUnencrypted,
  awsRdsPubliclyAccessible,
  awsRdsBackupRetentionShort,
  awsRdsDeletionProtectionOff,
  awsRdsTlsNotEnforced,
  awsDynamodbPitrOff,
  awsEfsUnencrypted,
  awsSnsTopicUnencrypted,
  gcpSqlPublicIpOpen,
  gcpSqlSslNotEnforced,
  gcpBucketPublicAccessPreventionOff,
  gcpBucketUniformAccessOff,
  gcpDiskNoCmek,
  gcpBucketNoCmek,
  gcpKmsKeyRotationLong,
  awsOpensearchNodeToNodeEncryptionOff,
  awsOpensearchAtRestEncryptionOff,
  awsElasticacheTransitEncryptionOff,
  awsElasticacheAtRestEncryptionOff,
  awsRedshiftClusterUnencrypted,
  awsRedshiftSslNotRequired,
  awsSqsQueueUnencrypted,
  awsSqsQueuePolicyPublic,
  awsRdsMultiAzOff,
  awsBackupResourceNotCovered,
];
