import rule from '../../../policies/logging/aws-elb-access-logs-off.js';
import { classicLb } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'logs on', resource: classicLb('web'), messageId: 'on' }],
  invalid: [{ name: 'logs off', resource: classicLb('web', { attributes: { AccessLog: { Enabled: false } } }), messageId: 'off' }],
  unknown: [
    { name: 'access log setting not returned', resource: classicLb('web', { attributes: {} }), messageId: 'notReturned' },
    {
      name: 'attributes denied',
      resource: classicLb('web', { attributes: null }),
      coverage: [gap(['aws.elb.load-balancer-attributes'], { resourceId: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/web' })],
      messageId: '_coverage',
    },
  ],
});
