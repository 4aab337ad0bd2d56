/**
 * Live GCP collection through the Cloud Asset API v1 (`@google-cloud/asset`), with Application
 * Default Credentials: `searchAllIamPolicies` for every IAM policy in scope and `listAssets`
 * (content type RESOURCE) per asset type. Every page is read one at a time (no auto-pagination),
 * so each page gets its own bounded exponential backoff on RESOURCE_EXHAUSTED / UNAVAILABLE.
 * PERMISSION_DENIED on one asset type is recorded in coverage and the other types are still read.
 *
 * With an endpoint override (`host:port`, tests and demos), the same client talks REST over plain
 * HTTP to that endpoint and sends no credentials (PassThroughClient).
 */
import type assetPkg from '@google-cloud/asset';
import pLimit from 'p-limit';
import { GCP_ASSET_TYPES, GCP_IAM_POLICY } from '../../model/gcp.js';
import { InputError } from '../../util/errors.js';
import { type ClassifiedError, classifyError, redact } from '../errors.js';
import { redactingGoogleAuth } from './auth.js';
import type { ProgressListener } from '../types.js';
import type { GcpInventory } from './inventory.js';
import { NormalizeError, PROJECT_ASSET_TYPE, VIGIL_TYPE_BY_ASSET_TYPE } from './normalize.js';
import type { InputType } from '../../model/registry.js';

type AssetServiceClient = InstanceType<typeof assetPkg.v1.AssetServiceClient>;

/** Asset types listed live: every type Vigil models, plus projects (to map project numbers to ids). */
export const LIVE_ASSET_TYPES: readonly string[] = [...Object.values(GCP_ASSET_TYPES), PROJECT_ASSET_TYPE];

export interface GcpRetryOptions {
  /** Retries per page after RESOURCE_EXHAUSTED / UNAVAILABLE / DEADLINE_EXCEEDED (default 5). */
  maxRetries?: number;
  /** First backoff in ms (default 1000); doubles each retry, with jitter. */
  initialDelayMs?: number;
  /** Cap of one backoff in ms (default 32000). */
  maxDelayMs?: number;
}

export interface GcpLiveOptions {
  /** `organizations/N`, `folders/N` or `projects/ID`. */
  scope: string;
  /** `host:port` of another Cloud Asset endpoint: REST over HTTP, no credentials. */
  endpoint?: string;
  /** Page size for listAssets (max 1000) and searchAllIamPolicies (max 500). Default: the maximum. */
  pageSize?: number;
  retry?: GcpRetryOptions;
  /** Asset types listed concurrently (default 3). */
  concurrency?: number;
  /** Per-request timeout in ms (default 60000). */
  timeoutMs?: number;
  onProgress?: ProgressListener;
  /** Injected in tests to make backoff instant and observable. */
  sleep?: (ms: number) => Promise<void>;
}

/** Validates `--gcp-scope` and returns the account its coverage entries use. */
export function parseScope(scope: string): { scope: string; account: string } {
  const s = scope.trim();
  // Project ids: lower-case letters, digits and hyphens (legacy domain-scoped ids add `example.com:`);
  // kept permissive on length so the API, not Vigil, says whether the project exists.
  const m = /^(organizations\/\d+|folders\/\d+|projects\/([a-z0-9](?:[a-z0-9.:-]{0,98}[a-z0-9])?))$/.exec(s);
  if (!m) {
    throw new InputError(
      `invalid GCP scope ${JSON.stringify(scope)}`,
      undefined,
      '--gcp-scope',
      'use organizations/NUMBER, folders/NUMBER or projects/PROJECT_ID',
    );
  }
  return { scope: s, account: m[2] ?? s };
}

/** `host:port` or `[v6]:port` → parts. */
export function parseEndpoint(endpoint: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:/\s]+)):(\d{1,5})$/.exec(endpoint.trim());
  const port = m ? Number(m[3]) : NaN;
  const host = m?.[1] ?? m?.[2];
  if (!m || host === undefined || port < 1 || port > 65535) {
    throw new InputError(`invalid endpoint ${JSON.stringify(endpoint)}`, undefined, '--gcp-endpoint', 'use HOST:PORT, e.g. 127.0.0.1:8085');
  }
  return { host, port };
}

/**
 * The real client: ADC and the default transport, or REST over HTTP to an override without credentials. The
 * client libraries (gRPC, protobufs) are imported here, when a live GCP collection starts, not with the CLI.
 */
