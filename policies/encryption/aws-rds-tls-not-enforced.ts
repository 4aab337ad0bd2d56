import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_CLUSTER_PARAMETER_GROUP, RDS_DB_INSTANCE, RDS_DB_PARAMETER_GROUP } from '../../src/model/aws/rds.js';
import { type RdsDatabase, dbKind, memberResult, tlsVerdict } from '../_lib/aws-rds.js';

const REASONS: Record<string, string> = {
  engine: 'the engine has no TLS parameter Vigil reads (Oracle and Db2 use option groups)',
  'no-group': 'no parameter group is reported',
  'group-not-collected': 'its parameter group was not collected',
  'group-unreadable': 'its parameter group could not be read',
  'not-listed': 'the parameter is not listed in its parameter group',
  'no-value': 'the parameter is listed without a value',
};

export default defineRule({
  id: 'aws-rds-tls-not-enforced',
  title: 'RDS does not force TLS connections',
  severity: 'medium',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  inputs: [RDS_DB_PARAMETER_GROUP, RDS_DB_CLUSTER_PARAMETER_GROUP],
  description:
    'Flags databases whose parameter group does not force TLS: `rds.force_ssl = 1` (PostgreSQL, Aurora PostgreSQL, SQL Server) or `require_secure_transport = ON/1` (MySQL, MariaDB, Aurora MySQL). Instances in a cluster are judged on the cluster parameter group. Whatever cannot be established (parameter not listed, no value, group unreadable, other engines) is unknown, never a pass.',
  risk: 'Clients may connect without TLS: credentials and query results then cross the network in clear text and can be read or altered by anyone on the path.',
  remediation: [
    'Set the parameter in a custom parameter group attached to the database (default groups cannot be changed), then reboot if the parameter is static for your engine version.',
    '',
    '- CLI: `aws rds modify-db-parameter-group --db-parameter-group-name PG --parameters "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot"` (MySQL: `require_secure_transport`, value `1`; clusters: `modify-db-cluster-parameter-group`)',
    '- Terraform: a `parameter { name = "rds.force_ssl" value = "1" }` block in `aws_db_parameter_group` / `aws_rds_cluster_parameter_group`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html#PostgreSQL.Concepts.General.SSL.Requiring',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html',
  ],
  messages: {
    notForced: 'RDS {{kind}} {{name}} does not force TLS: {{parameter}} = {{value}} in parameter group {{group}}.',
    forced: 'RDS {{kind}} {{name}} forces TLS ({{parameter}} = {{value}} in {{group}}).',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; TLS enforcement is evaluated on the cluster.',
    unknown: 'RDS {{kind}} {{name}}: whether TLS is forced cannot be established: {{reason}}.',
  },
  evaluate(db, ctx) {
    const d: RdsDatabase = db;
    const member = memberResult(d);
    if (member) return member;
    const name = d.ref.id;
    const kind = dbKind(d);
    const v = tlsVerdict(d, ctx.index);
    if (v.status === 'unknown') {
      const reason = `${REASONS[v.reason]}${v.parameter ? ` (${v.parameter}${v.group ? ` in ${v.group}` : ''})` : ` (engine ${d.data.engine ?? 'unknown'})`}`;
      return {
        status: 'unknown',
        messageId: 'unknown',
        data: { kind, name, reason },
        evidence: { engine: d.data.engine, reason: v.reason, parameter: v.parameter, parameterGroup: v.group },
      };
    }
    const data = { kind, name, parameter: v.parameter, value: v.value, group: v.group };
    if (v.status === 'pass') return { status: 'pass', messageId: 'forced', data };
    return {
      status: 'fail',
      messageId: 'notForced',
      data,
      evidence: { arn: d.data.arn, engine: d.data.engine, parameterGroup: v.group, [v.parameter]: v.value },
    };
  },
});
