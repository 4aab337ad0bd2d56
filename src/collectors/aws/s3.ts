/**
 * S3 collector (global): every bucket with its region and settings, plus account-level Block Public Access.
 *
 * ListBuckets is one paged call; the settings of a bucket have no batch API, so each bucket costs one call
 * per setting (location only when ListBuckets did not give `BucketRegion`), all under the shared
 * per-resource cap, each sent to the bucket's own region. "Not configured" answers are facts; any other
 * failure is a coverage gap for that bucket and that setting alone (`resourceId` = bucket name, resource type =
 * the setting's virtual type, e.g. `aws.s3.bucket-policy`) and the setting is `null`.
 *
 * Not used: GetBucketPolicyStatus (moto answers it as a ListObjects, with an empty status), so public
 * exposure is derived from the policy, the ACL and Block Public Access by the rules.
 */
import type {
  Bucket,
  GetBucketAclCommandOutput,
  GetBucketEncryptionCommandOutput,
  GetBucketLoggingCommandOutput,
  GetBucketVersioningCommandOutput,
  PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import {
  type AccountPublicAccessBlockData,
  type BucketData,
  type PublicAccessBlockState,
  S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET,
  S3_BUCKET_ACL,
  S3_BUCKET_ENCRYPTION,
  S3_BUCKET_LOCATION,
  S3_BUCKET_LOGGING,
  S3_BUCKET_POLICY,
  S3_BUCKET_PUBLIC_ACCESS_BLOCK,
  S3_BUCKET_VERSIONING,
} from '../../model/aws/s3.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, errorCode, isoDate, perResource } from './per-resource.js';
import { parsePolicyDocument } from './resource-policy.js';
import type { InputType } from '../../model/registry.js';

/** The answer for a setting: the API output, `'not-configured'` for the documented "none set" errors, or `null` (failed). */
export type Answer<T> = T | 'not-configured' | null;

/** Raw answers for one bucket, as fetched (recorded as JSON fixtures for the toModel tests). */
export interface RawBucket {
  bucket: Pick<Bucket, 'Name' | 'CreationDate' | 'BucketRegion'>;
  /** Region from ListBuckets `BucketRegion` or GetBucketLocation; `null` when unknown. */
  region: string | null;
  encryption: Answer<Pick<GetBucketEncryptionCommandOutput, 'ServerSideEncryptionConfiguration'>>;
  publicAccessBlock: Answer<{ PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration }>;
  /** The policy text (GetBucketPolicy `Policy`). */
  policy: Answer<string>;
  acl: Answer<Pick<GetBucketAclCommandOutput, 'Owner' | 'Grants'>>;
  versioning: Answer<Pick<GetBucketVersioningCommandOutput, 'Status' | 'MFADelete'>>;
  logging: Answer<Pick<GetBucketLoggingCommandOutput, 'LoggingEnabled'>>;
}

// ------------------------------------------------------------------ toModel (pure)

/** The region of a bucket whose GetBucketLocation failed (and ListBuckets gave none). */
export const UNKNOWN_REGION = 'unknown';

/** GetBucketLocation's LocationConstraint → region (`''`/absent is us-east-1; `EU` is the legacy eu-west-1). */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export function publicAccessBlockToModel(
  a: Exclude<Answer<{ PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration }>, null>,
): PublicAccessBlockState {
  if (a === 'not-configured') {
    return { configured: false, settings: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } };
  }
  const c = a.PublicAccessBlockConfiguration ?? {};
  return {
    configured: true,
    settings: {
      blockPublicAcls: c.BlockPublicAcls === true,
      ignorePublicAcls: c.IgnorePublicAcls === true,
      blockPublicPolicy: c.BlockPublicPolicy === true,
      restrictPublicBuckets: c.RestrictPublicBuckets === true,
    },
  };
}

