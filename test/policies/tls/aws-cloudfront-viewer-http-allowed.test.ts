import rule from '../../../policies/tls/aws-cloudfront-viewer-http-allowed.js';
import { customOrigin, distribution } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const origins = [customOrigin('web', 'https-only'), customOrigin('api', 'https-only')];

ruleTester(rule, {
  valid: [
    { name: 'default redirects to HTTPS', resource: distribution({ alias: 'cdn.example.com' }), messageId: 'https' },
    {
      name: 'every behaviour https-only or redirect',
      resource: distribution({ origins, viewer: 'https-only', behaviours: [{ path: '/api/*', origin: 'api', viewer: 'redirect-to-https' }] }),
    },
  ],
  invalid: [
    {
      name: 'default allow-all',
      resource: distribution({ alias: 'cdn.example.com', viewer: 'allow-all' }),
      messageId: 'allowAll',
      data: { distribution: 'cdn.example.com (E2TESTDIST)', count: 1, paths: 'default' },
    },
    {
      name: 'an ordered behaviour allows HTTP while the default redirects',
      resource: distribution({ origins, behaviours: [{ path: '/api/*', origin: 'api', viewer: 'allow-all' }] }),
      messageId: 'allowAll',
      evidence: { allowAll: ['/api/*'] },
    },
  ],
  unknown: [
    { name: 'distributions not listed', coverage: [gap(['aws.cloudfront.distribution'], { region: 'global' })] },
    { name: 'a behaviour without a stated policy', resource: distribution({ viewer: null }), messageId: 'unstated' },
  ],
});
