import { defineRule } from '../../src/api/rule.js';
import { S3_ACCOUNT_PUBLIC_ACCESS_BLOCK } from '../../src/model/aws/s3.js';
import { BPA_SWITCHES } from '../_lib/aws-s3.js';

export default defineRule({
  id: 'aws-s3-account-block-public-access-off',
  title: 'S3 Block Public Access not fully on for the account',
  severity: 'high',
  resourceTypes: [S3_ACCOUNT_PUBLIC_ACCESS_BLOCK],
  description:
    'Flags accounts whose account-level S3 Block Public Access does not have all four settings on (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets), including accounts where it was never configured.',
  risk: 'Without the account-level block, any bucket (existing or future) can be made public by one policy or ACL change, by mistake or by an attacker.',
  remediation: [
    'Turn on all four settings for the account (keep public content behind CloudFront, not public buckets).',
    '',
    '- Console: S3 → Block Public Access settings for this account → Edit → Block all public access.',
    '- CLI: `aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`',
    '- Terraform: `aws_s3_account_public_access_block` with all four arguments `true`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1',
  ],
  messages: {
    notConfigured: 'S3 Block Public Access is not configured for account {{account}}.',
    partial: 'S3 Block Public Access for account {{account}} has {{off}} off.',
    on: 'S3 Block Public Access is fully on for account {{account}}.',
  },
  evaluate(pab) {
    const account = pab.ref.account;
    if (!pab.data.configured)
      return { status: 'fail', messageId: 'notConfigured', data: { account }, evidence: { accountPublicAccessBlock: 'not configured' } };
    const off = BPA_SWITCHES.filter((k) => !pab.data.settings[k]);
    if (off.length === 0) return { status: 'pass', messageId: 'on', data: { account } };
    return { status: 'fail', messageId: 'partial', data: { account, off: off.join(', ') }, evidence: { settings: pab.data.settings, off } };
  },
});
