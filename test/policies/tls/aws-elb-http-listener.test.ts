import rule from '../../../policies/tls/aws-elb-http-listener.js';
import { classicLb } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const both = {
  listeners: [
    { protocol: 'HTTPS', port: 443, policies: ['tls12'] },
    { protocol: 'HTTP', port: 80 },
  ],
};

ruleTester(rule, {
  valid: [
    { name: 'HTTPS only', resource: classicLb('web'), messageId: 'ok' },
    { name: 'internal', resource: classicLb('web', { scheme: 'internal', listeners: [{ protocol: 'HTTP', port: 80 }] }), status: 'not_applicable' },
    { name: 'alongside TLS, allowed', resource: classicLb('web', both), options: { allowAlongsideTls: true }, messageId: 'allowed' },
  ],
  invalid: [
    {
      name: 'HTTP only',
      resource: classicLb('web', { listeners: [{ protocol: 'HTTP', port: 80 }] }),
      messageId: 'noTls',
      evidence: { clearListeners: [{ protocol: 'HTTP', port: 80 }] },
    },
    { name: 'HTTP beside HTTPS (cannot redirect)', resource: classicLb('web', both), messageId: 'alongsideTls' },
    { name: 'TCP forwarding in clear', resource: classicLb('db', { listeners: [{ protocol: 'TCP', port: 5432 }] }), messageId: 'noTls' },
    {
      name: 'internal, with includeInternal',
      resource: classicLb('web', { scheme: 'internal', listeners: [{ protocol: 'HTTP', port: 80 }] }),
      options: { includeInternal: true },
      messageId: 'noTls',
    },
  ],
  unknown: [{ name: 'load balancers not listed', coverage: [gap(['aws.elb.load-balancer'])] }],
});
