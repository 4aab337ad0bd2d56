/**
 * `npm run schema`: generates the per-type JSON Schema of resource data from `ResourceDataMap`
 * (src/model/registry.ts) into src/model/generated/resource-data.schema.json, and the lock file that ties
 * each type's schema hash to its version (src/model/generated/schema-lock.json).
 *
 * It refuses to write a lock whose schema changed for a type without a version bump of that type and of
 * `SNAPSHOT_SCHEMA_VERSION` (added types need no bump: an older snapshot simply has no coverage for them,
 * which evaluates to `unknown`). `--check` only compares and exits 1 on a difference (used by the tests).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkLock, generateDataSchema, lockFor, readCommitted, LOCK_FILE, SCHEMA_FILE } from './schema-lock.js';

const check = process.argv.includes('--check');
const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = generateDataSchema(root);
const { lock: committedLock, schema: committedSchema } = readCommitted(root);
const problems = checkLock(schema, committedLock);
if (check) {
  const stale = JSON.stringify(committedSchema) !== JSON.stringify(schema);
  if (stale) problems.unshift('src/model/generated/resource-data.schema.json is out of date: run `npm run schema`');
  for (const p of problems) console.error(p);
  process.exit(problems.length ? 1 : 0);
}
const blocking = problems.filter((p) => p.startsWith('bump'));
if (blocking.length) {
  for (const p of blocking) console.error(p);
  process.exit(1);
}
writeFileSync(new URL(SCHEMA_FILE, `file://${root}`), JSON.stringify(schema, null, 2) + '\n');
writeFileSync(new URL(LOCK_FILE, `file://${root}`), JSON.stringify(lockFor(schema), null, 2) + '\n');
console.log(`wrote ${SCHEMA_FILE} and ${LOCK_FILE}`);
