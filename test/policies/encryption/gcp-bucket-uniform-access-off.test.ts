import rule from '../../../policies/encryption/gcp-bucket-uniform-access-off.js';
import { bucket, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'uniform access', resource: bucket('b1', { uniformBucketLevelAccess: true }) }],
  invalid: [
    { name: 'fine-grained ACLs', resource: bucket('b2', { uniformBucketLevelAccess: false }), messageId: 'off', evidence: { uniformBucketLevelAccess: false } },
  ],
  unknown: [
    { name: 'setting unreadable', resource: bucket('b3', { uniformBucketLevelAccess: null }) },
    {
      name: 'this bucket unreadable',
      resource: bucket('b4', {}),
      coverage: [gcpGap(['gcp.storage.bucket'], { resourceId: '//storage.googleapis.com/b4', status: 'error', region: 'us' })],
    },
  ],
});
