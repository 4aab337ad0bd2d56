import rule from '../../../policies/tls/aws-elbv2-http-listener-no-redirect.js';
import { listener, redirectTo } from '../../support/aws-elbv2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'redirect to HTTPS', resource: listener('web', 80, 'HTTP', { defaultActions: [redirectTo('HTTPS')] }) },
    {
      name: 'authenticate then redirect: the last action decides',
      resource: listener('web', 80, 'HTTP', {
        defaultActions: [
          { ...redirectTo('HTTPS'), order: 2 },
          { type: 'authenticate-oidc', order: 1, redirect: null, fixedResponseStatusCode: null },
        ],
      }),
    },
    { name: 'HTTPS listener', resource: listener('web', 443, 'HTTPS'), status: 'not_applicable' },
    { name: 'NLB TCP listener on 80', resource: listener('nlb', 80, 'TCP', { loadBalancerType: 'network' }), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'forward over HTTP', resource: listener('web', 80, 'HTTP'), messageId: 'noRedirect', data: { listener: 'web:80 (HTTP)', action: 'forward' } },
    {
      name: 'redirect keeping the protocol',
      resource: listener('web', 80, 'HTTP', { defaultActions: [redirectTo('#{protocol}')] }),
      messageId: 'noRedirect',
      data: { listener: 'web:80 (HTTP)', action: 'a redirect to protocol #{protocol}' },
    },
    {
      name: 'fixed response',
      resource: listener('web', 8080, 'HTTP', { defaultActions: [{ type: 'fixed-response', order: 1, redirect: null, fixedResponseStatusCode: '200' }] }),
      messageId: 'noRedirect',
    },
    {
      name: 'internal load balancer too',
      resource: listener('int', 80, 'HTTP', { scheme: 'internal' }),
      messageId: 'noRedirect',
      evidence: { scheme: 'internal' },
    },
  ],
  unknown: [{ name: 'listeners not listed', coverage: [gap(['aws.elbv2.listener'])] }],
});
