import rule from '../../../policies/tls/tls-cert-weak-key.js';
import { ruleTester } from '../../support/rule-tester.js';
import { cert, endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'RSA 2048', resource: endpoint() },
    { name: 'EC P-256', resource: endpoint((d) => (d.chain![0] = cert({ keyType: 'EC', keyBits: 256, curve: 'P-256' }))) },
    { name: 'Ed25519', resource: endpoint((d) => (d.chain![0] = cert({ keyType: 'Ed25519', keyBits: 256 }))) },
    { name: 'weak self-signed root is not judged', resource: endpoint((d) => (d.chain![1] = cert({ keyBits: 1024, selfSigned: true, isCA: true }))) },
  ],
  invalid: [
    {
      name: 'RSA 1024 leaf',
      resource: endpoint((d) => (d.chain![0] = cert({ keyBits: 1024 }))),
      messageId: 'weak',
      evidence: { position: 'leaf', keyType: 'RSA', keyBits: 1024 },
    },
    { name: 'EC P-192', resource: endpoint((d) => (d.chain![0] = cert({ keyType: 'EC', keyBits: 192, curve: 'P-192' }))), messageId: 'weak' },
    { name: 'RSA 2048 under a 3072 minimum', resource: endpoint(), options: { minRsaBits: 3072 }, messageId: 'weak' },
    {
      name: 'RSA 1024 intermediate',
      resource: endpoint((d) => d.chain!.splice(1, 0, cert({ keyBits: 1024, isCA: true }))),
      messageId: 'weak',
      evidence: { position: 'chain[1]' },
    },
  ],
  unknown: [
    { name: 'no certificate collected', resource: endpoint((d) => (d.chain = null)) },
    { name: 'unknown key algorithm', resource: endpoint((d) => (d.chain![0] = cert({ keyType: '1.2.3.4', keyBits: null }))) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
