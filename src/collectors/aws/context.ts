import { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CoverageEntry, Resource } from '../../model/types.js';
import { type ClassifiedError, classifyError } from '../errors.js';
import type { ProgressListener } from '../types.js';
import type { InputType } from '../../model/registry.js';
import { registerAwsCredentials, runSecrets } from '../../model/redaction.js';

/** Temporary credentials, as the SDK's credential providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The SDK calls the provider again before this time. */
  expiration?: Date;
}

/** What the SDK accepts as `credentials`: called whenever the client needs (fresh) credentials. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export interface AwsCollectOptions {
  /** Limit collection to these regions (default: every region enabled for the account). */
  regions?: string[];
  /** Override the endpoint of every client (moto, LocalStack, VPC endpoints). */
  endpointUrl?: string;
  /** Named profile from the shared config files (default: the standard credential chain). */
  profile?: string;
  /**
   * Credentials for every client instead of the standard chain (a fleet scan: the role assumed in one member
   * account, refreshed before it expires). Kept in memory only.
   */
  credentials?: AwsCredentialsProvider;
  /** Service collectors to run, by `service` name (default: all). */
  services?: string[];
  /** Total attempts per call, adaptive retry (default 6). */
  maxAttempts?: number;
  /** Concurrent (region × service) collections (default 8). */
  concurrency?: number;
  /** A limit shared with other accounts' collections (a fleet scan's global cap), on top of `concurrency`. */
  sharedLimit?: LimitFunction;
  /** Concurrent per-resource calls (e.g. S3 bucket settings) across the run (default 16). */
  perResourceConcurrency?: number;
  /**
   * Per-attempt bounds in ms: connecting (default 5000), the socket idle between two packets (default 20000)
   * and the whole request and response (default 30000). A breach fails the attempt (`TimeoutError`), which
   * the adaptive retry strategy retries; once the attempts are spent the call is a `timeout` coverage gap.
   */
  connectTimeoutMs?: number;
  socketTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Bound on the whole AWS collection in ms (`--timeout`). When it is reached every call still in flight is
   * aborted and recorded as a `timeout` gap (`CollectionTimeout`), and the snapshot is built from the rest.
   */
  timeoutMs?: number;
  /** Aborts every call made through {@link createClient} (set by `collectAws` from `timeoutMs`). */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** Anything that looks like an AWS SDK v3 client constructor. */
export type ClientCtor<C> = new (config: any) => C;

/** Everything a service collector needs: clients, coverage recording and concurrency limits. */
export interface AwsContext {
  account: string;
  partition: string;
  options: AwsCollectOptions;
  /** A client for a region, created once and reused (API calls are counted on it). */
  client<C extends { middlewareStack: any; destroy(): void }>(ctor: ClientCtor<C>, region: string): C;
  /**
   * Runs one collection step and records its coverage. Returns `undefined` when it failed
   * (the failure is recorded; dependent rules become `unknown`).
   */
  attempt<T>(step: CoverageStep, fn: () => Promise<T>): Promise<T | undefined>;
  /** Records a coverage entry directly (e.g. `not_applicable`). */
  record(entry: Omit<CoverageEntry, 'provider' | 'account'>): void;
  /** Whether a step of `service` in `region` has failed so far (then an empty follow-up list is not a complete read). */
  failedIn(service: string, region: string): boolean;
  /** Shared limit for per-resource calls (no batch API exists), so they run concurrently but capped. */
  perResource: LimitFunction;
}

export interface CoverageStep {
  service: string;
  region: string;
  operation: string;
  resourceTypes: InputType[];
  resourceId?: string;
}

/** A collector for one AWS service. One file per service in this folder. */
export interface AwsServiceCollector {
  service: string;
  /** `regional` runs once per region; `global` once per account (region `global`). */
  scope: 'regional' | 'global';
  /** Resource types this collector writes (a crash becomes a coverage gap over all of them). */
  resourceTypes: InputType[];
  collect(ctx: AwsContext, region: string): Promise<Resource[]>;
}

export interface AwsRunState {
  ctx: AwsContext;
  coverage: CoverageEntry[];
  apiCalls: Record<string, number>;
  destroy(): void;
}

/** Client settings shared by every AWS client: endpoint override, adaptive retries, timeouts. */
export function clientConfig(region: string, options: AwsCollectOptions): Record<string, unknown> {
  const cfg: Record<string, unknown> = {
    region,
    maxAttempts: options.maxAttempts ?? 6,
    retryMode: 'adaptive',
    // `requestTimeout` alone only logs a warning in @smithy/node-http-handler 4.x: `throwOnRequestTimeout`
    // makes it fail the attempt, and `socketTimeout` bounds a connection that accepts and then goes silent.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectTimeoutMs ?? 5000,
      socketTimeout: options.socketTimeoutMs ?? 20000,
      requestTimeout: options.requestTimeoutMs ?? 30000,
      throwOnRequestTimeout: true,
    }),
  };
  if (options.credentials) cfg.credentials = options.credentials;
  else if (options.profile) cfg.profile = options.profile;
  if (options.endpointUrl) {
    cfg.endpoint = options.endpointUrl;
    // With an endpoint override, host prefixes ({AccountId}.host) would resolve to names that do not exist.
    cfg.disableHostPrefix = true;
    cfg.forcePathStyle = true;
  }
  return cfg;
}

