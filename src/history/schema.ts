/**
 * The history store's schema, as numbered migrations applied in order, automatically, when a store is opened
 * (in one locked transaction: two jobs opening an old store at once migrate it once). A store written by a newer
 * Vigil (a version above {@link SCHEMA_VERSION}) is refused rather than misread.
 */
import { InputError } from '../util/errors.js';
import type { Driver } from './driver.js';

export interface Migration {
  version: number;
  description: string;
  sql(d: Driver): string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, findings, framework scores, control statuses, coverage gaps',
    sql: () => `
CREATE TABLE vigil_runs (
  run_id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  command TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  scopes_json TEXT NOT NULL,
  rules_json TEXT NOT NULL,
  resource_count INTEGER NOT NULL,
  findings_total INTEGER NOT NULL,
  pass_count INTEGER NOT NULL,
  fail_count INTEGER NOT NULL,
  unknown_count INTEGER NOT NULL,
  not_applicable_count INTEGER NOT NULL,
  suppressed_count INTEGER NOT NULL,
  open_critical INTEGER NOT NULL,
  open_high INTEGER NOT NULL,
  open_medium INTEGER NOT NULL,
  open_low INTEGER NOT NULL,
  open_info INTEGER NOT NULL,
  gap_count INTEGER NOT NULL
);
CREATE INDEX vigil_runs_started ON vigil_runs (started_at, recorded_at);
CREATE TABLE vigil_findings (
  run_id TEXT NOT NULL,
  finding_id TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  title TEXT NOT NULL,
  message_id TEXT NOT NULL,
  message TEXT NOT NULL,
  provider TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  resource_arn TEXT,
  resource_name TEXT,
  suppressed INTEGER NOT NULL,
  PRIMARY KEY (run_id, finding_id)
);
CREATE TABLE vigil_framework_scores (
  run_id TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  title TEXT NOT NULL,
  version TEXT NOT NULL,
  score DOUBLE PRECISION,
  PRIMARY KEY (run_id, framework_id)
);
CREATE TABLE vigil_controls (
  run_id TEXT NOT NULL,
  framework_id TEXT NOT NULL,
  control_id TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (run_id, framework_id, control_id)
);
CREATE TABLE vigil_coverage_gaps (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  provider TEXT NOT NULL,
  account TEXT NOT NULL,
  region TEXT NOT NULL,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  resource_types_json TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT,
  resource_id TEXT,
  message TEXT,
  PRIMARY KEY (run_id, seq)
);`,
  },
  {
    version: 2,
    description: 'sharded fleet runs: shard snapshots, and the shards a merged run was made of',
    sql: (d) => `
ALTER TABLE vigil_runs ADD COLUMN shard_count INTEGER;
ALTER TABLE vigil_runs ADD COLUMN shards_missing_json TEXT;
CREATE TABLE vigil_run_shards (
  run_id TEXT NOT NULL,
  shard_index INTEGER NOT NULL,
  shard_count INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  snapshot_gz ${d.blobType} NOT NULL,
  PRIMARY KEY (run_id, shard_index)
);`,
  },
];

/** The schema version this Vigil writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

const MIGRATIONS_TABLE =
  'CREATE TABLE IF NOT EXISTS vigil_schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)';

/** The store's schema version (0: empty). */
export async function schemaVersion(d: Driver): Promise<number> {
  const rows = await d.all<{ v: number | string | null }>('SELECT MAX(version) AS v FROM vigil_schema_migrations');
  return Number(rows[0]?.v ?? 0);
}

/** Brings the store to {@link SCHEMA_VERSION}; returns the versions applied. Call inside a write transaction. */
export async function migrate(d: Driver, label: string, upTo = SCHEMA_VERSION): Promise<number[]> {
  await d.run(MIGRATIONS_TABLE);
  const current = await schemaVersion(d);
  if (current > SCHEMA_VERSION)
    throw new InputError(
      `the history store has schema version ${current}; this Vigil reads up to version ${SCHEMA_VERSION}`,
      label,
      '--store',
      'upgrade Vigil (a newer version wrote this store), or point --store at another store',
    );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    await d.run(m.sql(d).trim());
    await d.run('INSERT INTO vigil_schema_migrations (version, applied_at, description) VALUES (?, ?, ?)', [
      m.version,
      new Date().toISOString(),
      m.description,
    ]);
    applied.push(m.version);
  }
  return applied;
}
