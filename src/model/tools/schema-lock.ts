import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { RESOURCE_TYPES, type ResourceType } from '../registry.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../types.js';

export const SCHEMA_FILE = 'src/model/generated/resource-data.schema.json';
export const LOCK_FILE = 'src/model/generated/schema-lock.json';

type JsonSchema = { definitions?: Record<string, unknown>; properties?: Record<string, unknown>; [k: string]: unknown };

export interface SchemaLock {
  snapshotSchemaVersion: number;
  types: Record<string, { version: number; hash: string }>;
}

/** The JSON Schema of `ResourceDataMap`: one property per type, named interfaces under `definitions`. */
export function generateDataSchema(root: string): JsonSchema {
  const gen = createGenerator({
    path: join(root, 'src/model/registry.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: 'ResourceDataMap',
    expose: 'export',
    topRef: false,
    jsDoc: 'basic',
    additionalProperties: false,
    skipTypeCheck: true,
    sortProps: true,
  });
  const schema = gen.createSchema('ResourceDataMap') as JsonSchema;
  schema.$id = 'https://vigil.dev/schema/resource-data.json';
  return schema;
}

/** Every definition a schema reaches through `$ref`, transitively, sorted by name. */
function reachable(node: unknown, defs: Record<string, unknown>, seen = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => reachable(n, defs, seen));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) {
        const name = decodeURIComponent(v.slice('#/definitions/'.length));
        if (!seen.has(name)) {
          seen.add(name);
          reachable(defs[name], defs, seen);
        }
      } else reachable(v, defs, seen);
    }
  }
  return seen;
}

/** A type's schema hash: its own schema plus every definition it reaches (descriptions included: they are the docs). */
export function typeHash(schema: JsonSchema, type: string): string {
  const defs = schema.definitions ?? {};
  const own = schema.properties?.[type];
  const names = [...reachable(own, defs)].sort();
  return createHash('sha256')
    .update(JSON.stringify([own, names.map((n) => [n, defs[n]])]))
    .digest('hex')
    .slice(0, 16);
}

export function lockFor(schema: JsonSchema): SchemaLock {
  const types: SchemaLock['types'] = {};
  for (const t of Object.keys(RESOURCE_TYPES).sort()) types[t] = { version: RESOURCE_TYPES[t as ResourceType].version, hash: typeHash(schema, t) };
  return { snapshotSchemaVersion: SNAPSHOT_SCHEMA_VERSION, types };
}

export function readCommitted(root: string): { lock?: SchemaLock; schema?: JsonSchema } {
  const read = (f: string) => (existsSync(join(root, f)) ? JSON.parse(readFileSync(join(root, f), 'utf8')) : undefined);
  return { lock: read(LOCK_FILE), schema: read(SCHEMA_FILE) };
}

/**
 * Differences between the schema as generated now and the committed lock. Lines starting with `bump` are
 * changes that need a version bump first; the others only need `npm run schema`.
 */
export function checkLock(schema: JsonSchema, lock: SchemaLock | undefined): string[] {
  if (!lock) return [`${LOCK_FILE} is missing: run \`npm run schema\``];
  const now = lockFor(schema);
  const out: string[] = [];
  let changed = false;
  for (const [t, cur] of Object.entries(now.types)) {
    const old = lock.types[t];
    if (!old) {
      out.push(`new type ${t}: run \`npm run schema\``);
      continue;
    }
    if (old.hash !== cur.hash) {
      changed = true;
      if (cur.version <= old.version) out.push(`bump the version of ${t} in its model file (its data schema changed; it is ${cur.version})`);
      else out.push(`type ${t} changed and was bumped: run \`npm run schema\``);
    } else if (old.version !== cur.version) out.push(`type ${t} has version ${cur.version} but the lock says ${old.version}: run \`npm run schema\``);
  }
  for (const t of Object.keys(lock.types))
    if (!now.types[t]) {
      changed = true;
      out.push(`type ${t} was removed: bump SNAPSHOT_SCHEMA_VERSION and run \`npm run schema\``);
    }
  if (changed && now.snapshotSchemaVersion <= lock.snapshotSchemaVersion)
    out.push(`bump SNAPSHOT_SCHEMA_VERSION in src/model/types.ts (a type's data schema changed; it is ${now.snapshotSchemaVersion})`);
  else if (now.snapshotSchemaVersion !== lock.snapshotSchemaVersion)
    out.push(`SNAPSHOT_SCHEMA_VERSION is ${now.snapshotSchemaVersion} but the lock says ${lock.snapshotSchemaVersion}: run \`npm run schema\``);
  return out;
}
