import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { rdsSettingVerdict } from '../_lib/aws-rds.js';

export default defineRule({
  id: 'aws-rds-deletion-protection-off',
  title: 'RDS deletion protection off',
  severity: 'low',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  description: 'Flags DB instances and clusters without deletion protection. Cluster members are judged on the cluster.',
  risk: 'Without deletion protection one API call (a mistaken `terraform destroy`, a script, an attacker) deletes the database; automated backups go with it unless retained.',
  remediation: [
    'Turn deletion protection on.',
    '',
    '- CLI: `aws rds modify-db-instance --db-instance-identifier DB --deletion-protection --apply-immediately` (clusters: `aws rds modify-db-cluster --db-cluster-identifier C --deletion-protection`)',
    '- Terraform: `deletion_protection = true` on `aws_db_instance` / `aws_rds_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8',
  ],
  messages: {
    off: 'RDS {{kind}} {{name}} has no deletion protection.',
    on: 'RDS {{kind}} {{name}} has deletion protection.',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; deletion protection is evaluated on the cluster.',
    unknown: 'RDS {{kind}} {{name}}: the API did not report deletion protection.',
  },
  evaluate(db) {
    return rdsSettingVerdict(db, 'deletionProtection', { on: 'on', off: 'off' });
  },
});
