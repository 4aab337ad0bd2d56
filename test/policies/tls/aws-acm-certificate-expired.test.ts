import rule from '../../../policies/tls/aws-acm-certificate-expired.js';
import { certificate } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const now = new Date('2026-06-01T00:00:00Z');
const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/www.example.com';

ruleTester(rule, {
  valid: [
    { name: 'valid and in use', resource: certificate({ now }), now, messageId: 'valid' },
    {
      name: 'expired but idle: the idle rule judges it',
      resource: certificate({ now, days: -3, inUseBy: [] }),
      now,
      status: 'not_applicable',
      messageId: 'idle',
    },
    { name: 'never issued', resource: certificate({ now, status: 'PENDING_VALIDATION' }), now, status: 'not_applicable', messageId: 'notIssued' },
  ],
  invalid: [
    {
      name: 'expired and in use',
      resource: certificate({ now, days: -3, inUseBy: ['arn:aws:cloudfront::123456789012:distribution/E1'] }),
      now,
      messageId: 'expired',
      data: {
        certificate: `www.example.com (${arn})`,
        notAfter: '2026-05-29T00:00:00.000Z',
        use: 'in use by 1 resource(s): arn:aws:cloudfront::123456789012:distribution/E1',
      },
    },
    {
      name: 'a saved snapshot evaluated after NotAfter (status still ISSUED)',
      resource: certificate({ now, days: 5, status: 'ISSUED' }),
      now: new Date(now.getTime() + 6 * 86_400_000),
      messageId: 'expired',
    },
  ],
  unknown: [
    { name: 'certificates not listed', coverage: [gap(['aws.acm.certificate'])] },
    {
      name: 'DescribeCertificate denied for this certificate',
      resource: certificate({ now, details: null }),
      coverage: [gap(['aws.acm.certificate-details'], { resourceId: arn })],
      messageId: '_coverage',
    },
  ],
});
