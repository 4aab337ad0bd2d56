import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { type RdsDatabase, rdsSettingVerdict } from '../_lib/aws-rds.js';

export default defineRule({
  id: 'aws-rds-multi-az-off',
  title: 'RDS database not Multi-AZ',
  severity: 'medium',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  description:
    'Flags DB instances and DB clusters that are not deployed across Availability Zones (`MultiAZ` false). Members of a cluster are judged on the cluster (Aurora reports `MultiAZ` true once it has a replica in another zone).',
  risk: 'A single-AZ database goes down with its zone, its host or its storage: recovery is a restore from backup (minutes to hours, losing writes since the last backup) instead of an automatic failover to a standby in about a minute.',
  remediation: [
    'Convert the instance to Multi-AZ (a standby is created without downtime), or add an Aurora replica in another zone.',
    '',
    '- CLI: `aws rds modify-db-instance --db-instance-identifier DB --multi-az --apply-immediately`; Aurora: `aws rds create-db-instance --db-cluster-identifier C --availability-zone OTHER_AZ …`',
    '- Terraform: `multi_az = true` on `aws_db_instance`; a second `aws_rds_cluster_instance` in another zone.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5',
  ],
  messages: {
    off: 'RDS {{kind}} {{name}} runs in a single Availability Zone.',
    on: 'RDS {{kind}} {{name}} is Multi-AZ.',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; Multi-AZ is evaluated on the cluster.',
    unknown: 'RDS {{kind}} {{name}}: the API did not report Multi-AZ.',
  },
  evaluate(db) {
    const d: RdsDatabase = db;
    return rdsSettingVerdict(d, 'multiAz', { on: 'on', off: 'off' });
  },
});
