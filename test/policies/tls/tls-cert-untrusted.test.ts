import rule from '../../../policies/tls/tls-cert-untrusted.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'trusted chain', resource: endpoint() },
    { name: 'expired but otherwise trusted', resource: endpoint((d) => (d.trust = { trusted: true, verifyError: 'CERT_HAS_EXPIRED', customCa: false })) },
  ],
  invalid: [
    {
      name: 'self-signed leaf',
      resource: endpoint((d) => {
        d.chain = [cert({ selfSigned: true, issuer: 'O=Vigil test, CN=www.example.test' })];
        d.trust = { trusted: false, verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT', customCa: false };
      }),
      messageId: 'selfSigned',
      evidence: { verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    },
    {
      name: 'unknown issuer',
      resource: endpoint((d) => (d.trust = { trusted: false, verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', customCa: false })),
      messageId: 'untrusted',
      evidence: { verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
    },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => Object.assign(d, { chain: null, trust: null })) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
