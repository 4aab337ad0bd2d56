import rule from '../../../policies/encryption/aws-kms-key-pending-deletion.js';
import { kmsKey } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'enabled', resource: kmsKey('k1') },
    {
      name: 'a denied rotation status does not hide the state',
      resource: kmsKey('k7', { rotationEnabled: null }),
      coverage: [gap(['aws.kms.key-rotation'], { resourceId: 'k7' })],
    },
    { name: 'disabled but not scheduled', resource: kmsKey('k2', { keyState: 'Disabled', enabled: false }) },
  ],
  invalid: [
    {
      name: 'scheduled',
      resource: kmsKey('k3', { keyState: 'PendingDeletion', deletionDate: '2026-12-03T00:00:00.000Z' }),
      messageId: 'pending',
      evidence: { keyState: 'PendingDeletion', deletionDate: '2026-12-03T00:00:00.000Z' },
    },
    { name: 'replica scheduled', resource: kmsKey('k4', { keyState: 'PendingReplicaDeletion' }), messageId: 'pending' },
  ],
  unknown: [
    { name: 'describe denied for the key', coverage: [gap(['aws.kms.key'], { operation: 'DescribeKey', resourceId: 'k5' })] },
    { name: 'state missing', resource: kmsKey('k6', { keyState: null }) },
  ],
});
