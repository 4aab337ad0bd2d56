import rule from '../../../policies/tls/aws-acm-certificate-idle-unsafe.js';
import { certificate } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const now = new Date('2026-06-01T00:00:00Z');

ruleTester(rule, {
  valid: [
    { name: 'idle, valid, RSA 2048', resource: certificate({ now, inUseBy: [] }), now, messageId: 'ok' },
    { name: 'in use: the in-use rules judge it', resource: certificate({ now, days: -5 }), now, status: 'not_applicable', messageId: 'inUse' },
  ],
  invalid: [
    { name: 'idle and expired', resource: certificate({ now, days: -5, inUseBy: [] }), now, messageId: 'idleExpired' },
    {
      name: 'idle RSA 1024',
      resource: certificate({ now, key: 'RSA_1024', inUseBy: [] }),
      now,
      messageId: 'idleWeak',
      data: { certificate: 'www.example.com (arn:aws:acm:us-east-1:123456789012:certificate/www.example.com)', bits: 1024, minimum: 2048 },
    },
  ],
  unknown: [
    { name: 'certificates not listed', coverage: [gap(['aws.acm.certificate'])] },
    { name: 'idle with an unknown key algorithm', resource: certificate({ now, key: 'XYZ', inUseBy: [] }), now, messageId: 'unrecognised' },
  ],
});
