import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { InputError } from '../util/errors.js';
import { editDistance } from '../util/text.js';
import dataSchema from './generated/resource-data.schema.json' with { type: 'json' };
import { INPUT_TYPES, RESOURCE_TYPES, type ResourceType } from './registry.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';

// ajv-formats ships CJS with a default export; under ESM interop it arrives as a namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;

const resourceTypeNames = Object.keys(RESOURCE_TYPES).sort();
const inputTypeNames = [...resourceTypeNames, ...Object.keys(INPUT_TYPES)].sort();

/**
 * JSON Schema of the snapshot envelope. Each resource's `data` is then validated against its type's schema
 * (generated from the registry into `generated/resource-data.schema.json`).
 */
export const snapshotSchema = {
  $id: `https://vigil.dev/schema/snapshot-v${SNAPSHOT_SCHEMA_VERSION}.json`,
  type: 'object',
  required: ['schemaVersion', 'tool', 'startedAt', 'finishedAt', 'scopes', 'resources', 'coverage'],
  properties: {
    schemaVersion: { const: SNAPSHOT_SCHEMA_VERSION },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: str, version: str } },
    startedAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    scopes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['provider', 'account', 'regions'],
        properties: {
          provider: { enum: ['aws', 'gcp', 'tls'] },
          account: nonEmpty,
          regions: { type: 'array', items: str },
          detail: { type: 'object' },
        },
      },
    },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ref', 'data'],
        properties: {
          ref: {
            type: 'object',
            required: ['provider', 'account', 'region', 'type', 'id'],
            properties: {
              provider: { enum: ['aws', 'gcp', 'tls'] },
              account: nonEmpty,
              region: nonEmpty,
              type: { enum: resourceTypeNames },
              id: nonEmpty,
              arn: str,
              name: str,
              tags: { type: 'object', additionalProperties: str },
            },
          },
          data: { type: 'object' },
        },
      },
    },
    coverage: {
      type: 'array',
      items: {
        type: 'object',
        required: ['provider', 'account', 'region', 'service', 'operation', 'resourceTypes', 'status'],
        properties: {
          provider: { enum: ['aws', 'gcp', 'tls'] },
          account: nonEmpty,
          region: nonEmpty,
          service: nonEmpty,
          operation: nonEmpty,
          resourceTypes: { type: 'array', items: { enum: inputTypeNames } },
          status: { enum: ['ok', 'denied', 'throttled', 'timeout', 'unreachable', 'error', 'not_applicable'] },
          errorCode: str,
          message: str,
          resourceId: str,
        },
      },
    },
    stats: { type: 'object' },
  },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
addFormats(ajv);
const validateSnapshot = ajv.compile(snapshotSchema);
ajv.addSchema(dataSchema);

type Validator = ReturnType<typeof ajv.compile>;
const dataValidators = new Map<string, Validator>();

/** The validator of one type's `data`, compiled on first use (most snapshots hold a few dozen types). */
function dataValidator(type: ResourceType): Validator {
  let v = dataValidators.get(type);
  if (!v) {
    v = ajv.compile({ $ref: `${dataSchema.$id}#/properties/${type}` });
    dataValidators.set(type, v);
  }
  return v;
}

/**
 * Migrations from older snapshot schema versions, each to the next one. Version 1 → 2 is the identity: version
 * 2 added types (route tables, …) and per-type validation; an older snapshot has no coverage for the added types,
 * so the rules that need them evaluate to `unknown`, and its data is validated like any other.
 */
const MIGRATIONS: Record<number, (s: Record<string, unknown>) => Record<string, unknown>> = {
  1: (s) => ({ ...s, schemaVersion: 2 }),
  // 3 adds optional fields (a multi-region trail's CloudWatch Logs group): absent in older snapshots, read as unknown.
  2: (s) => ({ ...s, schemaVersion: 3 }),
};

