import rule from '../../../policies/encryption/aws-s3-bucket-no-tls-policy.js';
import { bucket, policy, publicRead, tlsDeny } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const partial = { ...tlsDeny('b5'), Action: ['s3:GetObject'] };
const boolIfExists = { ...tlsDeny('b2'), Condition: { BoolIfExists: { 'aws:SecureTransport': ['false'] } } };
const wildcardResource = { ...tlsDeny('b3'), Principal: { AWS: ['*'] }, Action: ['*'], Resource: ['*'] };

ruleTester(rule, {
  valid: [
    { name: 'documented deny', resource: bucket('b1') },
    { name: 'BoolIfExists deny', resource: bucket('b2', { policy: { exists: true, document: policy(boolIfExists) } }) },
    { name: 'deny on * / *', resource: bucket('b3', { policy: { exists: true, document: policy(wildcardResource) } }) },
  ],
  invalid: [
    { name: 'no policy', resource: bucket('b4', { policy: { exists: false, document: null } }), messageId: 'noPolicy', evidence: { bucketPolicy: 'none' } },
    {
      name: 'deny for one action only',
      resource: bucket('b5', { policy: { exists: true, document: policy(partial) } }),
      messageId: 'partial',
      evidence: { partialDenials: [{ statement: 'DenyInsecureTransport', complete: false }] },
    },
    { name: 'policy without a TLS deny', resource: bucket('b6', { policy: { exists: true, document: policy(publicRead('b6')) } }), messageId: 'noDeny' },
    {
      name: 'deny with SecureTransport true is not it',
      resource: bucket('b7', { policy: { exists: true, document: policy({ ...tlsDeny('b7'), Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }) } }),
      messageId: 'noDeny',
    },
    { name: 'deny written for another bucket', resource: bucket('b8', { policy: { exists: true, document: policy(tlsDeny('other')) } }), messageId: 'partial' },
  ],
  unknown: [
    {
      name: 'policy denied on this bucket',
      resource: bucket('b9', { policy: null }),
      coverage: [gap(['aws.s3.bucket-policy'], { region: 'global', operation: 'GetBucketPolicy', resourceId: 'b9' })],
    },
    { name: 'policy null without gap', resource: bucket('b10', { policy: null }) },
    {
      name: 'policy denied on the bucket, old-style gap on the whole bucket',
      resource: bucket('b11', { policy: null }),
      coverage: [gap(['aws.s3.bucket'], { region: 'global', resourceId: 'b11' })],
    },
  ],
});
