import { defineRule } from '../../src/api/rule.js';
import { ELASTICACHE_CACHE_CLUSTER, ELASTICACHE_REPLICATION_GROUP } from '../../src/model/aws/elasticache.js';
import { type CacheResource, cacheLabel, EC_REFS, isCluster, MEMBER_MESSAGE, memberResult } from '../_lib/aws-elasticache.js';

export default defineRule({
  id: 'aws-elasticache-redis-auth-off',
  title: 'ElastiCache Redis accepts clients without authentication',
  severity: 'high',
  resourceTypes: [ELASTICACHE_REPLICATION_GROUP, ELASTICACHE_CACHE_CLUSTER],
  description:
    'Fails for a Redis OSS / Valkey replication group, or a standalone Redis cluster, with neither an AUTH token (`AuthTokenEnabled`) nor RBAC user groups (`UserGroupIds`): any client that reaches the port can run every command. Memcached has no authentication of its own (SASL aside): not applicable. Clusters in a replication group are judged on the group. Unknown when the AUTH flag is not reported.',
  risk: 'Anything that can reach the cache network (a compromised instance, a mis-scoped security group) reads and rewrites sessions and cached data, or runs `FLUSHALL` / `CONFIG` commands.',
  remediation: [
    'Enable RBAC (a user group with per-user passwords and command ACLs) or an AUTH token; both need in-transit encryption.',
    '',
    '- Console: ElastiCache → the cache → Modify → Access control: "User group access control list" (or "Redis OSS AUTH default user access").',
    '- CLI: `aws elasticache modify-replication-group --replication-group-id ID --user-group-ids-to-add GROUP --apply-immediately` (or `--auth-token TOKEN --auth-token-update-strategy SET`)',
    '- Terraform: `user_group_ids = [aws_elasticache_user_group.app.id]` (or `auth_token`) on `aws_elasticache_replication_group`.',
  ].join('\n'),
  references: [EC_REFS.rbac, EC_REFS.auth, `${EC_REFS.controls}#elasticache-6`],
  messages: {
    open: '{{what}} has neither an AUTH token nor RBAC user groups.',
    auth: '{{what}} requires authentication ({{how}}).',
    unknown: '{{what}}: whether AUTH is enabled was not reported.',
    memcached: '{{what}} is Memcached (no Redis AUTH / RBAC).',
    member: MEMBER_MESSAGE,
  },
  evaluate(r) {
    const c: CacheResource = r;
    const member = memberResult(c);
    if (member) return member;
    const what = cacheLabel(c);
    if (isCluster(c) && c.data.engine === 'memcached') return { status: 'not_applicable', messageId: 'memcached', data: { what } };
    const groups = isCluster(c) ? [] : c.data.userGroupIds;
    if (groups.length > 0) return { status: 'pass', messageId: 'auth', data: { what, how: `RBAC user groups ${groups.join(', ')}` } };
    const token = c.data.authTokenEnabled;
    if (token === true) return { status: 'pass', messageId: 'auth', data: { what, how: 'AUTH token' } };
    if (token === null) return { status: 'unknown', messageId: 'unknown', data: { what } };
    return { status: 'fail', messageId: 'open', data: { what }, evidence: { arn: c.data.arn, authTokenEnabled: false, userGroupIds: groups } };
  },
});