/**
 * Builds an SDK client with {@link clientConfig}; `extra` adds client settings (tests: fixed emulator
 * credentials). With an endpoint override the client's endpoint rules are pinned to it
 * ({@link pinEndpointHost}), so clients whose rules add host labels work against emulators and proxies.
 */
export function createClient<C>(ctor: ClientCtor<C>, region: string, options: AwsCollectOptions, extra: Record<string, unknown> = {}): C {
  const client = new ctor({ ...clientConfig(region, options), ...extra });
  if (options.endpointUrl) pinEndpointHost(client as { config: unknown }, options.endpointUrl);
  if (options.signal) withAbortSignal(client as { send: SendFn }, options.signal);
  captureCredentials(client as { middlewareStack: any; config: unknown });
  return client;
}

type CredentialIdentity = { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string };

/**
 * Registers the credential values each request is actually signed with (src/model/redaction.ts), whatever
 * provider resolved them (environment, profile, SSO, instance role, a fleet audit's assumed role, renewed
 * sessions included): an endpoint that echoes the session token or key id in an error, or a message quoting
 * them, then never carries them into the snapshot, the reports or the terminal. A deserialize-step middleware
 * runs after signing, before the response is read: the key id and token come from the signed request, the
 * secret key from the client's (memoized) credential provider when the key id is new.
 */
export function captureCredentials(client: { middlewareStack: any; config: unknown }): void {
  const config = client.config as { credentials?: unknown };
  let lastKeyId: string | undefined;
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
      const headers = (args as { request?: { headers?: Record<string, string | undefined> } }).request?.headers ?? {};
      let token: string | undefined;
      let keyId: string | undefined;
      for (const [k, v] of Object.entries(headers)) {
        const name = k.toLowerCase();
        if (name === 'x-amz-security-token') token = v;
        else if (name === 'authorization') keyId = /Credential=([^/,\s]+)\//.exec(v ?? '')?.[1];
      }
      runSecrets.register(token, keyId);
      if (keyId !== lastKeyId && typeof config.credentials === 'function') {
        lastKeyId = keyId;
        const identity = await Promise.resolve((config.credentials as () => Promise<CredentialIdentity>)()).catch(() => undefined);
        registerAwsCredentials(identity);
      }
      return next(args);
    },
    { step: 'deserialize', name: 'vigilCredentialCapture' },
  );
}

type SendFn = (command: unknown, options?: unknown, cb?: unknown) => Promise<unknown>;

/**
 * Every `send` (paginators call it too) carries the collection's abort signal, so the whole-collection
 * `--timeout` ends the calls in flight and fails the later ones at once instead of waiting on them.
 */
function withAbortSignal(client: { send: SendFn }, signal: AbortSignal): void {
  const send = client.send.bind(client);
  client.send = (command, opts) => send(command, { abortSignal: signal, ...((opts as object | undefined) ?? {}) });
}

/** The coverage classification of a call that failed because the whole-collection `--timeout` was reached. */
export function collectionTimeout(options: AwsCollectOptions): ClassifiedError {
  return {
    status: 'timeout',
    code: 'CollectionTimeout',
    message: `the collection time limit (--timeout ${Math.round((options.timeoutMs ?? 0) / 1000)} s) was reached before this call finished`,
  };
}

type EndpointProvider = (params: Record<string, unknown>, context?: unknown) => { url: URL; [k: string]: unknown };

/** A host name that can never resolve (RFC 2606 `.invalid`); it never reaches the network, see below. */
const PLACEHOLDER_HOST = 'endpoint-override.invalid';

/**
 * Some services' endpoint rules put a label in front of the host (S3 Control: `{AccountId}.`), and
 * `disableHostPrefix` does not reach endpoint rules. Against `http://127.0.0.1:PORT` the rules then build
 * `123456789012.127.0.0.1`, which is not even a valid URL, or with a host name one that a DNS lookup would
 * send off the machine. So the rules are run on a placeholder host and every resolved URL is put back on
 * the override's scheme, host and port, keeping the rest of the rules' result (its path, e.g. an S3
 * path-style bucket, and its signing properties). The account id still travels in `x-amz-account-id`.
 */
export function pinEndpointHost(client: { config: unknown }, endpointUrl: string): void {
  const config = client.config as { endpointProvider?: EndpointProvider };
  const rules = config.endpointProvider;
  if (typeof rules !== 'function') return;
  const target = new URL(endpointUrl);
  config.endpointProvider = (params, context) => {
    let p = params;
    if (typeof params.Endpoint === 'string') {
      const placeholder = new URL(params.Endpoint);
      placeholder.hostname = PLACEHOLDER_HOST;
      p = { ...params, Endpoint: placeholder.href };
    }
    const resolved = rules(p, context);
    const url = new URL(resolved.url.href);
    url.protocol = target.protocol;
    url.host = target.host;
    return { ...resolved, url };
  };
}

