import rule from '../../../policies/least-privilege/gcp-iam-sa-key-old.js';
import { NOW, gcpGap, saKey } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: '45-day-old key', resource: saKey('k1', { validAfterTime: '2025-12-01T00:00:00Z' }), now: NOW },
    { name: 'exactly 90 days', resource: saKey('k2', { validAfterTime: '2025-10-17T00:00:00Z' }), now: NOW },
    {
      name: 'system-managed key',
      resource: saKey('k3', { keyType: 'SYSTEM_MANAGED', validAfterTime: '2020-01-01T00:00:00Z' }),
      now: NOW,
      status: 'not_applicable',
    },
    { name: 'longer limit', resource: saKey('k4', { validAfterTime: '2025-06-01T00:00:00Z' }), now: NOW, options: { maxAgeDays: 365 } },
  ],
  invalid: [
    {
      name: 'key from 2023',
      resource: saKey('k5', { validAfterTime: '2023-04-11T09:30:00Z' }),
      now: NOW,
      messageId: 'old',
      evidence: { ageDays: 1009, maxAgeDays: 90 },
    },
    { name: '91 days', resource: saKey('k6', { validAfterTime: '2025-10-16T00:00:00Z' }), now: NOW, messageId: 'old', evidence: { ageDays: 91 } },
  ],
  unknown: [
    { name: 'creation time unreadable', resource: saKey('k7', { validAfterTime: null }), now: NOW },
    { name: 'key type unreadable', resource: saKey('k8', { keyType: null }), now: NOW },
    { name: 'keys not listable', coverage: [gcpGap(['gcp.iam.service-account-key'])] },
  ],
});
