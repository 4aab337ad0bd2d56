import rule from '../../../policies/tls/tls-cert-expired.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, NOW, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [{ name: 'valid leaf and CA', resource: endpoint(), now: NOW }],
  invalid: [
    {
      name: 'expired leaf',
      resource: endpoint((d) => (d.chain![0] = cert({ notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-15T00:00:00Z' }))),
      now: NOW,
      messageId: 'expired',
      evidence: { position: 'leaf', notAfter: '2026-01-15T00:00:00Z' },
    },
    {
      name: 'leaf not yet valid',
      resource: endpoint((d) => (d.chain![0] = cert({ notBefore: '2026-03-01T00:00:00Z', notAfter: '2026-06-01T00:00:00Z' }))),
      now: NOW,
      messageId: 'notYetValid',
    },
    {
      name: 'expired intermediate',
      resource: endpoint((d) => d.chain!.splice(1, 0, cert({ subject: 'CN=Intermediate', isCA: true, notAfter: '2026-01-20T00:00:00Z' }))),
      now: NOW,
      messageId: 'expired',
      evidence: { position: 'chain[1]' },
    },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => (d.chain = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
