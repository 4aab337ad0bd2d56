import rule from '../../../policies/encryption/aws-ebs-volume-unencrypted.js';
import { volume } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'encrypted with a KMS key', resource: volume('vol-1') }],
  invalid: [
    {
      name: 'unencrypted attached volume',
      resource: volume('vol-2', {
        encrypted: false,
        kmsKeyId: null,
        attachments: [{ instanceId: 'i-1', device: '/dev/xvda', state: 'attached', deleteOnTermination: true }],
      }),
      messageId: 'unencrypted',
      evidence: { volumeId: 'vol-2', encrypted: false, attachedTo: ['i-1'] },
    },
  ],
  unknown: [
    { name: 'volumes denied', coverage: [gap(['aws.ebs.volume'], { errorCode: 'UnauthorizedOperation' })] },
    { name: 'encryption flag missing', resource: volume('vol-3', { encrypted: null }) },
  ],
});
