import { defineRule } from '../../src/api/rule.js';
import { REDSHIFT_CLUSTER } from '../../src/model/aws/redshift.js';

export default defineRule({
  id: 'aws-redshift-cluster-public',
  title: 'Redshift cluster is publicly accessible',
  severity: 'high',
  resourceTypes: [REDSHIFT_CLUSTER],
  description:
    'Fails for a provisioned Redshift cluster whose `PubliclyAccessible` flag is `true`: its endpoint resolves to a public IP address, so only its security groups stand between the database port and the internet. Unknown when the flag is not reported.',
  risk: 'The warehouse’s SQL endpoint can be reached from the internet (password guessing, exploitation of the database engine); one permissive security-group rule exposes the whole data set.',
  remediation: [
    'Turn public accessibility off and reach the cluster through the VPC (VPN, Direct Connect, a bastion, or Redshift-managed VPC endpoints).',
    '',
    '- Console: Amazon Redshift → Clusters → the cluster → Actions → Modify publicly accessible setting → Off.',
    '- CLI: `aws redshift modify-cluster --cluster-identifier ID --no-publicly-accessible`',
    '- Terraform: `publicly_accessible = false` on `aws_redshift_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-1',
  ],
  messages: {
    public: 'Redshift cluster {{name}} is publicly accessible ({{endpoint}}).',
    private: 'Redshift cluster {{name}} is not publicly accessible.',
    unknown: 'Redshift cluster {{name}}: public accessibility was not reported.',
  },
  evaluate(c) {
    const name = c.data.id;
    if (c.data.publiclyAccessible === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (!c.data.publiclyAccessible) return { status: 'pass', messageId: 'private', data: { name } };
    const endpoint = c.data.endpointAddress ? `${c.data.endpointAddress}:${c.data.endpointPort ?? 5439}` : 'endpoint not stated';
    return { status: 'fail', messageId: 'public', data: { name, endpoint }, evidence: { arn: c.data.arn, publiclyAccessible: true, endpoint } };
  },
});
