import rule from '../../../policies/tls/tls-cert-hostname-mismatch.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'SAN matches', resource: endpoint() },
    {
      name: 'target derived from an instance address (--tls-discover): no expected name',
      status: 'not_applicable',
      resource: endpoint((d) => {
        d.chain![0] = cert({ dnsNames: ['www.example.test'] });
        d.hostname = { name: '203.0.113.10', matches: false, matchedBy: null };
        d.sni = null;
        d.origin = 'aws instance i-1 (123456789012 us-east-1)';
      }),
    },
  ],
  invalid: [
    {
      name: 'other name',
      resource: endpoint((d) => {
        d.chain![0] = cert({ dnsNames: ['other.example.test'] });
        d.hostname = { name: 'www.example.test', matches: false, matchedBy: null };
      }),
      messageId: 'mismatch',
      evidence: { name: 'www.example.test', presented: ['DNS:other.example.test'] },
    },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => Object.assign(d, { chain: null, hostname: null })) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
