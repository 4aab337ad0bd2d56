import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { InputError } from '../util/errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './types.js';

// ajv-formats ships CJS with a default export; under ESM interop it arrives as a namespace.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;

/** JSON Schema of the snapshot envelope. Per-type `data` shapes are owned by their collectors. */
export const snapshotSchema = {
  $id: 'https://vigil.dev/schema/snapshot-v1.json',
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
              type: { type: 'string', pattern: '^[a-z0-9]+(\\.[a-z0-9-]+)+$' },
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
          resourceTypes: { type: 'array', items: str },
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

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv);
const validateSnapshot = ajv.compile(snapshotSchema);

/** `/resources/3/ref/id` → `$.resources[3].ref.id` */
export function jsonPath(instancePath: string): string {
  if (!instancePath) return '$';
  return '$' + instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
}

/** One readable sentence for an ajv error. */
export function describeAjvError(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `missing required property "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
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
  const [, lead, snippet, trail] = m;
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
  if (value && typeof value === 'object' && 'schemaVersion' in value && (value as { schemaVersion: unknown }).schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    throw new InputError(
      `snapshot schema version ${JSON.stringify((value as { schemaVersion: unknown }).schemaVersion)} is not supported (this Vigil reads version ${SNAPSHOT_SCHEMA_VERSION})`,
      file,
      '$.schemaVersion',
      'collect a new snapshot with this version of Vigil',
    );
  }
  if (!validateSnapshot(value)) {
    const e = validateSnapshot.errors![0];
    throw new InputError(describeAjvError(e), file, jsonPath(e.instancePath), 'fix the value at that path, or collect the snapshot again with `vigil collect`');
  }
  return value as unknown as Snapshot;
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
