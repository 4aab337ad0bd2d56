import rule from '../../../policies/tls/aws-elb-listener-weak-cipher-suites.js';
import { classicLb, LEGACY_POLICY, negotiationPolicy } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const legacy = classicLb('web', { listeners: [{ protocol: 'HTTPS', port: 443, policies: ['legacy'] }], policies: [LEGACY_POLICY] });

ruleTester(rule, {
  valid: [
    { name: 'ECDHE-GCM only', resource: classicLb('web'), messageId: 'ok' },
    { name: 'no TLS listener', resource: classicLb('web', { listeners: [{ protocol: 'TCP', port: 5432 }], policies: null }), status: 'not_applicable' },
  ],
  invalid: [
    { name: '3DES and RSA key transport', resource: legacy, messageId: 'weak', evidence: { listeners: [{ listener: '443 (HTTPS)', policy: 'legacy' }] } },
    {
      name: 'a CBC suite alone',
      resource: classicLb('web', { policies: [negotiationPolicy('tls12', ['TLSv1.2'], ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA'])] }),
      messageId: 'weak',
    },
  ],
  unknown: [
    {
      name: 'unmappable suite name',
      resource: classicLb('web', { policies: [negotiationPolicy('tls12', ['TLSv1.2'], ['ECDHE-RSA-AES128-GCM-SHA256', 'FUTURE-SUITE'])] }),
      messageId: 'unmapped',
    },
    { name: 'policies not read', resource: classicLb('web', { policies: null }), coverage: [gap(['aws.elb.load-balancer-policies'])], messageId: '_coverage' },
  ],
});
