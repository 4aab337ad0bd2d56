import rule from '../../../policies/encryption/aws-s3-bucket-no-default-encryption.js';
import { bucket } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const sseS3 = { configured: true, rules: [{ algorithm: 'AES256', kmsKeyId: null, bucketKeyEnabled: false }] };

ruleTester(rule, {
  valid: [
    { name: 'SSE-KMS', resource: bucket('b1') },
    { name: 'SSE-S3 by default', resource: bucket('b2', { encryption: sseS3 }) },
    { name: 'SSE-KMS when KMS required', resource: bucket('b3'), options: { requireKms: true } },
    {
      name: 'a denied policy does not hide encryption',
      resource: bucket('b8', { policy: null }),
      coverage: [gap(['aws.s3.bucket-policy'], { region: 'global', operation: 'GetBucketPolicy', resourceId: 'b8' })],
    },
  ],
  invalid: [
    {
      name: 'nothing configured',
      resource: bucket('b4', { encryption: { configured: false, rules: [] } }),
      messageId: 'none',
      evidence: { bucket: 'b4', encryption: 'none configured' },
    },
    {
      name: 'SSE-S3 when KMS required',
      resource: bucket('b5', { encryption: sseS3 }),
      options: { requireKms: true },
      messageId: 'notKms',
      evidence: { algorithms: ['AES256'] },
    },
  ],
  unknown: [
    {
      name: 'encryption denied on this bucket',
      resource: bucket('b6', { encryption: null }),
      coverage: [gap(['aws.s3.bucket-encryption'], { region: 'global', operation: 'GetBucketEncryption', resourceId: 'b6' })],
    },
    { name: 'encryption null without gap', resource: bucket('b7', { encryption: null }) },
    { name: 'buckets not listed', coverage: [gap(['aws.s3.bucket'], { region: 'global', operation: 'ListBuckets' })] },
  ],
});
