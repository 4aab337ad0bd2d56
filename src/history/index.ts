/**
 * The history store (issue 15): records runs in SQLite or PostgreSQL and reads them back for `vigil history`,
 * `vigil diff`, baselines, trends and merged fleet runs. It reads the engine's results and the model; it never
 * imports the CLI, collectors, reporters or rule packs.
 */
export { type HistoryContextOptions, historyContextFor, newAtOrAbove, runDelta } from './context.js';
export { type RunMeta, type RunRecord, checkRunId, newRunId, runRecord } from './record.js';
export { SCHEMA_VERSION, MIGRATIONS, migrate, schemaVersion } from './schema.js';
export { HistoryStore, type RecordOutcome, type Retention, type RunSummary, trendPoint } from './store.js';
export { DEFAULT_SQLITE_PATH, type StoreSpec, parseStoreUrl, scrubMessage, scrubUrl } from './url.js';