/** `/resources/3/ref/id` → `$.resources[3].ref.id` */
export function jsonPath(instancePath: string): string {
  if (!instancePath) return '$';
  return (
    '$' +
    instancePath
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}

/** The first error of a failed ajv validation (ajv always sets `errors` when a validation returns false). */
export function firstAjvError(errors: readonly ErrorObject[] | null | undefined): ErrorObject {
  const e = errors?.[0];
  if (!e) throw new Error('internal error: a validation failed without reporting an error');
  return e;
}

/** One readable sentence for an ajv error. */
export function describeAjvError(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      if (allowed.length <= 8) return `must be one of ${JSON.stringify(allowed)}`;
      // Long lists (resource types): name the bad value and the nearest allowed one instead of listing all.
      const got = String(e.data);
      const near = allowed.map(String).sort((a, b) => editDistance(got, a) - editDistance(got, b))[0];
      return `${JSON.stringify(e.data)} is not one of the ${allowed.length} allowed values${near !== undefined && editDistance(got, near) <= 3 ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
    }
    case 'const':
      return `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    case 'additionalProperties':
      return `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * Line and column of a JSON.parse error. V8 gives "at position N" for most errors; for an unexpected token
 * it gives a snippet instead: `..."context"...`, cut 10 characters either side of the error.
 */
export function jsonErrorPlace(text: string, err: Error): string | undefined {
  const pos = jsonErrorPosition(text, err.message);
  if (pos === undefined) return undefined;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line}, column ${col}`;
}

function jsonErrorPosition(text: string, message: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const m = /Unexpected token [\s\S]*?, (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!m) return undefined;
  const [, lead, snippet = '', trail] = m;
  if (lead) {
    const start = text.indexOf(snippet);
    return start < 0 ? undefined : start + 10;
  }
  if (trail) return snippet.length - 10;
  return undefined; // the whole (short) text was quoted: no position to recover
}

/** Parses and validates a snapshot. Throws {@link InputError} naming the file and JSON path. */
export function parseSnapshot(text: string, file = '<snapshot>'): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${(err as Error).message})`, file, jsonErrorPlace(text, err as Error), 'pass a snapshot written by `vigil collect`');
  }
  return validateSnapshotValue(value, file);
}

/** Deepest nesting of arrays and objects a snapshot may have: collectors write far less; deeper is a hand-made (or hostile) file. */
export const MAX_NESTING = 64;

/**
 * Refuses JSON nested deeper than {@link MAX_NESTING}, naming the path: every later step (validation,
 * evaluation, the reports' `JSON.stringify`) recurses and would die with a RangeError instead. Iterative, so
 * the check itself cannot overflow the stack.
 */
export function checkNesting(value: unknown, file: string, max = MAX_NESTING): void {
  interface Frame {
    value: unknown;
    depth: number;
    key: string | number;
    parent?: Frame;
  }
  const stack: Frame[] = [{ value, depth: 0, key: '$' }];
  for (let f = stack.pop(); f; f = stack.pop()) {
    const v = f.value;
    if (!v || typeof v !== 'object') continue;
    if (f.depth >= max) {
      const path: Array<string | number> = [];
      for (let p: Frame | undefined = f; p; p = p.parent) path.unshift(p.key);
      const [root, ...rest] = path;
      const shown = `${root}${rest.map((k) => (typeof k === 'number' ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`)).join('')}`;
      throw new InputError(
        `nested more than ${max} levels deep`,
        file,
        shown.length > 300 ? `${shown.slice(0, 300)}…` : shown,
        'a snapshot written by `vigil collect` is never nested this deep: collect it again, or remove the nested value',
      );
    }
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ value: v[i], depth: f.depth + 1, key: i, parent: f });
    else for (const k of Object.keys(v)) stack.push({ value: (v as Record<string, unknown>)[k], depth: f.depth + 1, key: k, parent: f });
  }
}

/** Resources that share an identity would share finding ids and make suppressions and diffs ambiguous. */
function checkDuplicates(snapshot: Snapshot, file: string): void {
  const seen = new Map<string, number>();
  snapshot.resources.forEach((r, i) => {
    const { provider, account, region, type, id, arn } = r.ref;
    // The identity finding ids are keyed on (src/engine/finding-id.ts): the ARN when there is one.
    const key = arn ? `${provider}|${account}|${type}|${arn}` : `${provider}|${account}|${region}|${type}|${id}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    throw new InputError(
      `duplicate resource: ${type} ${JSON.stringify(id)} in ${account}/${region} is also $.resources[${first}]`,
      file,
      `$.resources[${i}]`,
      'a snapshot holds each resource once: collect it again with `vigil collect`, or remove the duplicate (merged snapshots: `vigil report` merges shards)',
    );
  });
}

/** Migrates an older snapshot version, then validates the envelope and every resource's data against its type. */
export function validateSnapshotValue(input: unknown, file = '<snapshot>'): Snapshot {
  checkNesting(input, file);
  let value = input;
  if (value && typeof value === 'object' && 'schemaVersion' in value) {
    let version = (value as { schemaVersion: unknown }).schemaVersion;
    while (typeof version === 'number' && version < SNAPSHOT_SCHEMA_VERSION && MIGRATIONS[version]) {
      value = MIGRATIONS[version]!(value as Record<string, unknown>);
      version = (value as { schemaVersion: unknown }).schemaVersion;
    }
    if (version !== SNAPSHOT_SCHEMA_VERSION) {
      const newer = typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION;
      throw new InputError(
        `snapshot schema version ${JSON.stringify(version)} is not supported (this Vigil reads versions 1 to ${SNAPSHOT_SCHEMA_VERSION})`,
        file,
        '$.schemaVersion',
        newer ? 'evaluate it with the newer Vigil that wrote it, or upgrade this one' : 'collect a new snapshot with this version of Vigil (`vigil collect`)',
      );
    }
  }
  if (!validateSnapshot(value)) {
    const e = firstAjvError(validateSnapshot.errors);
    const typeError = /\/ref\/type$|\/resourceTypes\/\d+$/.test(e.instancePath);
    throw new InputError(
      describeAjvError(e),
      file,
      jsonPath(e.instancePath),
      typeError
        ? '`vigil types` lists the resource types this version of Vigil knows; collect the snapshot again with `vigil collect`'
        : 'fix the value at that path, or collect the snapshot again with `vigil collect`',
    );
  }
  const snapshot = value as unknown as Snapshot;
  snapshot.resources.forEach((r, i) => {
    const validate = dataValidator(r.ref.type);
    if (validate(r.data)) return;
    const e = firstAjvError(validate.errors);
    const where = `${jsonPath(`/resources/${i}/data${e.instancePath}`)} (${r.ref.type} ${JSON.stringify(r.ref.id)} in ${r.ref.account}/${r.ref.region})`;
    throw new InputError(
      `resource data does not match its type (schema version ${RESOURCE_TYPES[r.ref.type].version} of ${r.ref.type}): ${describeAjvError(e)}`,
      file,
      where,
      'collect the snapshot again with `vigil collect`; a hand-edited snapshot must keep every resource in the shape of its type (`vigil types` lists them)',
    );
  });
  checkDuplicates(snapshot, file);
  return snapshot;
}

export async function loadSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, file, undefined, 'check the path');
  }
  return parseSnapshot(text, file);
}
