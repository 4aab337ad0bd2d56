import rule from '../../../policies/tls/aws-elb-listener-legacy-protocol.js';
import { classicLb, LEGACY_POLICY, negotiationPolicy, TLS12_POLICY } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/web';

ruleTester(rule, {
  valid: [
    { name: 'TLS 1.2 only', resource: classicLb('web'), messageId: 'ok' },
    { name: 'no TLS listener', resource: classicLb('web', { listeners: [{ protocol: 'HTTP', port: 80 }], policies: null }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'TLS 1.0 and 1.1 allowed',
      resource: classicLb('web', { listeners: [{ protocol: 'HTTPS', port: 443, policies: ['legacy'] }], policies: [LEGACY_POLICY] }),
      messageId: 'legacy',
    },
    { name: 'TLS 1.2 under modern', resource: classicLb('web'), options: { profile: 'modern' }, messageId: 'legacy' },
    {
      name: 'one of two listeners is legacy (SSL listener)',
      resource: classicLb('web', {
        listeners: [
          { protocol: 'HTTPS', port: 443, policies: ['tls12'] },
          { protocol: 'SSL', port: 8443, policies: ['legacy'] },
        ],
        policies: [TLS12_POLICY, LEGACY_POLICY],
      }),
      messageId: 'legacy',
      data: { name: 'web', listeners: '8443 (SSL) policy legacy: allows TLSv1, TLSv1.1' },
    },
  ],
  unknown: [
    {
      name: 'listener names no negotiation policy',
      resource: classicLb('web', { listeners: [{ protocol: 'HTTPS', port: 443, policies: [] }] }),
      messageId: 'unresolved',
    },
    {
      name: 'policy returned with only its reference',
      resource: classicLb('web', {
        policies: [
          {
            PolicyName: 'tls12',
            PolicyTypeName: 'SSLNegotiationPolicyType',
            PolicyAttributeDescriptions: [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' }],
          },
        ],
      }),
      messageId: 'unresolved',
    },
    {
      name: 'unknown protocol',
      resource: classicLb('web', { policies: [negotiationPolicy('tls12', ['TLSv1.2'], [], [{ AttributeName: 'Protocol-TLSv1.4', AttributeValue: 'true' }])] }),
      messageId: 'unrecognised',
    },
    {
      name: 'DescribeLoadBalancerPolicies denied for this load balancer',
      resource: classicLb('web', { policies: null }),
      coverage: [gap(['aws.elb.load-balancer-policies'], { operation: 'DescribeLoadBalancerPolicies', resourceId: lbArn })],
      messageId: '_coverage',
    },
  ],
});
