import rule from '../../../policies/tls/tls-1-3-not-supported.js';
import { ruleTester } from '../../support/rule-tester.js';
import { endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [{ name: 'TLS 1.2 and 1.3', resource: endpoint() }],
  invalid: [
    {
      name: 'TLS 1.2 only',
      resource: endpoint((d) => (d.protocols.tls1_3 = false)),
      messageId: 'missing',
      evidence: { protocols: { tls1_2: true, tls1_3: false } },
    },
    { name: 'legacy only', resource: endpoint((d) => (d.protocols = { tls1_0: true, tls1_1: false, tls1_2: false, tls1_3: false })), messageId: 'missing' },
  ],
  unknown: [
    { name: 'TLS 1.3 probe inconclusive', resource: endpoint((d) => (d.protocols.tls1_3 = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
