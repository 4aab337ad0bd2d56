import { defineRule } from '../../src/api/rule.js';
import { ELASTICACHE_CACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from '../../src/model/aws/elasticache.js';
import { type CacheResource, cacheLabel, EC_REFS, MEMBER_MESSAGE, memberResult } from '../_lib/aws-elasticache.js';

export default defineRule({
  id: 'aws-elasticache-transit-encryption-off',
  title: 'ElastiCache does not encrypt connections (in-transit encryption off)',
  severity: 'high',
  resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CACHE_CLUSTER],
  description:
    'Fails for a Redis OSS / Valkey replication group, or a standalone cache cluster (Memcached, or Redis without a replication group), whose `TransitEncryptionEnabled` is `false`; also for transit encryption in `preferred` mode, which still accepts clear-text clients (pass it with `allowPreferredMode` during a migration). Clusters in a replication group are judged on the group. Unknown when not reported.',
  risk: 'Cached data (sessions, tokens, personal data) and the AUTH token itself cross the network in clear text; anyone on the path reads or alters them. Redis AUTH without TLS sends the password in clear.',
  remediation: [
    'Enable in-transit encryption (Redis OSS 7+ / Valkey: online, first in `preferred` then `required` mode; older engines and Memcached: create a new encrypted cluster and migrate).',
    '',
    '- Console: ElastiCache → the cluster → Modify → "Encryption in transit", mode Required.',
    '- CLI: `aws elasticache modify-replication-group --replication-group-id ID --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately`, then again with `--transit-encryption-mode required`',
    '- Terraform: `transit_encryption_enabled = true` and `transit_encryption_mode = "required"` on `aws_elasticache_replication_group` (`aws_elasticache_cluster` for Memcached).',
  ].join('\n'),
  references: [EC_REFS.transit, `${EC_REFS.controls}#elasticache-5`],
  messages: {
    off: '{{what}} does not encrypt connections in transit.',
    preferred: '{{what}} encrypts in transit in `preferred` mode: clear-text connections are still accepted.',
    on: '{{what}} requires encrypted connections.',
    unknown: '{{what}}: in-transit encryption was not reported.',
    member: MEMBER_MESSAGE,
  },
  defaults: { allowPreferredMode: false },
  optionsSchema: { type: 'object', properties: { allowPreferredMode: { type: 'boolean' } }, additionalProperties: false },
  evaluate(r, ctx) {
    const c: CacheResource = r;
    const member = memberResult(c);
    if (member) return member;
    const what = cacheLabel(c);
    const { transitEncryption, transitEncryptionMode } = c.data;
    const evidence = { arn: c.data.arn, transitEncryptionEnabled: transitEncryption, transitEncryptionMode };
    if (transitEncryption === null) return { status: 'unknown', messageId: 'unknown', data: { what } };
    if (!transitEncryption) return { status: 'fail', messageId: 'off', data: { what }, evidence };
    if (transitEncryptionMode === 'preferred' && !ctx.options.allowPreferredMode) return { status: 'fail', messageId: 'preferred', data: { what }, evidence };
    return { status: 'pass', messageId: 'on', data: { what } };
  },
});
