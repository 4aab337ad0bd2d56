import rule from '../../../policies/encryption/aws-s3-account-block-public-access-off.js';
import { ALL_ON, accountBpa } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'all four on', resource: accountBpa(ALL_ON) }],
  invalid: [
    { name: 'never configured', resource: accountBpa('none'), messageId: 'notConfigured', evidence: { accountPublicAccessBlock: 'not configured' } },
    {
      name: 'restrict public buckets off',
      resource: accountBpa({ ...ALL_ON, restrictPublicBuckets: false }),
      messageId: 'partial',
      evidence: { off: ['restrictPublicBuckets'] },
    },
  ],
  unknown: [{ name: 'S3 Control denied', coverage: [gap(['aws.s3.account-public-access-block'], { region: 'global', errorCode: 'AccessDenied' })] }],
});
