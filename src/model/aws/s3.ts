/**
 * `data` of the S3 resource types written by src/collectors/aws/s3.ts.
 *
 * - `aws.s3.bucket`: one per bucket, `ref.id` = bucket name, `ref.region` = the bucket's region
 *   (`global` when its location could not be read).
 * - `aws.s3.account-public-access-block`: one per account (`ref.id` = account id, region `global`),
 *   written only when S3 Control GetPublicAccessBlock answered (a missing configuration is a fact:
 *   `configured: false`); when the call failed there is no resource and a coverage gap instead.
 *
 * Each per-bucket setting that could not be read is `null`, with a coverage entry whose `resourceId` is
 * the bucket name and whose resource type is the setting's virtual type below. "Not configured" answers (`NoSuchBucketPolicy`, `NoSuchPublicAccessBlockConfiguration`,
 * `ServerSideEncryptionConfigurationNotFoundError`) are facts, not gaps.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';
import type { IamPolicyDocument } from './iam.js';

export const S3_BUCKET = 'aws.s3.bucket' as const;
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = 'aws.s3.account-public-access-block' as const;

/**
 * Virtual input types (coverage entries only, never resources), one per per-bucket setting. A failed read is
 * recorded under the setting's type with `resourceId` = bucket name, so only the rules that list that type in
 * `inputs` become unknown for that bucket (a denied GetBucketLogging does not hide a public bucket).
 */
export const S3_BUCKET_LOCATION = 'aws.s3.bucket-location' as const;
export const S3_BUCKET_ENCRYPTION = 'aws.s3.bucket-encryption' as const;
export const S3_BUCKET_PUBLIC_ACCESS_BLOCK = 'aws.s3.bucket-public-access-block' as const;
export const S3_BUCKET_POLICY = 'aws.s3.bucket-policy' as const;
export const S3_BUCKET_ACL = 'aws.s3.bucket-acl' as const;
export const S3_BUCKET_VERSIONING = 'aws.s3.bucket-versioning' as const;
export const S3_BUCKET_LOGGING = 'aws.s3.bucket-logging' as const;

/** The four Block Public Access switches (bucket or account level). */
export interface PublicAccessBlockSettings {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface PublicAccessBlockState {
  /** `false` when no configuration exists (every switch then counts as off). */
  configured: boolean;
  settings: PublicAccessBlockSettings;
}

/** One default-encryption rule of the bucket. */
export interface BucketEncryptionRule {
  /** `AES256` (SSE-S3), `aws:kms` (SSE-KMS), `aws:kms:dsse` (DSSE-KMS). */
  algorithm: string;
  kmsKeyId: string | null;
  bucketKeyEnabled: boolean;
}

export interface BucketEncryption {
  /** `false` when GetBucketEncryption answered ServerSideEncryptionConfigurationNotFoundError. */
  configured: boolean;
  rules: BucketEncryptionRule[];
}

export interface BucketPolicy {
  /** `false` when the bucket has no policy (NoSuchBucketPolicy). */
  exists: boolean;
  /** Parsed and normalized document; `null` when there is no policy. */
  document: IamPolicyDocument | null;
}

/** One ACL grant. */
export interface BucketAclGrant {
  /** `CanonicalUser`, `Group`, `AmazonCustomerByEmail`. */
  granteeType: string;
  /** Group URI, canonical user id or e-mail address (attacker-controlled). */
  grantee: string;
  /** `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`. */
  permission: string;
}

export interface BucketAcl {
  ownerId: string | null;
  grants: BucketAclGrant[];
}

export interface BucketVersioning {
  /** `Off` when versioning was never enabled (GetBucketVersioning returned no status). */
  status: 'Enabled' | 'Suspended' | 'Off';
  /** `null` when the answer did not mention MFA delete. */
  mfaDelete: boolean | null;
}

export interface BucketLogging {
  /** Server access logging configured. */
  enabled: boolean;
  targetBucket: string | null;
  targetPrefix: string | null;
}

/** `aws.s3.bucket` */
export interface BucketData {
  name: string;
  /** `null` when the location could not be read. */
  region: string | null;
  creationDate: string | null;
  encryption: BucketEncryption | null;
  publicAccessBlock: PublicAccessBlockState | null;
  policy: BucketPolicy | null;
  acl: BucketAcl | null;
  versioning: BucketVersioning | null;
  logging: BucketLogging | null;
}

/** `aws.s3.account-public-access-block` */
export type AccountPublicAccessBlockData = PublicAccessBlockState;

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface S3DataByType {
  [S3_BUCKET]: BucketData;
  [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]: AccountPublicAccessBlockData;
}

export const S3_TYPES: TypeTable<S3DataByType> = {
  [S3_BUCKET]: { provider: 'aws', scope: 'global', version: 1, description: 'S3 buckets (listed once per account; each in its own region)' },
  [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK]: { provider: 'aws', scope: 'global', version: 1, description: 'The account-level S3 Block Public Access setting' },
};

export const S3_INPUT_TYPES = {
  [S3_BUCKET_LOCATION]: { provider: 'aws', scope: 'global', description: "A bucket's region (GetBucketLocation)" },
  [S3_BUCKET_ENCRYPTION]: { provider: 'aws', scope: 'global', description: "A bucket's default encryption" },
  [S3_BUCKET_PUBLIC_ACCESS_BLOCK]: { provider: 'aws', scope: 'global', description: "A bucket's Block Public Access setting" },
  [S3_BUCKET_POLICY]: { provider: 'aws', scope: 'global', description: "A bucket's policy" },
  [S3_BUCKET_ACL]: { provider: 'aws', scope: 'global', description: "A bucket's ACL" },
  [S3_BUCKET_VERSIONING]: { provider: 'aws', scope: 'global', description: "A bucket's versioning and MFA delete" },
  [S3_BUCKET_LOGGING]: { provider: 'aws', scope: 'global', description: "A bucket's server access logging" },
} as const satisfies Record<string, InputTypeInfo>;
