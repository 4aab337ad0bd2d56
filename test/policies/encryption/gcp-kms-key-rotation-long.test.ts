import rule from '../../../policies/encryption/gcp-kms-key-rotation-long.js';
import { cryptoKey, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const DAY = 86400;

ruleTester(rule, {
  valid: [
    { name: '90-day rotation', resource: cryptoKey('k1', { rotationPeriodSeconds: 90 * DAY }) },
    { name: 'exactly 365 days', resource: cryptoKey('k2', { rotationPeriodSeconds: 365 * DAY }) },
    { name: 'asymmetric signing key', resource: cryptoKey('k3', { purpose: 'ASYMMETRIC_SIGN', rotationPeriodSeconds: null }), status: 'not_applicable' },
    { name: 'external key', resource: cryptoKey('k4', { protectionLevel: 'EXTERNAL', rotationPeriodSeconds: null }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'no rotation', resource: cryptoKey('k5', { rotationPeriodSeconds: null }), messageId: 'noRotation' },
    {
      name: 'two-year rotation',
      resource: cryptoKey('k6', { rotationPeriodSeconds: 730 * DAY }),
      messageId: 'long',
      evidence: { rotationPeriodDays: 730, maxDays: 365 },
    },
    { name: 'stricter limit', resource: cryptoKey('k7', { rotationPeriodSeconds: 180 * DAY }), options: { maxDays: 90 }, messageId: 'long' },
  ],
  unknown: [
    { name: 'purpose unreadable', resource: cryptoKey('k8', { purpose: null }) },
    { name: 'keys not listable', coverage: [gcpGap(['gcp.kms.crypto-key'], { region: 'us-central1' })] },
  ],
});
