import rule from '../../../policies/encryption/gcp-bucket-no-cmek.js';
import { bucket, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'default kms key', resource: bucket('b1', { encryption: 'cmek', defaultKmsKeyName: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' }) }],
  invalid: [{ name: 'google-managed', resource: bucket('b2', {}), messageId: 'googleManaged', evidence: { encryption: 'google-managed' } }],
  unknown: [{ name: 'buckets not listable', coverage: [gcpGap(['gcp.storage.bucket'])] }],
});
