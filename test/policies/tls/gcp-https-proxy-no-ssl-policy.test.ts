import rule from '../../../policies/tls/gcp-https-proxy-no-ssl-policy.js';
import { gcpGap, httpsProxy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'policy attached',
      resource: httpsProxy('api', { sslPolicy: 'https://www.googleapis.com/compute/v1/projects/acme-prod/global/sslPolicies/modern' }),
    },
  ],
  invalid: [
    {
      name: 'no policy',
      resource: httpsProxy('web', {}),
      messageId: 'none',
      evidence: { sslPolicy: null, effectivePolicy: 'Google default: COMPATIBLE, minimum TLS 1.0' },
    },
  ],
  unknown: [{ name: 'proxies not listable', coverage: [gcpGap(['gcp.compute.target-https-proxy'])] }],
});
