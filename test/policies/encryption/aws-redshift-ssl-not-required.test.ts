import rule from '../../../policies/encryption/aws-redshift-ssl-not-required.js';
import { redshiftCluster, redshiftGroup } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'require_ssl true', resource: redshiftCluster('dw1'), others: [redshiftGroup('tls', 'true')], messageId: 'required' }],
  invalid: [
    {
      name: 'require_ssl false',
      resource: redshiftCluster('dw2'),
      others: [redshiftGroup('tls', 'false')],
      messageId: 'notRequired',
      evidence: { require_ssl: 'false' },
    },
  ],
  unknown: [
    { name: 'group not collected', resource: redshiftCluster('dw3'), others: [redshiftGroup('other', 'true')], messageId: 'unknown' },
    {
      name: 'group unreadable (DescribeClusterParameters denied)',
      resource: redshiftCluster('dw4'),
      others: [redshiftGroup('tls', null)],
      coverage: [gap(['aws.redshift.cluster-parameter-group'], { resourceId: 'tls', operation: 'DescribeClusterParameters' })],
      messageId: 'unknown',
    },
    { name: 'parameter not listed', resource: redshiftCluster('dw5'), others: [redshiftGroup('tls', undefined)], messageId: 'unknown' },
    { name: 'no parameter group', resource: redshiftCluster('dw6', { ClusterParameterGroups: [] }), messageId: 'unknown' },
    {
      name: 'groups never collected in the region',
      resource: redshiftCluster('dw7'),
      coverage: [gap(['aws.redshift.cluster-parameter-group'])],
      messageId: '_coverage',
    },
  ],
});
