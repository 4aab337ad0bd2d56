import rule from '../../../policies/tls/tls-weak-cipher-suites.js';
import { ruleTester } from '../../support/rule-tester.js';
import { endpoint, suite, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'profile suites only', resource: endpoint() },
    { name: 'TLS 1.3 only under modern', resource: endpoint((d) => (d.suites.tls1_2 = { accepted: [], inconclusive: [], candidates: 0 })), options: { profile: 'modern' } },
  ],
  invalid: [
    {
      name: 'CBC and RSA key transport on TLS 1.2',
      resource: endpoint((d) => d.suites.tls1_2!.accepted.push(suite('TLS_RSA_WITH_AES_128_CBC_SHA'))),
      messageId: 'outsideProfile',
      evidence: { suites: [{ protocol: 'TLSv1.2', suite: 'TLS_RSA_WITH_AES_128_CBC_SHA', weaknesses: ['CBC', 'no-FS'] }] },
    },
    { name: 'NULL suite', resource: endpoint((d) => d.suites.tls1_2!.accepted.push(suite('TLS_RSA_WITH_NULL_SHA256'))), messageId: 'weak' },
    { name: 'anonymous ECDH', resource: endpoint((d) => d.suites.tls1_2!.accepted.push(suite('TLS_ECDH_anon_WITH_AES_128_CBC_SHA'))), messageId: 'weak' },
    { name: '3DES', resource: endpoint((d) => d.suites.tls1_2!.accepted.push(suite('TLS_RSA_WITH_3DES_EDE_CBC_SHA'))), messageId: 'weak' },
    {
      name: 'DHE with a 1024-bit group',
      resource: endpoint((d) => d.suites.tls1_2!.accepted.push(suite('TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', { keyExchange: { type: 'DH', size: 1024 } }))),
      messageId: 'weak',
      evidence: { suites: [{ suite: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', weaknesses: ['DH<2048'] }] },
    },
    { name: 'CCM suite on TLS 1.3 is outside the profile', resource: endpoint((d) => d.suites.tls1_3!.accepted.push(suite('TLS_AES_128_CCM_SHA256'))), messageId: 'outsideProfile' },
    { name: 'TLS 1.2 GCM under modern', resource: endpoint(), options: { profile: 'modern' }, messageId: 'outsideProfile' },
    { name: 'weak suite found although another scan is incomplete', resource: endpoint((d) => { d.suites.tls1_0 = null; d.suites.tls1_2!.accepted.push(suite('TLS_RSA_WITH_NULL_SHA256')); }), messageId: 'weak' },
  ],
  unknown: [
    { name: 'TLS 1.0 suites not probed', resource: endpoint((d) => (d.suites.tls1_0 = null)) },
    { name: 'some TLS 1.2 suite probes inconclusive', resource: endpoint((d) => (d.suites.tls1_2!.inconclusive = ['AES128-SHA'])) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
