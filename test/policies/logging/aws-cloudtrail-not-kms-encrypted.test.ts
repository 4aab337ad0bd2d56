import rule from '../../../policies/logging/aws-cloudtrail-not-kms-encrypted.js';
import { trail } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'KMS key set', resource: trail('main') }],
  invalid: [{ name: 'SSE-S3 only', resource: trail('local', { kmsKeyId: null }), messageId: 'notKms', evidence: { kmsKeyId: null } }],
  unknown: [{ name: 'DescribeTrails throttled', coverage: [gap(['aws.cloudtrail.trail'], { status: 'throttled', errorCode: 'ThrottlingException' })] }],
});
