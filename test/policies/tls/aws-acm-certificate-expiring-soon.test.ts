import rule from '../../../policies/tls/aws-acm-certificate-expiring-soon.js';
import { certificate } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const now = new Date('2026-06-01T00:00:00Z');

ruleTester(rule, {
  valid: [
    {
      name: '200 days left',
      resource: certificate({ now }),
      now,
      results: [
        {
          status: 'pass',
          messageId: 'ok',
          data: { certificate: `www.example.com (arn:aws:acm:us-east-1:123456789012:certificate/www.example.com)`, days: 200, limit: 30 },
        },
      ],
    },
    { name: 'expiring but idle', resource: certificate({ now, days: 5, inUseBy: [] }), now, status: 'not_applicable', messageId: 'idle' },
    { name: 'already expired', resource: certificate({ now, days: -1 }), now, status: 'not_applicable', messageId: 'expired' },
    { name: '45 days left with a 30-day limit', resource: certificate({ now, days: 45 }), now },
  ],
  invalid: [
    {
      name: '10 days left, imported (ACM never renews it)',
      resource: certificate({ now, days: 10, type: 'IMPORTED', renewal: { eligibility: 'INELIGIBLE' } }),
      now,
      messageId: 'expiring',
      evidence: { daysLeft: 10, limit: 30, type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' },
    },
    {
      name: 'renewal failing',
      resource: certificate({ now, days: 20, renewal: { eligibility: 'ELIGIBLE', status: 'FAILED' } }),
      now,
      messageId: 'expiring',
      evidence: { renewalStatus: 'FAILED' },
    },
    { name: '45 days left with a 60-day limit (tunable)', resource: certificate({ now, days: 45 }), now, options: { days: 60 }, messageId: 'expiring' },
  ],
  unknown: [
    { name: 'certificates not listed', coverage: [gap(['aws.acm.certificate'])] },
    { name: 'details never collected', resource: certificate({ now }), notCollected: ['aws.acm.certificate-details'] },
  ],
});
