import rule from '../../../policies/encryption/aws-kms-key-rotation-off.js';
import { kmsKey } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'rotating', resource: kmsKey('k1') },
    {
      name: 'a denied key policy does not hide rotation',
      resource: kmsKey('k8', { policy: null }),
      coverage: [gap(['aws.kms.key-policy'], { operation: 'GetKeyPolicy', resourceId: 'k8' })],
    },
    {
      name: 'asymmetric key',
      resource: kmsKey('k2', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotationSupported: false, rotationEnabled: null }),
      status: 'not_applicable',
    },
    { name: 'imported material', resource: kmsKey('k3', { origin: 'EXTERNAL', rotationSupported: false, rotationEnabled: null }), status: 'not_applicable' },
    { name: 'pending deletion', resource: kmsKey('k4', { keyState: 'PendingDeletion', rotationEnabled: null }), status: 'not_applicable' },
  ],
  invalid: [{ name: 'rotation off', resource: kmsKey('k5', { rotationEnabled: false }), messageId: 'off', evidence: { keyRotationEnabled: false } }],
  unknown: [
    {
      name: 'rotation status denied',
      resource: kmsKey('k6', { rotationEnabled: null }),
      coverage: [gap(['aws.kms.key-rotation'], { operation: 'GetKeyRotationStatus', resourceId: 'k6' })],
    },
    { name: 'rotation null without gap', resource: kmsKey('k7', { rotationEnabled: null }) },
    { name: 'keys not listed', coverage: [gap(['aws.kms.key'], { operation: 'ListKeys' })] },
  ],
});