export function bucketToModel(raw: RawBucket, account: string, partition: string): Resource<BucketData> {
  const name = raw.bucket.Name!;
  const { encryption: enc, publicAccessBlock: pab, policy, acl, versioning: ver, logging: log } = raw;
  const data: BucketData = {
    name,
    region: raw.region,
    creationDate: isoDate(raw.bucket.CreationDate),
    encryption:
      enc === null
        ? null
        : enc === 'not-configured'
          ? { configured: false, rules: [] }
          : {
              configured: true,
              rules: (enc.ServerSideEncryptionConfiguration?.Rules ?? []).map((r) => ({
                algorithm: r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'unknown',
                kmsKeyId: r.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
                bucketKeyEnabled: r.BucketKeyEnabled === true,
              })),
            },
    publicAccessBlock: pab === null ? null : publicAccessBlockToModel(pab),
    policy: policy === null ? null : policy === 'not-configured' ? { exists: false, document: null } : { exists: true, document: parsePolicyDocument(policy) },
    acl:
      acl === null || acl === 'not-configured'
        ? null
        : {
            ownerId: acl.Owner?.ID ?? null,
            grants: (acl.Grants ?? []).map((g) => ({
              granteeType: g.Grantee?.Type ?? 'unknown',
              grantee: g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress ?? '',
              permission: g.Permission ?? 'unknown',
            })),
          },
    versioning:
      ver === null || ver === 'not-configured'
        ? null
        : {
            status: ver.Status === 'Enabled' ? 'Enabled' : ver.Status === 'Suspended' ? 'Suspended' : 'Off',
            mfaDelete: ver.MFADelete === 'Enabled' ? true : ver.MFADelete === 'Disabled' ? false : null,
          },
    logging:
      log === null || log === 'not-configured'
        ? null
        : {
            enabled: !!log.LoggingEnabled?.TargetBucket,
            targetBucket: log.LoggingEnabled?.TargetBucket ?? null,
            targetPrefix: log.LoggingEnabled?.TargetPrefix ?? null,
          },
  };
  // A region that could not be read is `unknown`, not `global`: nothing about the bucket is global, and
  // reports must not suggest a location. Finding ids do not depend on it (they key on the ARN).
  return {
    ref: { provider: 'aws', account, region: raw.region ?? UNKNOWN_REGION, type: S3_BUCKET, id: name, arn: `arn:${partition}:s3:::${name}`, name },
    data,
  };
}

export function accountPublicAccessBlockToModel(
  raw: { PublicAccessBlockConfiguration?: PublicAccessBlockConfiguration } | 'not-configured',
  account: string,
): Resource<AccountPublicAccessBlockData> {
  return {
    ref: { provider: 'aws', account, region: 'global', type: S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, id: account, name: `S3 Block Public Access (account ${account})` },
    data: publicAccessBlockToModel(raw),
  };
}

// ------------------------------------------------------------------ fetch

/** The region global S3 calls are sent to, per partition. */
export function globalRegion(partition: string): string {
  return partition === 'aws-cn' ? 'cn-north-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1';
}

/** Runs `fn`; the listed error codes mean "nothing configured" and become `'not-configured'`. */
async function orNotConfigured<T>(codes: string[], fn: () => Promise<T>): Promise<T | 'not-configured'> {
  try {
    return await fn();
  } catch (err) {
    if (codes.includes(errorCode(err))) return 'not-configured';
    throw err;
  }
}

