import rule from '../../../policies/tls/aws-cloudfront-origin-insecure-protocol.js';
import { customOrigin, distribution, s3Origin } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'https-only, TLS 1.2', resource: distribution(), messageId: 'ok' },
    {
      name: 'S3 origin behind HTTPS-only behaviours; an unused http-only origin is not judged',
      resource: distribution({
        origins: [customOrigin('web', 'https-only'), s3Origin('assets'), customOrigin('unused', 'http-only')],
        behaviours: [{ path: '/assets/*', origin: 'assets', viewer: 'https-only' }],
      }),
      results: [{ status: 'pass', messageId: 'ok', data: { distribution: 'e2testdist.cloudfront.net', count: 2 } }],
    },
    { name: 'match-viewer while viewers are redirected to HTTPS', resource: distribution({ origins: [customOrigin('web', 'match-viewer')] }) },
  ],
  invalid: [
    {
      name: 'http-only',
      resource: distribution({ origins: [customOrigin('web', 'http-only')] }),
      messageId: 'insecure',
      data: { distribution: 'e2testdist.cloudfront.net', count: 1, origins: 'web (web.origin.example): plain HTTP (http-only)' },
    },
    {
      name: 'match-viewer with a behaviour allowing HTTP',
      resource: distribution({ origins: [customOrigin('web', 'match-viewer')], viewer: 'allow-all' }),
      messageId: 'insecure',
    },
    {
      name: 'S3 origin reached by an allow-all behaviour (S3 follows the viewer)',
      resource: distribution({
        origins: [customOrigin('web', 'https-only'), s3Origin('assets')],
        behaviours: [{ path: '/a/*', origin: 'assets', viewer: 'allow-all' }],
      }),
      messageId: 'insecure',
    },
    {
      name: 'origin offering TLS 1.0 and 1.1, reached through an origin group',
      resource: distribution({
        origins: [customOrigin('web', 'https-only'), customOrigin('old', 'https-only', ['TLSv1', 'TLSv1.1', 'TLSv1.2'])],
        groups: [{ id: 'failover', members: ['web', 'old'] }],
        behaviours: [{ path: '/x/*', origin: 'failover', viewer: 'https-only' }],
      }),
      messageId: 'insecure',
      data: { distribution: 'e2testdist.cloudfront.net', count: 1, origins: 'old (old.origin.example): offers TLSv1, TLSv1.1' },
    },
  ],
  unknown: [
    { name: 'distributions not listed', coverage: [gap(['aws.cloudfront.distribution'], { region: 'global' })] },
    {
      name: 'a VPC origin',
      resource: distribution({ origins: [{ Id: 'web', DomainName: 'vpc.example', VpcOriginConfig: { VpcOriginId: 'vo-1' } }] }),
      messageId: 'unverified',
    },
    { name: 'no behaviour reaches a listed origin', resource: distribution({ origins: [] }), messageId: 'noOrigins' },
  ],
});
