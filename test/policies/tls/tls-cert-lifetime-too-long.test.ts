import rule from '../../../policies/tls/tls-cert-lifetime-too-long.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

const twoYears = () => endpoint((d) => (d.chain![0] = cert({ notBefore: '2025-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z', lifetimeDays: 730 })));

ruleTester(rule, {
  valid: [
    { name: '89 days', resource: endpoint() },
    { name: 'exactly 398 days', resource: endpoint((d) => (d.chain![0] = cert({ lifetimeDays: 398 }))) },
    { name: 'two years with maxDays 825', resource: twoYears(), options: { maxDays: 825 } },
  ],
  invalid: [
    { name: 'two years', resource: twoYears(), messageId: 'tooLong', evidence: { lifetimeDays: 730 } },
    { name: '89 days over a 60-day limit', resource: endpoint(), options: { maxDays: 60 }, messageId: 'tooLong' },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => (d.chain = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
