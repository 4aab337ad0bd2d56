import rule from '../../../policies/tls/tls-cert-weak-signature.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'SHA-256 leaf', resource: endpoint() },
    {
      name: 'SHA-1 self-signed root is not judged',
      resource: endpoint((d) => (d.chain![1] = cert({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1', selfSigned: true, isCA: true }))),
    },
    { name: 'Ed25519', resource: endpoint((d) => (d.chain![0] = cert({ signatureAlgorithm: 'Ed25519', signatureHash: 'intrinsic' }))) },
  ],
  invalid: [
    {
      name: 'SHA-1 leaf',
      resource: endpoint((d) => (d.chain![0] = cert({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' }))),
      messageId: 'weak',
      evidence: { signatureAlgorithm: 'sha1WithRSAEncryption' },
    },
    {
      name: 'MD5 leaf',
      resource: endpoint((d) => (d.chain![0] = cert({ signatureAlgorithm: 'md5WithRSAEncryption', signatureHash: 'md5' }))),
      messageId: 'weak',
    },
    {
      name: 'SHA-1 intermediate',
      resource: endpoint((d) => d.chain!.splice(1, 0, cert({ signatureAlgorithm: 'ecdsa-with-SHA1', signatureHash: 'sha1', isCA: true }))),
      messageId: 'weak',
      evidence: { position: 'chain[1]' },
    },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => (d.chain = null)) },
    { name: 'unknown signature algorithm', resource: endpoint((d) => (d.chain![0] = cert({ signatureAlgorithm: '1.2.3.4', signatureHash: null }))) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
