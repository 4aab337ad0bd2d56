import rule from '../../../policies/tls/aws-acm-certificate-weak-key.js';
import { certificate } from '../../support/aws-edge.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'RSA 2048', resource: certificate(), messageId: 'ok' },
    { name: 'ECDSA P-256', resource: certificate({ key: 'EC_prime256v1' }) },
    { name: 'RSA 1024 but idle', resource: certificate({ key: 'RSA_1024', inUseBy: [] }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'RSA 1024 in use',
      resource: certificate({ key: 'RSA_1024' }),
      messageId: 'weak',
      evidence: { keyAlgorithm: 'RSA_1024', minRsaBits: 2048 },
    },
    { name: 'RSA 2048 under a 3072 minimum (tunable)', resource: certificate(), options: { minRsaBits: 3072 }, messageId: 'weak' },
  ],
  unknown: [
    { name: 'certificates not listed', coverage: [gap(['aws.acm.certificate'])] },
    { name: 'an unknown key algorithm', resource: certificate({ key: 'ML_DSA_65' }), messageId: 'unrecognised' },
  ],
});
