import rule from '../../../policies/tls/aws-elb-tls-1-3-not-supported.js';
import { classicLb, negotiationPolicy } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a policy listing TLS 1.3 would pass',
      resource: classicLb('web', { policies: [negotiationPolicy('tls12', ['TLSv1.2'], [], [{ AttributeName: 'Protocol-TLSv1.3', AttributeValue: 'true' }])] }),
      messageId: 'ok',
    },
    { name: 'HTTP only', resource: classicLb('web', { listeners: [{ protocol: 'HTTP', port: 80 }], policies: null }), status: 'not_applicable' },
  ],
  invalid: [{ name: 'the strictest Classic policy has no TLS 1.3', resource: classicLb('web'), messageId: 'noTls13' }],
  unknown: [
    { name: 'policies not read', resource: classicLb('web', { policies: null }), coverage: [gap(['aws.elb.load-balancer-policies'])], messageId: '_coverage' },
  ],
});
