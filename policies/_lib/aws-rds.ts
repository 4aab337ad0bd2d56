/**
 * RDS helpers: which settings live on the cluster rather than the instance, and how to read whether a
 * database forces TLS from its parameter group.
 */
import type { RuleResult, SnapshotIndex } from '../../src/engine/types.js';
import { type DbClusterData, type DbInstanceData, RDS_DB_CLUSTER_PARAMETER_GROUP, RDS_DB_INSTANCE, RDS_DB_PARAMETER_GROUP } from '../../src/model/aws/rds.js';
import type { Resource } from '../../src/model/types.js';

export type RdsDatabase = Resource<DbInstanceData> | Resource<DbClusterData>;

export function isInstance(db: RdsDatabase): db is Resource<DbInstanceData> {
  return db.ref.type === RDS_DB_INSTANCE;
}

/**
 * An instance that belongs to a cluster (Aurora, Multi-AZ DB cluster): storage encryption, backups,
 * deletion protection and the TLS parameters are the cluster's, and are evaluated there.
 */
export function clusterMember(db: RdsDatabase): string | null {
  return isInstance(db) ? db.data.clusterIdentifier : null;
}

export function dbKind(db: RdsDatabase): string {
  return isInstance(db) ? 'DB instance' : 'DB cluster';
}

/** `not_applicable` (message `member`) for an instance of a cluster, whose cluster-level settings are judged on the cluster. */
export function memberResult(db: RdsDatabase): RuleResult<'member'> | undefined {
  const cluster = clusterMember(db);
  return cluster ? { status: 'not_applicable', messageId: 'member', data: { name: db.ref.id, cluster } } : undefined;
}

/**
 * Verdict of a rule over one cluster-level on/off setting where on is compliant (storage encryption,
 * deletion protection, Multi-AZ): cluster members not applicable, `null` (not reported) unknown, then pass or fail
 * with the setting as evidence. Message ids: `member`, `unknown`, and the rule's own `on` / `off` ids.
 */
export function rdsSettingVerdict<On extends string, Off extends string>(
  db: RdsDatabase,
  setting: 'storageEncrypted' | 'deletionProtection' | 'multiAz',
  ids: { on: On; off: Off },
  evidence: Record<string, unknown> = {},
): RuleResult<'member' | 'unknown' | On | Off> {
  const member = memberResult(db);
  if (member) return member;
  const data = { kind: dbKind(db), name: db.ref.id };
  const value = db.data[setting];
  if (value === null) return { status: 'unknown', messageId: 'unknown', data };
  if (value) return { status: 'pass', messageId: ids.on, data };
  return { status: 'fail', messageId: ids.off, data, evidence: { arn: db.data.arn, [setting]: false, ...evidence } };
}

/** The parameter that forces TLS for an engine and the values that mean "on"; `null` for engines without one. */
export function tlsParameterFor(engine: string | null): { name: string; on: string[] } | null {
  const e = (engine ?? '').toLowerCase();
  if (e.startsWith('postgres') || e === 'aurora-postgresql' || e.startsWith('sqlserver')) return { name: 'rds.force_ssl', on: ['1', 'true', 'on'] };
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora-mysql' || e === 'aurora') return { name: 'require_secure_transport', on: ['1', 'on', 'true'] };
  return null;
}

export type TlsVerdict =
  | { status: 'pass' | 'fail'; parameter: string; value: string; group: string }
  | {
      status: 'unknown';
      reason: 'engine' | 'no-group' | 'group-not-collected' | 'group-unreadable' | 'not-listed' | 'no-value';
      parameter?: string;
      group?: string;
    };

/** Reads the TLS parameter of the database's parameter group (the cluster group for clusters). */
export function tlsVerdict(db: RdsDatabase, index: SnapshotIndex): TlsVerdict {
  const param = tlsParameterFor(db.data.engine);
  if (!param) return { status: 'unknown', reason: 'engine' };
  const groupNames = isInstance(db) ? db.data.parameterGroups.map((g) => g.name) : db.data.parameterGroup ? [db.data.parameterGroup] : [];
  if (groupNames.length === 0) return { status: 'unknown', reason: 'no-group', parameter: param.name };
  const type = isInstance(db) ? RDS_DB_PARAMETER_GROUP : RDS_DB_CLUSTER_PARAMETER_GROUP;
  const groups = index.inScope(type, db.ref.account, db.ref.region);
  // An instance has one DB parameter group; should there be several, every one must force TLS.
  let last: TlsVerdict | undefined;
  for (const name of groupNames) {
    const group = groups.find((g) => g.ref.id === name);
    if (!group) return { status: 'unknown', reason: 'group-not-collected', parameter: param.name, group: name };
    if (group.data.tlsParameters === null) return { status: 'unknown', reason: 'group-unreadable', parameter: param.name, group: name };
    const p = group.data.tlsParameters.find((x) => x.name === param.name);
    if (!p) return { status: 'unknown', reason: 'not-listed', parameter: param.name, group: name };
    if (p.value === null) return { status: 'unknown', reason: 'no-value', parameter: param.name, group: name };
    last = { status: param.on.includes(p.value.trim().toLowerCase()) ? 'pass' : 'fail', parameter: param.name, value: p.value, group: name };
    if (last.status === 'fail') return last;
  }
  return last!;
}
