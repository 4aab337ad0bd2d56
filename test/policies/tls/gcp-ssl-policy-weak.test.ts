import rule from '../../../policies/tls/gcp-ssl-policy-weak.js';
import { gcpGap, sslPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'modern tls 1.2', resource: sslPolicy('p1', {}) },
    { name: 'restricted tls 1.3', resource: sslPolicy('p2', { profile: 'RESTRICTED', minTlsVersion: 'TLS_1_3' }) },
    { name: 'custom without weak features', resource: sslPolicy('p3', { profile: 'CUSTOM', customFeatures: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }) },
  ],
  invalid: [
    {
      name: 'google defaults',
      resource: sslPolicy('p4', { profile: 'COMPATIBLE', minTlsVersion: 'TLS_1_0' }),
      messageId: 'weak',
      evidence: { minTlsVersion: 'TLS_1_0', profile: 'COMPATIBLE' },
    },
    { name: 'modern with tls 1.1', resource: sslPolicy('p5', { minTlsVersion: 'TLS_1_1' }), messageId: 'weak' },
    { name: 'compatible even with tls 1.2', resource: sslPolicy('p6', { profile: 'COMPATIBLE' }), messageId: 'weak' },
    {
      name: 'custom with 3DES',
      resource: sslPolicy('p7', { profile: 'CUSTOM', customFeatures: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] }),
      messageId: 'weak',
      evidence: { weakFeatures: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] },
    },
  ],
  unknown: [{ name: 'ssl policies not listable', coverage: [gcpGap(['gcp.compute.ssl-policy'])] }],
});
