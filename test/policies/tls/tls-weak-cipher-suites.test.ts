import rule from '../../../policies/tls/tls-weak-cipher-suites.js';
import { ruleTester } from '../../support/rule-tester.js';
import { endpoint, suite, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'profile suites only', resource: endpoint() },
    {
      name: 'P-256 and P-384 under their OpenSSL names are profile groups',
      resource: endpoint((d) => {
        d.suites.tls1_3!.accepted[0]!.keyExchange = { type: 'ECDH', name: 'prime256v1', size: 256 };
        d.suites.tls1_2!.accepted[0]!.keyExchange = { type: 'ECDH', name: 'secp384r1', size: 384 };
      }),
    },
    {
      name: 'TLS 1.3 only under modern',
      resource: endpoint((d) => (d.suites.tls1_2 = { accepted: [], inconclusive: [], candidates: 0 })),
      options: { profile: 'modern' },
    },
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
      evidence: {
        suites: [
          {
            suite: 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
            weaknesses: ['DH<2048', 'group DH-1024 (1024 bits) not in the profile'],
            keyExchange: { type: 'DH', size: 1024 },
          },
        ],
      },
    },
    {
      name: 'profile suite over a curve the profile does not list (P-521)',
      resource: endpoint(
        (d) => (d.suites.tls1_3!.accepted = d.suites.tls1_3!.accepted.map((s) => ({ ...s, keyExchange: { type: 'ECDH', name: 'secp521r1', size: 521 } }))),
      ),
      messageId: 'outsideProfile',
      evidence: {
        suites: [{ protocol: 'TLSv1.3', weaknesses: ['group secp521r1 (521 bits) not in the profile'], keyExchange: { name: 'secp521r1' } }, {}, {}],
      },
    },
    {
      name: 'TLS 1.3 over finite-field DH (ffdhe2048)',
      resource: endpoint(
        (d) => (d.suites.tls1_3!.accepted = [suite('TLS_AES_128_GCM_SHA256', { keyExchange: { type: 'DH', name: 'ffdhe2048', size: 2048 } })]),
      ),
      messageId: 'outsideProfile',
      evidence: { suites: [{ suite: 'TLS_AES_128_GCM_SHA256', weaknesses: ['group ffdhe2048 (2048 bits) not in the profile'] }] },
    },
    {
      name: 'CCM suite on TLS 1.3 is outside the profile',
      resource: endpoint((d) => d.suites.tls1_3!.accepted.push(suite('TLS_AES_128_CCM_SHA256'))),
      messageId: 'outsideProfile',
    },
    { name: 'TLS 1.2 GCM under modern', resource: endpoint(), options: { profile: 'modern' }, messageId: 'outsideProfile' },
    {
      name: 'weak suite found although another scan is incomplete',
      resource: endpoint((d) => {
        d.suites.tls1_0 = null;
        d.suites.tls1_2!.accepted.push(suite('TLS_RSA_WITH_NULL_SHA256'));
      }),
      messageId: 'weak',
    },
  ],
  unknown: [
    { name: 'TLS 1.0 suites not probed', resource: endpoint((d) => (d.suites.tls1_0 = null)) },
    { name: 'some TLS 1.2 suite probes inconclusive', resource: endpoint((d) => (d.suites.tls1_2!.inconclusive = ['AES128-SHA'])) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
