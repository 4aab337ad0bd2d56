import rule from '../../../policies/logging/aws-cloudfront-logging-off.js';
import { distribution } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'logging to S3',
      resource: distribution(),
      results: [{ status: 'pass', messageId: 'on', data: { distribution: 'e2testdist.cloudfront.net', target: 'logs.s3.amazonaws.com/cdn/' } }],
    },
    {
      name: 'exempt by alias pattern (logs through CloudWatch delivery)',
      resource: distribution({ alias: 'static.example.com', logging: { Enabled: false } }),
      options: { exemptDistributions: ['*.example.com'] },
      status: 'not_applicable',
    },
  ],
  invalid: [{ name: 'logging off', resource: distribution({ logging: { Enabled: false } }), messageId: 'off', evidence: { loggingEnabled: false } }],
  unknown: [
    {
      name: 'GetDistributionConfig denied for this distribution',
      resource: distribution({ logging: null }),
      coverage: [gap(['aws.cloudfront.distribution-config'], { region: 'global', resourceId: 'E2TESTDIST' })],
      messageId: '_coverage',
    },
    { name: 'distribution configs never collected', resource: distribution(), notCollected: ['aws.cloudfront.distribution-config'] },
  ],
});
