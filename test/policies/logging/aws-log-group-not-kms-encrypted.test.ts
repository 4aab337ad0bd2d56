import rule from '../../../policies/logging/aws-log-group-not-kms-encrypted.js';
import { logGroup } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'KMS key', resource: logGroup('/app'), messageId: 'kms' }],
  invalid: [{ name: 'service-owned encryption only', resource: logGroup('/app', { kmsKeyId: null }), messageId: 'plain', evidence: { kmsKeyId: null } }],
  unknown: [{ name: 'log groups could not be listed', coverage: [gap(['aws.logs.log-group'])] }],
});
