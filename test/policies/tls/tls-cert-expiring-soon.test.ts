import rule from '../../../policies/tls/tls-cert-expiring-soon.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, NOW, unreachable } from './tls-fixtures.js';

const in10days = () => endpoint((d) => (d.chain![0] = cert({ notAfter: '2026-02-11T00:00:00Z' })));

ruleTester(rule, {
  valid: [
    { name: '58 days left', resource: endpoint(), now: NOW },
    { name: '10 days left with a 7-day threshold', resource: in10days(), now: NOW, options: { days: 7 } },
    {
      name: 'already expired: left to tls-cert-expired',
      resource: endpoint((d) => (d.chain![0] = cert({ notAfter: '2026-01-02T00:00:00Z' }))),
      now: NOW,
      status: 'not_applicable',
    },
  ],
  invalid: [
    { name: '10 days left', resource: in10days(), now: NOW, messageId: 'expiring', evidence: { daysLeft: 10, limit: 30 } },
    { name: '58 days left with a 60-day threshold', resource: endpoint(), now: NOW, options: { days: 60 }, messageId: 'expiring' },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => (d.chain = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
