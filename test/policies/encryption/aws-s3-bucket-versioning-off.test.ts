import rule from '../../../policies/encryption/aws-s3-bucket-versioning-off.js';
import { bucket } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'enabled', resource: bucket('b1') },
    {
      name: 'a denied ACL does not hide versioning',
      resource: bucket('b6', { acl: null }),
      coverage: [gap(['aws.s3.bucket-acl'], { region: 'global', resourceId: 'b6' })],
    },
  ],
  invalid: [
    { name: 'never enabled', resource: bucket('b2', { versioning: { status: 'Off', mfaDelete: null } }), messageId: 'off', evidence: { versioning: 'Off' } },
    {
      name: 'suspended',
      resource: bucket('b3', { versioning: { status: 'Suspended', mfaDelete: false } }),
      messageId: 'off',
      evidence: { versioning: 'Suspended' },
    },
  ],
  unknown: [
    {
      name: 'versioning denied',
      resource: bucket('b4', { versioning: null }),
      coverage: [gap(['aws.s3.bucket-versioning'], { region: 'global', operation: 'GetBucketVersioning', resourceId: 'b4' })],
    },
    { name: 'versioning null without gap', resource: bucket('b5', { versioning: null }) },
  ],
});