export async function createAssetClient(endpoint?: string): Promise<AssetServiceClient> {
  const { default: asset } = await import('@google-cloud/asset');
  // ADC, with every token it mints registered with the run's redactor (./auth.ts). google-gax pins its own
  // copy of google-auth-library (same major): the types differ by a private field, the interface does not.
  if (!endpoint) return new asset.v1.AssetServiceClient({ auth: (await redactingGoogleAuth()) as never });
  const { host, port } = parseEndpoint(endpoint);
  const gal = await import('google-auth-library');
  // A CommonJS package: its exports are named under Node's loader, and under `default` through some loaders.
  const auth = gal.PassThroughClient ? gal : gal.default;
  return new asset.v1.AssetServiceClient({
    apiEndpoint: host,
    port,
    protocol: 'http',
    fallback: 'rest',
    // Sends no Authorization header: nothing real ever goes to an override endpoint.
    authClient: new auth.PassThroughClient() as never,
  });
}

const GRPC_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  11: 'OUT_OF_RANGE',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  15: 'DATA_LOSS',
  16: 'UNAUTHENTICATED',
};
const HTTP_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The `{error:{code,message,status}}` body of a Google REST error, wherever the client put it. */
function googleErrorBody(e: Record<string, any>): { status?: string; message?: string } | undefined {
  const candidates = [e.response?.data, e.error, e.message];
  for (const c of candidates) {
    let v = c;
    if (typeof v === 'string' && v.trimStart().startsWith('{')) {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    }
    if (v && typeof v === 'object' && v.error && typeof v.error === 'object') return { status: v.error.status, message: v.error.message };
  }
  return undefined;
}

/**
 * Classifies errors of both transports: gRPC `GoogleError` (numeric gRPC `code`) and REST-fallback
 * `GaxiosError` (HTTP status in `code`/`status`, Google error JSON as body).
 */
export function classifyGcpError(err: unknown): ClassifiedError {
  const e = (err ?? {}) as Record<string, any>;
  const body = googleErrorBody(e);
  const httpStatus: number | undefined =
    e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined) ?? (typeof e.code === 'number' && e.code >= 100 ? e.code : undefined);
  let code: string | undefined = body?.status;
  if (!code && typeof e.code === 'number' && e.code < 100) code = GRPC_NAMES[e.code];
  if (!code && httpStatus !== undefined) code = HTTP_NAMES[httpStatus] ?? `HTTP_${httpStatus}`;
  if (!code && typeof e.code === 'string') code = e.code;
  const message = body?.message ?? (typeof e.details === 'string' && e.details ? e.details : undefined) ?? String(e.message ?? err);
  return classifyError({ code: code ?? e.name ?? 'Error', message: redact(message) });
}

const RETRYABLE = new Set(['RESOURCE_EXHAUSTED', 'UNAVAILABLE', 'DEADLINE_EXCEEDED']);

/** Runs `fn`, retrying quota / availability errors with bounded, jittered exponential backoff. */
export async function withBackoff<T>(fn: () => Promise<T>, retry: GcpRetryOptions, sleep: (ms: number) => Promise<void>): Promise<T> {
  const maxRetries = retry.maxRetries ?? 5;
  const initial = retry.initialDelayMs ?? 1000;
  const cap = retry.maxDelayMs ?? 32000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= maxRetries || !RETRYABLE.has(classifyGcpError(err).code)) throw err;
      const base = Math.min(cap, initial * 2 ** attempt);
      await sleep(Math.round(base / 2 + (Math.random() * base) / 2));
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Page<T> = [T[], unknown, { nextPageToken?: string | null } | null | undefined];

/** Reads every page of a paged method, one request at a time, each with backoff. */
async function eachPage<T>(
  call: (pageToken: string | undefined) => Promise<Page<T>>,
  onItems: (items: T[]) => void,
  onCall: () => void,
  retry: GcpRetryOptions,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    onCall();
    const [items, , raw] = await withBackoff(() => call(token), retry, sleep);
    onItems(items ?? []);
    token = raw?.nextPageToken || undefined;
    if (token !== undefined) {
      if (seen.has(token))
        throw Object.assign(new Error(`the API returned page token ${JSON.stringify(token.slice(0, 40))} twice`), { code: 'PaginationLoop' });
      seen.add(token);
    }
  } while (token !== undefined);
}

