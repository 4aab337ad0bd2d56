import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { type RdsDatabase, dbKind, isInstance, memberResult } from '../_lib/aws-rds.js';

export default defineRule({
  id: 'aws-rds-backup-retention-short',
  title: 'RDS automated backups kept too briefly',
  severity: 'medium',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  description:
    'Flags DB instances and clusters whose automated backup retention is below `minDays` (default 7; 0 means backups are off). Cluster members are judged on the cluster; read replicas are not applicable.',
  risk: 'Short retention leaves little time to notice corruption, a bad migration or ransomware before the last good backup expires; with 0 days there is no point-in-time recovery at all.',
  remediation: [
    'Raise the backup retention period (1–35 days; use AWS Backup for longer retention).',
    '',
    '- CLI: `aws rds modify-db-instance --db-instance-identifier DB --backup-retention-period 7 --apply-immediately` (clusters: `aws rds modify-db-cluster --db-cluster-identifier C --backup-retention-period 7`)',
    '- Terraform: `backup_retention_period = 7` on `aws_db_instance` / `aws_rds_cluster`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11',
  ],
  messages: {
    short: 'RDS {{kind}} {{name}} keeps automated backups {{days}} day(s) (minimum {{min}}).',
    ok: 'RDS {{kind}} {{name}} keeps automated backups {{days}} days.',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; backups are evaluated on the cluster.',
    replica: 'RDS DB instance {{name}} is a read replica of {{source}}.',
    unknown: 'RDS {{kind}} {{name}}: the API did not report its backup retention.',
  },
  defaults: { minDays: 7 },
  optionsSchema: { type: 'object', properties: { minDays: { type: 'integer', minimum: 1, maximum: 35 } }, additionalProperties: false },
  evaluate(db, ctx) {
    const d: RdsDatabase = db;
    const member = memberResult(d);
    if (member) return member;
    const name = d.ref.id;
    const kind = dbKind(d);
    if (isInstance(d) && d.data.readReplicaSourceIdentifier)
      return { status: 'not_applicable', messageId: 'replica', data: { name, source: d.data.readReplicaSourceIdentifier } };
    const days = d.data.backupRetentionPeriod;
    if (days === null) return { status: 'unknown', messageId: 'unknown', data: { kind, name } };
    const min = ctx.options.minDays;
    if (days >= min) return { status: 'pass', messageId: 'ok', data: { kind, name, days } };
    return { status: 'fail', messageId: 'short', data: { kind, name, days, min }, evidence: { arn: d.data.arn, backupRetentionPeriod: days, minimum: min } };
  },
});
