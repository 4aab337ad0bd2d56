import { defineRule } from '../../src/api/rule.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { type RdsDatabase, rdsSettingVerdict } from '../_lib/aws-rds.js';

export default defineRule({
  id: 'aws-rds-storage-unencrypted',
  title: 'RDS storage not encrypted',
  severity: 'medium',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER],
  description:
    'Flags RDS DB instances and DB clusters whose storage is not encrypted. Instances that belong to a cluster are judged on the cluster (encryption is a cluster setting there).',
  risk: 'Unencrypted database storage, and its automated backups, snapshots and read replicas, can be read by anyone who gets hold of a copy, and it fails encryption-at-rest requirements (HIPAA, PCI DSS 3.5).',
  remediation: [
    'Encryption cannot be turned on in place: take a snapshot, copy it with a KMS key, restore a new encrypted instance or cluster from the copy and cut over.',
    '',
    '- CLI: `aws rds copy-db-snapshot --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-enc --kms-key-id alias/…` then `aws rds restore-db-instance-from-db-snapshot …`',
    '- Terraform: `storage_encrypted = true` (and `kms_key_id`) on `aws_db_instance` / `aws_rds_cluster` (forces a new resource).',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3',
  ],
  messages: {
    unencrypted: 'RDS {{kind}} {{name}} stores its data unencrypted.',
    encrypted: 'RDS {{kind}} {{name}} has encrypted storage.',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; storage encryption is evaluated on the cluster.',
    unknown: 'RDS {{kind}} {{name}}: the API did not say whether its storage is encrypted.',
  },
  evaluate(db) {
    const d: RdsDatabase = db;
    return rdsSettingVerdict(d, 'storageEncrypted', { on: 'encrypted', off: 'unencrypted' }, { engine: d.data.engine });
  },
});
