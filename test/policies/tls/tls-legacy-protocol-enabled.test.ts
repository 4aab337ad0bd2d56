import rule from '../../../policies/tls/tls-legacy-protocol-enabled.js';
import { ruleTester } from '../../support/rule-tester.js';
import { endpoint, unreachable } from './tls-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'TLS 1.2 and 1.3 under intermediate', resource: endpoint() },
    { name: 'TLS 1.3 only under modern', resource: endpoint((d) => (d.protocols.tls1_2 = false)), options: { profile: 'modern' } },
  ],
  invalid: [
    {
      name: 'TLS 1.0 on',
      resource: endpoint((d) => (d.protocols.tls1_0 = true)),
      messageId: 'enabled',
      evidence: { accepted: ['TLSv1'], profile: 'intermediate' },
    },
    {
      name: 'TLS 1.1 on, TLS 1.0 unknown: still a failure',
      resource: endpoint((d) => Object.assign(d.protocols, { tls1_0: null, tls1_1: true })),
      messageId: 'enabled',
      evidence: { accepted: ['TLSv1.1'] },
    },
    {
      name: 'TLS 1.2 under modern',
      resource: endpoint(),
      options: { profile: 'modern' },
      messageId: 'enabled',
      evidence: { accepted: ['TLSv1.2'], profile: 'modern' },
    },
  ],
  unknown: [
    { name: 'TLS 1.1 probe inconclusive', resource: endpoint((d) => (d.protocols.tls1_1 = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
