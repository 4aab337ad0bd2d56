import rule from '../../../policies/tls/tls-cert-hostname-mismatch.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [{ name: 'SAN matches', resource: endpoint() }],
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
