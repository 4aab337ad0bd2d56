import { defineRule } from '../../src/api/rule.js';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET, S3_BUCKET_PUBLIC_ACCESS_BLOCK } from '../../src/model/aws/s3.js';
import { BPA_SWITCHES, accountBpa } from '../_lib/aws-s3.js';

export default defineRule({
  id: 'aws-s3-bucket-block-public-access-off',
  title: 'S3 bucket without Block Public Access',
  severity: 'medium',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK, S3_BUCKET_PUBLIC_ACCESS_BLOCK],
  description:
    'Flags buckets where Block Public Access is not fully on: a setting counts as on when the bucket or the account has it (S3 applies the most restrictive of the two). A bucket fully covered by the account-level block passes.',
  risk: 'Without Block Public Access, one policy or ACL change makes the bucket public; the block is the guard rail that stops it.',
  remediation: [
    'Turn on all four settings on the bucket (or for the whole account).',
    '',
    '- Console: S3 → bucket → Permissions → Block public access (bucket settings) → Edit → Block all public access.',
    '- CLI: `aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`',
    '- Terraform: `aws_s3_bucket_public_access_block` with all four arguments `true`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8',
  ],
  messages: {
    off: 'S3 bucket {{name}} has Block Public Access {{off}} off (bucket and account).',
    on: 'S3 bucket {{name}} has Block Public Access fully on{{via}}.',
    unknown: 'S3 bucket {{name}}: {{missing}} could not be read.',
  },
  evaluate(bucket, ctx) {
    const name = bucket.data.name;
    const own = bucket.data.publicAccessBlock;
    if (own === null) return { status: 'unknown', messageId: 'unknown', data: { name, missing: 'its Block Public Access' } };
    if (BPA_SWITCHES.every((k) => own.settings[k])) return { status: 'pass', messageId: 'on', data: { name, via: '' } };
    const account = accountBpa(ctx.index, bucket.ref.account);
    if (account === null) return { status: 'unknown', messageId: 'unknown', data: { name, missing: 'the account-level Block Public Access' } };
    const off = BPA_SWITCHES.filter((k) => !own.settings[k] && !account.settings[k]);
    if (off.length === 0) return { status: 'pass', messageId: 'on', data: { name, via: ' (with the account-level settings)' } };
    return {
      status: 'fail',
      messageId: 'off',
      data: { name, off: off.join(', ') },
      evidence: {
        bucket: name,
        bucketSettings: own.configured ? own.settings : 'not configured',
        accountSettings: account.configured ? account.settings : 'not configured',
        off,
      },
    };
  },
});
