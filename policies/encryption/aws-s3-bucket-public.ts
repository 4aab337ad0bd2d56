import { defineRule } from '../../src/api/rule.js';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET, S3_BUCKET_ACL, S3_BUCKET_POLICY, S3_BUCKET_PUBLIC_ACCESS_BLOCK } from '../../src/model/aws/s3.js';
import { accountBpa, bucketExposure } from '../_lib/aws-s3.js';

export default defineRule({
  id: 'aws-s3-bucket-public',
  title: 'S3 bucket is public',
  severity: 'critical',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET_POLICY, S3_BUCKET_ACL, S3_BUCKET_PUBLIC_ACCESS_BLOCK],
  description:
    'Flags buckets that are public through their policy (an Allow to `*` or `NotPrincipal` without a condition pinning the caller: account, organization, ARN, VPC, VPC endpoint or a CIDR set) or their ACL (grants to AllUsers or AuthenticatedUsers), unless Block Public Access at bucket or account level neutralizes it (RestrictPublicBuckets for policies, IgnorePublicAcls for ACLs). Derived from the policy, ACL and Block Public Access, not from GetBucketPolicyStatus.',
  risk: "Anyone on the internet (or any AWS account holder) can read, list or write the bucket's objects: data breaches, malware hosting and ransom deletions start here.",
  remediation: [
    'Remove the public statements from the bucket policy and the AllUsers/AuthenticatedUsers grants from the ACL; serve public content through CloudFront with origin access control instead. Then turn on Block Public Access for the bucket and the account.',
    '',
    '- CLI: `aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`',
    '- CLI: `aws s3api put-bucket-acl --bucket BUCKET --acl private`',
    '- Terraform: `aws_s3_bucket_public_access_block` with all four arguments `true`; `aws_s3_bucket_ownership_controls` with `BucketOwnerEnforced`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2',
  ],
  messages: {
    public: 'S3 bucket {{name}} is public ({{how}}).',
    notPublic: 'S3 bucket {{name}} is not public{{blocked}}.',
    unknown: 'S3 bucket {{name}}: public access cannot be established ({{missing}} not read).',
  },
  evaluate(bucket, ctx) {
    const name = bucket.data.name;
    const exposure = bucketExposure(bucket.data, accountBpa(ctx.index, bucket.ref.account));
    if (exposure.status === 'unknown') return { status: 'unknown', messageId: 'unknown', data: { name, missing: exposure.missing.join(', ') } };
    if (exposure.status === 'not-public') {
      return {
        status: 'pass',
        messageId: 'notPublic',
        data: { name, blocked: exposure.blockedBy.length ? ` (public grants neutralized by ${exposure.blockedBy.join(', ')})` : '' },
      };
    }
    const how = [...exposure.policyGrants.map((g) => `policy ${g.statement}`), ...exposure.aclGrants.map((g) => `ACL ${g}`)].join('; ');
    return {
      status: 'fail',
      messageId: 'public',
      data: { name, how },
      evidence: { bucket: name, publicPolicyStatements: exposure.policyGrants, publicAclGrants: exposure.aclGrants, neutralizedBy: exposure.blockedBy },
    };
  },
});
