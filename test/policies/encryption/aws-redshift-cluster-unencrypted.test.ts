import rule from '../../../policies/encryption/aws-redshift-cluster-unencrypted.js';
import { redshiftCluster } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'encrypted', resource: redshiftCluster('dw1'), messageId: 'encrypted' }],
  invalid: [
    {
      name: 'unencrypted',
      resource: redshiftCluster('dw2', { Encrypted: false, KmsKeyId: undefined }),
      messageId: 'unencrypted',
      evidence: { encrypted: false },
    },
  ],
  unknown: [
    { name: 'not reported', resource: redshiftCluster('dw3', { Encrypted: undefined }), messageId: 'unknown' },
    { name: 'clusters not listed', coverage: [gap(['aws.redshift.cluster'])] },
  ],
});
