import { defineRule } from '../../src/api/rule.js';
import { CLOUDTRAIL_TRAIL } from '../../src/model/aws/cloudtrail.js';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET, S3_BUCKET_ACL, S3_BUCKET_POLICY, S3_BUCKET_PUBLIC_ACCESS_BLOCK } from '../../src/model/aws/s3.js';
import { accountBpa, bucketExposure } from '../_lib/aws-s3.js';

export default defineRule({
  id: 'aws-cloudtrail-bucket-public',
  title: 'CloudTrail log bucket is public',
  severity: 'critical',
  resourceTypes: [CLOUDTRAIL_TRAIL],
  inputs: [S3_BUCKET, S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
  description:
    'Flags trails whose S3 log bucket is public (by policy or ACL, after Block Public Access), using the same analysis as aws-s3-bucket-public. A bucket that is not in the snapshot (another account, S3 not collected) or whose settings could not be read gives unknown.',
  risk: "A public log bucket hands the account's complete API history to anyone: resource names, IP addresses, identities and the security tooling in place, and possibly lets them delete the evidence.",
  remediation: [
    'Remove public statements and grants from the log bucket and turn on Block Public Access for it; keep the bucket policy to the CloudTrail service principal and your auditors.',
    '',
    '- CLI: `aws s3api put-public-access-block --bucket LOG_BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`',
    '- Terraform: `aws_s3_bucket_public_access_block` on the log bucket with all four arguments `true`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  messages: {
    public: 'CloudTrail trail {{name}} writes to a public bucket {{bucket}} ({{how}}).',
    notPublic: 'CloudTrail trail {{name}} writes to bucket {{bucket}}, which is not public.',
    notInSnapshot: 'CloudTrail trail {{name}} writes to bucket {{bucket}}, which is not in this snapshot (another account, or S3 not collected).',
    unknown: 'CloudTrail trail {{name}}: whether bucket {{bucket}} is public cannot be established ({{missing}}).',
  },
  evaluate(trail, ctx) {
    const name = trail.data.name;
    const bucketName = trail.data.s3BucketName;
    if (!bucketName) return { status: 'unknown', messageId: 'unknown', data: { name, bucket: '(none reported)', missing: 'no bucket name' } };
    const bucket = ctx.index.get(S3_BUCKET, bucketName, trail.ref.account);
    if (!bucket) return { status: 'unknown', messageId: 'notInSnapshot', data: { name, bucket: bucketName } };
    // Per-bucket read failures are scoped to the bucket, not the trail: look them up here.
    const gaps = [S3_BUCKET, S3_BUCKET_POLICY, S3_BUCKET_ACL, S3_BUCKET_PUBLIC_ACCESS_BLOCK].flatMap((t) =>
      ctx.index.gaps(t, bucket.ref.account, bucket.ref.region, bucketName).filter((g) => g.resourceId === bucketName),
    );
    if (gaps.length > 0)
      return { status: 'unknown', messageId: 'unknown', data: { name, bucket: bucketName, missing: gaps.map((g) => `${g.operation} ${g.status}`).join(', ') } };
    const exposure = bucketExposure(bucket.data, accountBpa(ctx.index, trail.ref.account));
    if (exposure.status === 'unknown')
      return { status: 'unknown', messageId: 'unknown', data: { name, bucket: bucketName, missing: `${exposure.missing.join(', ')} not read` } };
    if (exposure.status === 'not-public') return { status: 'pass', messageId: 'notPublic', data: { name, bucket: bucketName } };
    const how = [...exposure.policyGrants.map((g) => `policy ${g.statement}`), ...exposure.aclGrants.map((g) => `ACL ${g}`)].join('; ');
    return {
      status: 'fail',
      messageId: 'public',
      data: { name, bucket: bucketName, how },
      evidence: { trailArn: trail.data.arn, bucket: bucketName, publicPolicyStatements: exposure.policyGrants, publicAclGrants: exposure.aclGrants },
    };
  },
});
