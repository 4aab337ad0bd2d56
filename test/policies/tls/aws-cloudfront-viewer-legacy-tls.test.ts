import rule from '../../../policies/tls/aws-cloudfront-viewer-legacy-tls.js';
import { distribution } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'TLSv1.2_2021', resource: distribution(), messageId: 'ok' },
    { name: 'TLSv1.3_2025 is newer', resource: distribution({ minimum: 'TLSv1.3_2025' }) },
    { name: 'a lower threshold (tunable)', resource: distribution({ minimum: 'TLSv1.2_2019' }), options: { minimumProtocolVersion: 'TLSv1.2_2018' } },
  ],
  invalid: [
    {
      name: 'TLSv1_2016 accepts TLS 1.0',
      resource: distribution({ alias: 'old.example.com', minimum: 'TLSv1_2016' }),
      messageId: 'legacy',
      data: { distribution: 'old.example.com (E2TESTDIST)', policy: 'TLSv1_2016', minimum: 'TLSv1.2_2021' },
    },
    { name: 'TLSv1.2_2019 still allows CBC suites', resource: distribution({ minimum: 'TLSv1.2_2019' }), messageId: 'legacy' },
    { name: 'a stricter threshold (tunable)', resource: distribution(), options: { minimumProtocolVersion: 'TLSv1.3_2025' }, messageId: 'legacy' },
    {
      name: 'the default *.cloudfront.net certificate: TLSv1 whatever the setting',
      resource: distribution({ defaultCertificate: true }),
      messageId: 'defaultCertificate',
    },
  ],
  unknown: [
    { name: 'distributions not listed', coverage: [gap(['aws.cloudfront.distribution'], { region: 'global' })] },
    { name: 'a policy name Vigil does not know', resource: distribution({ minimum: 'TLSv9_2099' }), messageId: 'unrecognised' },
  ],
});
