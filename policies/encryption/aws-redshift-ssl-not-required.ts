import { defineRule } from '../../src/api/rule.js';
import { REDSHIFT_CLUSTER, REDSHIFT_CLUSTER_PARAMETER_GROUP } from '../../src/model/aws/redshift.js';

export default defineRule({
  id: 'aws-redshift-ssl-not-required',
  title: 'Redshift cluster does not require TLS connections',
  severity: 'medium',
  resourceTypes: [REDSHIFT_CLUSTER],
  inputs: [REDSHIFT_CLUSTER_PARAMETER_GROUP],
  description:
    'Fails for a provisioned Redshift cluster whose parameter group sets `require_ssl` to anything but `true` (the default group, `default.redshift-1.0`, has `false`). The value is read with DescribeClusterParameters, once per parameter group of the region. Unknown when the group was not collected, could not be read, or does not list the parameter.',
  risk: 'Clients may connect without TLS: credentials and query results cross the network in clear text and can be read or altered on the path (HIPAA 164.312(e), PCI DSS 4.2.1).',
  remediation: [
    'Set `require_ssl` to `true` in a custom parameter group (default groups cannot be changed), attach it to the cluster, then reboot it.',
    '',
    '- Console: Amazon Redshift → Configurations → Workload management → the parameter group → Parameters → require_ssl = true; then the cluster → Properties → Database configurations → parameter group.',
    '- CLI: `aws redshift modify-cluster-parameter-group --parameter-group-name PG --parameters ParameterName=require_ssl,ParameterValue=true` and `aws redshift modify-cluster --cluster-identifier ID --cluster-parameter-group-name PG`, then `aws redshift reboot-cluster --cluster-identifier ID`',
    '- Terraform: `parameter { name = "require_ssl" value = "true" }` in `aws_redshift_parameter_group`, referenced by `cluster_parameter_group_name` on `aws_redshift_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/redshift-controls.html#redshift-2',
  ],
  messages: {
    notRequired: 'Redshift cluster {{name}} does not require TLS: require_ssl = {{value}} in parameter group {{group}}.',
    required: 'Redshift cluster {{name}} requires TLS (require_ssl = true in {{group}}).',
    unknown: 'Redshift cluster {{name}}: whether TLS is required cannot be established: {{reason}}.',
  },
  evaluate(c, ctx) {
    const name = c.data.id;
    const groupName = c.data.parameterGroups[0]?.name;
    if (!groupName) return { status: 'unknown', messageId: 'unknown', data: { name, reason: 'no parameter group is reported' } };
    const group = ctx.index.inScope(REDSHIFT_CLUSTER_PARAMETER_GROUP, c.ref.account, c.ref.region).find((g) => g.ref.id === groupName);
    const reason = !group
      ? `its parameter group ${groupName} was not collected`
      : !group.data.readable
        ? `its parameter group ${groupName} could not be read`
        : group.data.requireSsl === null
          ? `require_ssl is not listed in parameter group ${groupName}`
          : null;
    if (reason || !group) return { status: 'unknown', messageId: 'unknown', data: { name, reason: reason ?? '' }, evidence: { parameterGroup: groupName } };
    const value = group.data.requireSsl ?? '';
    if (value.trim().toLowerCase() === 'true') return { status: 'pass', messageId: 'required', data: { name, group: groupName } };
    return {
      status: 'fail',
      messageId: 'notRequired',
      data: { name, value, group: groupName },
      evidence: { arn: c.data.arn, parameterGroup: groupName, require_ssl: value, source: group.data.requireSslSource },
    };
  },
});