/** Fetches every raw answer for the buckets, each call under the shared per-resource cap. */
export async function fetchBuckets(ctx: AwsContext, buckets: Bucket[]): Promise<RawBucket[]> {
  const {
    GetBucketAclCommand,
    GetBucketEncryptionCommand,
    GetBucketLocationCommand,
    GetBucketLoggingCommand,
    GetBucketPolicyCommand,
    GetBucketVersioningCommand,
    GetPublicAccessBlockCommand,
    S3Client,
  } = await import('@aws-sdk/client-s3');
  const home = globalRegion(ctx.partition);
  const step = (operation: string, type: InputType) => ({ service: 's3', region: 'global', operation, resourceTypes: [type] });
  const name = (b: Bucket) => b.Name!;

  const needLocation = buckets.filter((b) => !b.BucketRegion);
  const locations = await perResource(ctx, step('GetBucketLocation', S3_BUCKET_LOCATION), needLocation, name, async (b) =>
    regionFromLocation((await ctx.client(S3Client, home).send(new GetBucketLocationCommand({ Bucket: b.Name! }))).LocationConstraint),
  );
  const regionOf = (b: Bucket): string | null => b.BucketRegion ?? locations.get(b.Name!) ?? null;
  // A bucket whose region is unknown is still asked, from the global region; a failure is recorded.
  const client = (b: Bucket) => ctx.client(S3Client, regionOf(b) ?? home);

  const [encryption, pab, policy, acl, versioning, logging] = await Promise.all([
    perResource(ctx, step('GetBucketEncryption', S3_BUCKET_ENCRYPTION), buckets, name, (b) =>
      orNotConfigured(['ServerSideEncryptionConfigurationNotFoundError'], async () => {
        const r = await client(b).send(new GetBucketEncryptionCommand({ Bucket: b.Name! }));
        return { ServerSideEncryptionConfiguration: r.ServerSideEncryptionConfiguration };
      }),
    ),
    perResource(ctx, step('GetPublicAccessBlock', S3_BUCKET_PUBLIC_ACCESS_BLOCK), buckets, name, (b) =>
      orNotConfigured(['NoSuchPublicAccessBlockConfiguration'], async () => {
        const r = await client(b).send(new GetPublicAccessBlockCommand({ Bucket: b.Name! }));
        return { PublicAccessBlockConfiguration: r.PublicAccessBlockConfiguration };
      }),
    ),
    perResource(ctx, step('GetBucketPolicy', S3_BUCKET_POLICY), buckets, name, (b) =>
      orNotConfigured(['NoSuchBucketPolicy'], async () => {
        const text = (await client(b).send(new GetBucketPolicyCommand({ Bucket: b.Name! }))).Policy;
        if (text === undefined) return 'not-configured' as const;
        parsePolicyDocument(text); // an unparseable policy is a gap for this bucket, not "no policy"
        return text;
      }),
    ),
    perResource(ctx, step('GetBucketAcl', S3_BUCKET_ACL), buckets, name, async (b) => {
      const r = await client(b).send(new GetBucketAclCommand({ Bucket: b.Name! }));
      return { Owner: r.Owner, Grants: r.Grants };
    }),
    perResource(ctx, step('GetBucketVersioning', S3_BUCKET_VERSIONING), buckets, name, async (b) => {
      const r = await client(b).send(new GetBucketVersioningCommand({ Bucket: b.Name! }));
      return { Status: r.Status, MFADelete: r.MFADelete };
    }),
    perResource(ctx, step('GetBucketLogging', S3_BUCKET_LOGGING), buckets, name, async (b) => {
      const r = await client(b).send(new GetBucketLoggingCommand({ Bucket: b.Name! }));
      return { LoggingEnabled: r.LoggingEnabled };
    }),
  ]);

  return buckets.map((b) => ({
    bucket: { Name: b.Name, CreationDate: b.CreationDate, BucketRegion: b.BucketRegion },
    region: regionOf(b),
    encryption: encryption.get(b.Name!) ?? null,
    publicAccessBlock: pab.get(b.Name!) ?? null,
    policy: policy.get(b.Name!) ?? null,
    acl: acl.get(b.Name!) ?? null,
    versioning: versioning.get(b.Name!) ?? null,
    logging: logging.get(b.Name!) ?? null,
  }));
}

export const s3: AwsServiceCollector = {
  service: 's3',
  scope: 'global',
  resourceTypes: [S3_BUCKET, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],

  async collect(ctx: AwsContext): Promise<Resource[]> {
    const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand, S3ControlClient } = await import('@aws-sdk/client-s3-control');
    const { paginateListBuckets, S3Client } = await import('@aws-sdk/client-s3');
    const home = globalRegion(ctx.partition);
    const client = ctx.client(S3Client, home);
    const [buckets, accountPab] = await Promise.all([
      // MaxBuckets at its maximum: one page for almost every account (moto honours MaxBuckets but never
      // returns a continuation token, so a small page would silently truncate there).
      ctx.attempt({ service: 's3', region: 'global', operation: 'ListBuckets', resourceTypes: [S3_BUCKET] }, () =>
        allPages(paginateListBuckets({ client, pageSize: 10000, stopOnSameToken: true }, {}), (p) => p.Buckets),
      ),
      ctx.attempt({ service: 's3', region: 'global', operation: 'S3Control.GetPublicAccessBlock', resourceTypes: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK] }, () =>
        orNotConfigured(['NoSuchPublicAccessBlockConfiguration'], async () => {
          const r = await ctx.client(S3ControlClient, home).send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.account }));
          return { PublicAccessBlockConfiguration: r.PublicAccessBlockConfiguration };
        }),
      ),
    ]);
    const out: Resource<any>[] = [];
    if (accountPab !== undefined) out.push(accountPublicAccessBlockToModel(accountPab, ctx.account));
    const raws = await fetchBuckets(
      ctx,
      (buckets ?? []).filter((b) => b.Name),
    );
    for (const raw of raws) out.push(bucketToModel(raw, ctx.account, ctx.partition));
    return out;
  },
};
