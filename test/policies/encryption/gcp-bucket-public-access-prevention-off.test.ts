import rule from '../../../policies/encryption/gcp-bucket-public-access-prevention-off.js';
import { bucket, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'enforced', resource: bucket('b1', { publicAccessPrevention: 'enforced' }) }],
  invalid: [
    {
      name: 'inherited',
      resource: bucket('b2', { publicAccessPrevention: 'inherited' }),
      messageId: 'notEnforced',
      evidence: { publicAccessPrevention: 'inherited' },
    },
    { name: 'legacy unspecified', resource: bucket('b3', { publicAccessPrevention: 'unspecified' }), messageId: 'notEnforced' },
  ],
  unknown: [
    { name: 'setting unreadable', resource: bucket('b4', { publicAccessPrevention: null }) },
    { name: 'buckets not listable', coverage: [gcpGap(['gcp.storage.bucket'])] },
  ],
});
