import rule from '../../../policies/network/aws-redshift-cluster-public.js';
import { redshiftCluster } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'private', resource: redshiftCluster('dw1'), messageId: 'private' }],
  invalid: [{ name: 'public', resource: redshiftCluster('dw2', { PubliclyAccessible: true }), messageId: 'public', evidence: { publiclyAccessible: true } }],
  unknown: [
    { name: 'not reported', resource: redshiftCluster('dw3', { PubliclyAccessible: undefined }), messageId: 'unknown' },
    { name: 'clusters not listed', coverage: [gap(['aws.redshift.cluster'])] },
  ],
});
