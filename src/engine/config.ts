import { lazy } from '../util/lazy.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describeAjvError, firstAjvError, jsonPath, plainAjv } from '../model/schema.js';
import { InputError } from '../util/errors.js';
import { parseYaml } from '../util/yaml.js';
import { endOfDate, unknownSuppressionRules } from './suppressions.js';
import { SEVERITIES, type Rule, type Severity, type Suppression } from './types.js';

/** `vigil.config.yaml`: scopes, tunables, suppressions and outputs. Every key is optional. */
export interface VigilConfig {
  aws?: {
    regions?: string[];
    endpointUrl?: string;
    profile?: string;
    services?: string[];
    concurrency?: number;
    maxAttempts?: number;
    /** Whole-collection bound (`--timeout`), and per-attempt connect / socket idle / request bounds. */
    timeoutSeconds?: number;
    connectTimeoutMs?: number;
    socketTimeoutMs?: number;
    requestTimeoutMs?: number;
  };
  gcp?: { scope?: string; exports?: string[]; endpoint?: string };
  tls?: { targets?: string[]; targetsFile?: string; caFile?: string; connectTimeoutMs?: number; handshakeTimeoutMs?: number; concurrency?: number };
  /** Per rule: `enabled: false`, a severity override, and tunables validated by the rule's own schema. */
  rules?: Record<string, { enabled?: boolean; severity?: Severity; options?: Record<string, unknown> }>;
  /** Directories of user rule modules (same `defineRule` API). */
  rulesDirs?: string[];
  frameworks?: string[];
  frameworkFiles?: string[];
  suppressions?: Suppression[];
  output?: { dir?: string; formats?: string[]; failOn?: Severity | 'none' };
}

export const DEFAULT_CONFIG_FILE = 'vigil.config.yaml';

const strList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    aws: {
      type: 'object',
      additionalProperties: false,
      properties: {
        regions: strList,
        endpointUrl: { type: 'string', pattern: '^https?://' },
        profile: { type: 'string' },
        services: strList,
        concurrency: { type: 'integer', minimum: 1, maximum: 64 },
        maxAttempts: { type: 'integer', minimum: 1, maximum: 20 },
        timeoutSeconds: { type: 'integer', minimum: 1 },
        connectTimeoutMs: { type: 'integer', minimum: 100 },
        socketTimeoutMs: { type: 'integer', minimum: 100 },
        requestTimeoutMs: { type: 'integer', minimum: 100 },
      },
    },
    gcp: {
      type: 'object',
      additionalProperties: false,
      properties: { scope: { type: 'string', pattern: '^(organizations|folders|projects)/[^/]+$' }, exports: strList, endpoint: { type: 'string' } },
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        targets: strList,
        targetsFile: { type: 'string' },
        caFile: { type: 'string' },
        connectTimeoutMs: { type: 'integer', minimum: 100 },
        handshakeTimeoutMs: { type: 'integer', minimum: 100 },
        concurrency: { type: 'integer', minimum: 1, maximum: 256 },
      },
    },
    rules: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { enabled: { type: 'boolean' }, severity: { enum: [...SEVERITIES] }, options: { type: 'object' } },
      },
    },
    rulesDirs: strList,
    frameworks: strList,
    frameworkFiles: strList,
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'resource', 'justification'],
        properties: {
          rule: { type: 'string', minLength: 1 },
          resource: { type: 'string', minLength: 1 },
          match: { enum: ['id', 'name'] },
          account: { type: 'string', minLength: 1 },
          region: { type: 'string', minLength: 1 },
          justification: { type: 'string', minLength: 3 },
          expires: { type: 'string' },
        },
      },
    },
    output: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dir: { type: 'string' },
        formats: { type: 'array', items: { enum: ['sarif', 'html', 'json', 'csv', 'ocsf', 'asff'] } },
        failOn: { enum: [...SEVERITIES, 'none'] },
      },
    },
  },
} as const;

