import rule from '../../../policies/network/aws-elbv2-drop-invalid-headers-off.js';
import { loadBalancer } from '../../support/aws-elbv2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const ALB_ARN = loadBalancer('alb').ref.id;
const KEY = 'routing.http.drop_invalid_header_fields.enabled';

ruleTester(rule, {
  valid: [
    { name: 'enabled', resource: loadBalancer('alb') },
    { name: 'NLB', resource: loadBalancer('nlb', { type: 'network', attributes: {} }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'disabled (AWS default)', resource: loadBalancer('alb', { attributes: { [KEY]: 'false' } }), messageId: 'off', evidence: { [KEY]: 'false' } },
  ],
  unknown: [
    { name: 'attribute not returned', resource: loadBalancer('alb', { attributes: { 'deletion_protection.enabled': 'false' } }), messageId: 'notReturned' },
    {
      name: 'attributes denied for this load balancer',
      resource: loadBalancer('alb', { attributes: null }),
      coverage: [gap(['aws.elbv2.load-balancer-attributes'], { resourceId: ALB_ARN })],
      messageId: '_coverage',
    },
  ],
});
