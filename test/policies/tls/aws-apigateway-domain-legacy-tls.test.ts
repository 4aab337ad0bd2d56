import rule from '../../../policies/tls/aws-apigateway-domain-legacy-tls.js';
import { domain } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'REST domain on TLS_1_2', resource: domain('api.example.com', { rest: 'TLS_1_2' }), messageId: 'ok' },
    {
      name: 'listed by both APIs, an enhanced TLS 1.3 policy',
      resource: domain('api.example.com', { rest: 'TLS_1_2', v2: ['SecurityPolicy_TLS13_1_3_2025_09'] }),
    },
  ],
  invalid: [
    {
      name: 'REST domain on TLS_1_0',
      resource: domain('old.example.com', { rest: 'TLS_1_0' }),
      messageId: 'legacy',
      data: { domain: 'old.example.com', policies: 'TLS_1_0' },
    },
    {
      name: 'HTTP API domain with one TLS_1_0 configuration of two',
      resource: domain('http.example.com', { v2: ['TLS_1_2', 'TLS_1_0'] }),
      messageId: 'legacy',
    },
  ],
  unknown: [
    { name: 'domains not listed', coverage: [gap(['aws.apigateway.domain-name'])] },
    { name: 'an unknown policy name', resource: domain('x.example.com', { v2: ['TLS_9_9'] }), messageId: 'unrecognised' },
    { name: 'no policy stated', resource: domain('x.example.com', { v2: [] }), messageId: 'unrecognised' },
  ],
});
