import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { type RdsDatabase, dbKind, isInstance } from '../_lib/aws-rds.js';

export default defineRule({
  id: 'aws-rds-publicly-accessible',
  title: 'RDS database publicly accessible',
  severity: 'critical',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  description:
    'Flags DB instances (Aurora members included: public access is set per instance) and Multi-AZ DB clusters with `PubliclyAccessible` on: their endpoint resolves to a public IP address. Aurora clusters themselves are not applicable.',
  risk: 'A public endpoint is reachable from the internet whenever a security group allows it: the database is then exposed to password guessing and to exploits of the engine, one security group rule away from a breach.',
  remediation: [
    'Turn public access off and reach the database from inside the VPC (bastion, VPN, PrivateLink).',
    '',
    '- CLI: `aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible --apply-immediately`',
    '- Terraform: `publicly_accessible = false` on `aws_db_instance` / `aws_rds_cluster_instance`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2',
  ],
  messages: {
    public: 'RDS {{kind}} {{name}} is publicly accessible{{endpoint}}.',
    private: 'RDS {{kind}} {{name}} is not publicly accessible.',
    aurora: 'RDS DB cluster {{name}} is Aurora: public access is set on its instances.',
    unknown: 'RDS {{kind}} {{name}}: the API did not say whether it is publicly accessible.',
  },
  evaluate(db) {
    const d: RdsDatabase = db;
    const name = d.ref.id;
    const kind = dbKind(d);
    if (!isInstance(d) && (d.data.engine ?? '').startsWith('aurora')) return { status: 'not_applicable', messageId: 'aurora', data: { name } };
    const pub = d.data.publiclyAccessible;
    if (pub === null) return { status: 'unknown', messageId: 'unknown', data: { kind, name } };
    if (!pub) return { status: 'pass', messageId: 'private', data: { kind, name } };
    const endpoint = isInstance(d) && d.data.endpointAddress ? ` (${d.data.endpointAddress}:${d.data.port ?? '?'})` : '';
    return {
      status: 'fail',
      messageId: 'public',
      data: { kind, name, endpoint },
      evidence: { arn: d.data.arn, publiclyAccessible: true, endpoint: isInstance(d) ? d.data.endpointAddress : null },
    };
  },
});
