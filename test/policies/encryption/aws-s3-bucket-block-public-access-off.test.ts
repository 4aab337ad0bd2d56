import rule from '../../../policies/encryption/aws-s3-bucket-block-public-access-off.js';
import { ALL_OFF, ALL_ON, accountBpa, bucket } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'bucket fully blocked', resource: bucket('b1') },
    {
      name: 'bucket unset, account fully blocked',
      resource: bucket('b2', { publicAccessBlock: { configured: false, settings: ALL_OFF } }),
      others: [accountBpa(ALL_ON)],
    },
    {
      name: 'bucket and account complement each other',
      resource: bucket('b3', { publicAccessBlock: { configured: true, settings: { ...ALL_OFF, blockPublicAcls: true, ignorePublicAcls: true } } }),
      others: [accountBpa({ ...ALL_OFF, blockPublicPolicy: true, restrictPublicBuckets: true })],
    },
  ],
  invalid: [
    {
      name: 'neither bucket nor account',
      resource: bucket('b4', { publicAccessBlock: { configured: false, settings: ALL_OFF } }),
      others: [accountBpa('none')],
      messageId: 'off',
      evidence: { bucketSettings: 'not configured', off: ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] },
    },
    {
      name: 'one switch off on both',
      resource: bucket('b5', { publicAccessBlock: { configured: true, settings: { ...ALL_ON, restrictPublicBuckets: false } } }),
      others: [accountBpa({ ...ALL_ON, restrictPublicBuckets: false })],
      messageId: 'off',
      evidence: { off: ['restrictPublicBuckets'] },
    },
  ],
  unknown: [
    {
      name: 'bucket BPA denied',
      resource: bucket('b6', { publicAccessBlock: null }),
      coverage: [gap(['aws.s3.bucket-public-access-block'], { region: 'global', operation: 'GetPublicAccessBlock', resourceId: 'b6' })],
    },
    { name: 'bucket partial, account BPA not collected', resource: bucket('b7', { publicAccessBlock: { configured: false, settings: ALL_OFF } }) },
  ],
});