/** One asset of a page; an item that is not an Asset at all becomes a coverage gap, the page goes on. */
function addLiveAsset(inventory: GcpInventory, a: unknown, assetType: string, account: string): void {
  try {
    inventory.addAsset(a, `ListAssets ${assetType}`, `ListAssets:${assetType}`);
  } catch (err) {
    if (!(err instanceof NormalizeError)) throw err;
    const message = `ListAssets ${assetType}: unreadable item: ${err.message}`;
    inventory.warnings.push(message);
    const type = VIGIL_TYPE_BY_ASSET_TYPE[assetType];
    inventory.addCoverage({
      provider: 'gcp',
      account,
      region: 'global',
      service: 'cloudasset',
      operation: `ListAssets:${assetType}`,
      resourceTypes: type ? [type] : [],
      status: 'error',
      errorCode: 'InvalidApiResponse',
      message,
    });
  }
}

/**
 * Collects IAM policies and resources of `options.scope` into `inventory`, recording one coverage
 * entry per step. Returns API call counts (`cloudasset:ListAssets` per page).
 */
export async function collectLive(options: GcpLiveOptions, inventory: GcpInventory, client?: AssetServiceClient): Promise<Record<string, number>> {
  const { scope, account } = parseScope(options.scope);
  const own = client === undefined;
  const c = client ?? (await createAssetClient(options.endpoint));
  const apiCalls: Record<string, number> = {};
  const retry = options.retry ?? {};
  const sleep = options.sleep ?? defaultSleep;
  // Our own per-page backoff replaces gax's (whose default gives up only after 10 minutes).
  const callOptions = { autoPaginate: false, timeout: options.timeoutMs ?? 60000, retry: { retryCodes: [] as number[] } };
  const count = (op: string) => () => (apiCalls[`cloudasset:${op}`] = (apiCalls[`cloudasset:${op}`] ?? 0) + 1);

  const step = async (operation: string, resourceTypes: InputType[], run: () => Promise<void>) => {
    const progressStep = `cloudasset ${operation}`;
    options.onProgress?.({ provider: 'gcp', step: progressStep, state: 'start' });
    try {
      await run();
      inventory.addCoverage({ provider: 'gcp', account, region: 'global', service: 'cloudasset', operation, resourceTypes, status: 'ok' });
      options.onProgress?.({ provider: 'gcp', step: progressStep, state: 'done' });
    } catch (err) {
      const k = err instanceof NormalizeError ? { status: 'error' as const, code: 'InvalidApiResponse', message: err.message } : classifyGcpError(err);
      inventory.addCoverage({
        provider: 'gcp',
        account,
        region: 'global',
        service: 'cloudasset',
        operation,
        resourceTypes,
        status: k.status,
        errorCode: k.code,
        message: k.message,
      });
      options.onProgress?.({ provider: 'gcp', step: progressStep, state: 'failed' });
    }
  };

  try {
    const limit = pLimit(options.concurrency ?? 3);
    const tasks: Promise<void>[] = [
      limit(() =>
        step('SearchAllIamPolicies', [GCP_IAM_POLICY], () =>
          eachPage(
            (pageToken) =>
              c.searchAllIamPolicies({ scope, pageSize: Math.min(options.pageSize ?? 500, 500), pageToken }, callOptions) as Promise<Page<unknown>>,
            (items) => items.forEach((r) => inventory.addSearchResult(r)),
            count('SearchAllIamPolicies'),
            retry,
            sleep,
          ),
        ),
      ),
      ...LIVE_ASSET_TYPES.map((assetType) =>
        limit(() =>
          step(`ListAssets:${assetType}`, VIGIL_TYPE_BY_ASSET_TYPE[assetType] ? [VIGIL_TYPE_BY_ASSET_TYPE[assetType]] : [], () =>
            eachPage(
              (pageToken) =>
                c.listAssets(
                  { parent: scope, assetTypes: [assetType], contentType: 'RESOURCE', pageSize: Math.min(options.pageSize ?? 1000, 1000), pageToken },
                  callOptions,
                ) as Promise<Page<unknown>>,
              (items) => items.forEach((a) => addLiveAsset(inventory, a, assetType, account)),
              count('ListAssets'),
              retry,
              sleep,
            ),
          ),
        ),
      ),
    ];
    await Promise.all(tasks);
  } finally {
    if (own) await c.close().catch(() => undefined);
  }
  return apiCalls;
}
