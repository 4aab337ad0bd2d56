/**
 * Effective public exposure of an S3 bucket: its policy and ACL, as limited by Block Public Access at
 * bucket and account level (S3 applies the most restrictive combination).
 */
import type { SnapshotIndex } from '../../src/engine/types.js';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, type AccountPublicAccessBlockData, type BucketData, type PublicAccessBlockSettings } from '../../src/model/aws/s3.js';
import { type PublicGrant, publicGrants } from './aws-resource-policy.js';

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

export const BPA_SWITCHES: Array<keyof PublicAccessBlockSettings> = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'];

/** The account-level Block Public Access of an account: `null` when it was not collected. */
export function accountBpa(index: SnapshotIndex, account: string): AccountPublicAccessBlockData | null {
  return index.inScope(S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, account)[0]?.data ?? null;
}

/** ACL grants to everyone (`AllUsers`) or to any AWS account holder (`AuthenticatedUsers`). */
export function publicAclGrants(bucket: BucketData): string[] {
  return (bucket.acl?.grants ?? [])
    .filter((g) => g.granteeType === 'Group' && PUBLIC_GROUPS[g.grantee])
    .map((g) => `${PUBLIC_GROUPS[g.grantee]}:${g.permission}`);
}

export type Exposure =
  { status: 'unknown'; missing: string[] } | { status: 'public' | 'not-public'; policyGrants: PublicGrant[]; aclGrants: string[]; blockedBy: string[] };

/**
 * Whether the bucket is public. `unknown` when a piece that decides it is missing: the policy or ACL,
 * the bucket's Block Public Access, or (only when the bucket itself would be public) the account's.
 */
export function bucketExposure(bucket: BucketData, account: AccountPublicAccessBlockData | null): Exposure {
  const missing = [
    bucket.policy === null && 'bucket policy',
    bucket.acl === null && 'bucket ACL',
    bucket.publicAccessBlock === null && 'bucket Block Public Access',
  ].filter((m): m is string => !!m);
  if (missing.length > 0) return { status: 'unknown', missing };
  const policyGrants = bucket.policy?.document ? publicGrants(bucket.policy.document) : [];
  const aclGrants = publicAclGrants(bucket);
  if (policyGrants.length === 0 && aclGrants.length === 0) return { status: 'not-public', policyGrants, aclGrants, blockedBy: [] };

  // S3 applies the most restrictive of bucket and account settings.
  const own = bucket.publicAccessBlock!.settings;
  const blockedBy: string[] = [];
  let policyOpen = policyGrants.length > 0;
  let aclOpen = aclGrants.length > 0;
  if (policyOpen && own.restrictPublicBuckets) {
    policyOpen = false;
    blockedBy.push('bucket RestrictPublicBuckets');
  }
  if (aclOpen && own.ignorePublicAcls) {
    aclOpen = false;
    blockedBy.push('bucket IgnorePublicAcls');
  }
  if (!policyOpen && !aclOpen) return { status: 'not-public', policyGrants, aclGrants, blockedBy };
  if (account === null) return { status: 'unknown', missing: ['account Block Public Access'] };
  if (policyOpen && account.settings.restrictPublicBuckets) {
    policyOpen = false;
    blockedBy.push('account RestrictPublicBuckets');
  }
  if (aclOpen && account.settings.ignorePublicAcls) {
    aclOpen = false;
    blockedBy.push('account IgnorePublicAcls');
  }
  return { status: policyOpen || aclOpen ? 'public' : 'not-public', policyGrants, aclGrants, blockedBy };
}