/** Node system error codes that mean the endpoint could not be reached (refused, reset, no route, no such host). */
const UNREACHABLE_CODE = /\b(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE)\b/;

/**
 * {@link classifyError} for AWS SDK errors, with two SDK habits undone first:
 * - the SDK names a reset connection (`ECONNRESET`, "socket hang up") `TimeoutError` so that its retry
 *   strategy retries it; once the retries are spent it means the endpoint dropped every connection:
 *   `unreachable`, not `timeout`;
 * - its retry middleware replaces a thrown value that is not an `Error` of this realm (a test runner's VM
 *   context, a handler throwing a string) by `AWS SDK error wrapper for <name>: <message>`, dropping the
 *   `code`: the name and the system error code are read back from that text.
 */
export function classifyAwsError(err: unknown): ClassifiedError {
  const e = err as { name?: unknown; code?: unknown; message?: unknown; $metadata?: unknown } | null | undefined;
  const message = String(e?.message ?? err);
  const wrapped = /^AWS SDK error wrapper for (\w+): ([\s\S]*)$/.exec(message);
  const text = wrapped?.[2] ?? '';
  const code = typeof e?.code === 'string' ? e.code : (UNREACHABLE_CODE.exec(text)?.[1] ?? (/socket hang up/i.test(text) ? 'ECONNRESET' : undefined));
  if (code && UNREACHABLE_CODE.test(code)) return classifyError({ name: code, code, message: wrapped?.[2] ?? message, $metadata: e?.$metadata });
  if (wrapped) return classifyError({ name: wrapped[1], code: wrapped[1], message: wrapped[2], $metadata: e?.$metadata });
  const unparseable = unparseableResponse(err);
  if (unparseable) return unparseable;
  return classifyError(err);
}

/**
 * The SDK could not parse the answer (an HTML error page, a proxy's login form, an emulator without the call):
 * named for what it is, with the HTTP status, instead of the parser's `SyntaxError`.
 */
function unparseableResponse(err: unknown): ClassifiedError | undefined {
  const e = err as { name?: unknown; message?: unknown; $response?: { statusCode?: unknown; headers?: Record<string, unknown> } } | null | undefined;
  if (e?.name !== 'SyntaxError' && !/Deserialization error/.test(String(e?.message ?? ''))) return undefined;
  const status = typeof e?.$response?.statusCode === 'number' ? e.$response.statusCode : undefined;
  const type = e?.$response?.headers?.['content-type'];
  const what = typeof type === 'string' && type ? ` (${type.split(';')[0]})` : '';
  const notFound = status === 404 ? '; the endpoint does not implement this call' : '';
  return {
    status: 'error',
    code: 'UnparseableResponse',
    message: `the endpoint answered${status ? ` HTTP ${status}` : ''} with a body that is not an AWS API response${what}${notFound}`,
  };
}

/** Adds a middleware that counts logical API calls (not retries) per `service:Operation`. */
export function countCalls(client: { middlewareStack: any }, service: string, counts: Record<string, number>): void {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const op = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const key = `${service}:${op}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'vigilCallCounter' },
  );
}

export function createAwsContext(account: string, partition: string, options: AwsCollectOptions): AwsRunState {
  const coverage: CoverageEntry[] = [];
  const apiCalls: Record<string, number> = {};
  const clients = new Map<string, { destroy(): void }>();
  const ctx: AwsContext = {
    account,
    partition,
    options,
    client(ctor, region) {
      const key = `${ctor.name}|${region}`;
      let c = clients.get(key) as ReturnType<typeof ctx.client> | undefined;
      if (!c) {
        c = createClient(ctor, region, options);
        countCalls(c, serviceOf(ctor.name), apiCalls);
        clients.set(key, c);
      }
      return c as never;
    },
    async attempt(step, fn) {
      try {
        const value = await fn();
        coverage.push({ provider: 'aws', account, ...step, status: 'ok' });
        return value;
      } catch (err) {
        const c = options.signal?.aborted ? collectionTimeout(options) : classifyAwsError(err);
        coverage.push({ provider: 'aws', account, ...step, status: c.status, errorCode: c.code, message: c.message });
        return undefined;
      }
    },
    record(entry) {
      coverage.push({ provider: 'aws', account, ...entry });
    },
    failedIn(service, region) {
      return coverage.some(
        (c) => c.service === service && c.region === region && c.status !== 'ok' && c.status !== 'not_applicable' && c.resourceId === undefined,
      );
    },
    perResource: pLimit(options.perResourceConcurrency ?? 16),
  };
  return { ctx, coverage, apiCalls, destroy: () => clients.forEach((c) => c.destroy()) };
}

/** `EC2Client` → `ec2`, `CloudTrailClient` → `cloudtrail`. */
function serviceOf(ctorName: string): string {
  return ctorName.replace(/Client$/, '').toLowerCase();
}
