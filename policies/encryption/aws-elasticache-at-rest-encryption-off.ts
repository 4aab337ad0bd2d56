import { defineRule } from '../../src/api/rule.js';
import { ELASTICACHE_CACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from '../../src/model/aws/elasticache.js';
import { type CacheResource, cacheLabel, EC_REFS, isCluster, MEMBER_MESSAGE, memberResult } from '../_lib/aws-elasticache.js';

export default defineRule({
  id: 'aws-elasticache-at-rest-encryption-off',
  title: 'ElastiCache Redis is not encrypted at rest',
  severity: 'medium',
  resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CACHE_CLUSTER],
  description:
    'Fails for a Redis OSS / Valkey replication group, or a standalone Redis cluster, whose `AtRestEncryptionEnabled` is `false` (its on-disk data: swap, backups and snapshots in S3). Memcached keeps nothing on disk and has no such setting: not applicable. Clusters in a replication group are judged on the group. Unknown when not reported.',
  risk: 'Backups and snapshots of the cache (often holding sessions and personal data) are stored unencrypted, and the data store cannot evidence encryption at rest (HIPAA 164.312(a)(2)(iv), PCI DSS 3.5.1).',
  remediation: [
    'At-rest encryption is chosen when the replication group is created: create an encrypted one (optionally from a backup of the old one) and switch the clients over.',
    '',
    '- Console: ElastiCache → Redis OSS caches → Create → "Encryption at rest" on (with a KMS key).',
    '- CLI: `aws elasticache create-replication-group --replication-group-id NEW --at-rest-encryption-enabled --kms-key-id KEY --snapshot-name BACKUP …`',
    '- Terraform: `at_rest_encryption_enabled = true` (and `kms_key_id`) on `aws_elasticache_replication_group` (forces a new resource).',
  ].join('\n'),
  references: [EC_REFS.atRest, `${EC_REFS.controls}#elasticache-4`],
  messages: {
    off: '{{what}} is not encrypted at rest.',
    on: '{{what}} is encrypted at rest.',
    unknown: '{{what}}: encryption at rest was not reported.',
    memcached: '{{what}} is Memcached, which stores nothing at rest.',
    member: MEMBER_MESSAGE,
  },
  evaluate(r) {
    const c: CacheResource = r;
    const member = memberResult(c);
    if (member) return member;
    const what = cacheLabel(c);
    if (isCluster(c) && c.data.engine === 'memcached') return { status: 'not_applicable', messageId: 'memcached', data: { what } };
    const v = c.data.atRestEncryption;
    if (v === null) return { status: 'unknown', messageId: 'unknown', data: { what } };
    if (v) return { status: 'pass', messageId: 'on', data: { what } };
    return { status: 'fail', messageId: 'off', data: { what }, evidence: { arn: c.data.arn, atRestEncryptionEnabled: false } };
  },
});
