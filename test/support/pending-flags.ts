/**
 * Flags that deploy files use and another branch of issue 15 registers: the history store (`--store`,
 * `--baseline`, `--keep-runs`, `--keep-days`, `--fail-on-new`, branch issue-15-store). Tests of deploy files
 * accept them as known until that branch is merged; after it, the CLI knows them and this list changes nothing
 * (a flag the CLI knows is never looked up here).
 */
export const PENDING_STORE_FLAGS: ReadonlySet<string> = new Set(['--store', '--baseline', '--keep-runs', '--keep-days', '--fail-on-new']);