const ajv = lazy(plainAjv);
const configValidator = lazy(() => ajv().compile(configSchema));
/** Where each parsed config's values are in its file, for error messages. */
const places = new WeakMap<VigilConfig, (instancePath: string) => string | undefined>();
const FIX = `see the "Configuration" section of README.md`;

/** Parses and validates a config file's text. */
export function parseConfig(text: string, file: string): VigilConfig {
  const parsed = parseYaml(text, file, FIX);
  const value = parsed.value ?? {};
  const validateConfig = configValidator();
  if (!validateConfig(value)) {
    const e = firstAjvError(validateConfig.errors);
    const place = [jsonPath(e.instancePath), parsed.placeOf(e.instancePath)].filter(Boolean).join(' (') + (parsed.placeOf(e.instancePath) ? ')' : '');
    throw new InputError(describeAjvError(e), file, place, FIX);
  }
  const cfg = value as VigilConfig;
  for (const [i, s] of (cfg.suppressions ?? []).entries()) {
    // YAML reads an unquoted 2027-06-30 as a date already; a string must be a real calendar date.
    if (s.expires !== undefined && endOfDate(s.expires) === undefined) {
      const p = `/suppressions/${i}/expires`;
      throw new InputError(
        `"${s.expires}" is not a date`,
        file,
        `${jsonPath(p)} (${parsed.placeOf(p)})`,
        'use a real calendar date, YYYY-MM-DD (the suppression applies through that day, UTC)',
      );
    }
  }
  places.set(cfg, parsed.placeOf);
  return cfg;
}

/** Loads the config file: an explicit path must exist; the default `vigil.config.yaml` is optional. */
export async function loadConfig(file?: string): Promise<{ config: VigilConfig; file?: string }> {
  const path = file ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (!path) return { config: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, path, undefined, 'check the --config path');
  }
  return { config: parseConfig(text, path), file: path };
}

/** Suppressions whose `rule` names no known rule are an input error, as unknown ids under `rules:` are. */
export function checkSuppressionRules(config: VigilConfig, rules: Rule[], file = DEFAULT_CONFIG_FILE): void {
  const placeOf = places.get(config);
  for (const i of unknownSuppressionRules(
    config.suppressions ?? [],
    rules.map((r) => r.id),
  )) {
    const p = `/suppressions/${i}/rule`;
    throw new InputError(
      `unknown rule "${config.suppressions?.[i]?.rule}" in a suppression`,
      file,
      `${jsonPath(p)}${placeOf?.(p) ? ` (${placeOf(p)})` : ''}`,
      'run `vigil rules` for the list of rule ids',
    );
  }
}

/**
 * Validates each configured rule's tunables against the rule's own schema and returns them by rule id.
 * Unknown rule ids in the config are an error (a typo would otherwise silently keep the default).
 */
export function ruleOptionsFromConfig(config: VigilConfig, rules: Rule[], file = DEFAULT_CONFIG_FILE): Record<string, Record<string, unknown>> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const placeOf = places.get(config);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    const rule = byId.get(id);
    const base = `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!rule) {
      throw new InputError(
        `unknown rule "${id}"`,
        file,
        `${jsonPath(base)}${placeOf?.(base) ? ` (${placeOf(base)})` : ''}`,
        'run `vigil rules` for the list of rule ids',
      );
    }
    if (!entry.options) continue;
    const schema = rule.optionsSchema ?? { type: 'object', additionalProperties: false, properties: {} };
    const validate = ajv().compile(schema);
    if (!validate(entry.options)) {
      const e = firstAjvError(validate.errors);
      const p = `${base}/options${e.instancePath}`;
      throw new InputError(
        `${describeAjvError(e)} (tunables of ${id})`,
        file,
        `${jsonPath(p)}${placeOf?.(p) ? ` (${placeOf(p)})` : ''}`,
        `see \`vigil rules show ${id}\` for its tunables`,
      );
    }
    out[id] = entry.options;
  }
  return out;
}
