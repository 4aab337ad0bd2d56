import { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CoverageEntry, Resource } from '../../model/types.js';
import { classifyError } from '../errors.js';
import type { ProgressListener } from '../types.js';

export interface AwsCollectOptions {
  /** Limit collection to these regions (default: every region enabled for the account). */
  regions?: string[];
  /** Override the endpoint of every client (moto, LocalStack, VPC endpoints). */
  endpointUrl?: string;
  /** Named profile from the shared config files (default: the standard credential chain). */
  profile?: string;
  /** Service collectors to run, by `service` name (default: all). */
  services?: string[];
  /** Total attempts per call, adaptive retry (default 6). */
  maxAttempts?: number;
  /** Concurrent (region × service) collections (default 8). */
  concurrency?: number;
  /** Concurrent per-resource calls (e.g. S3 bucket settings) across the run (default 16). */
  perResourceConcurrency?: number;
  /** Socket connect and request timeouts in ms (default 5000 / 30000). */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
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
  /** Shared limit for per-resource calls (no batch API exists), so they run concurrently but capped. */
  perResource: LimitFunction;
}

export interface CoverageStep {
  service: string;
  region: string;
  operation: string;
  resourceTypes: string[];
  resourceId?: string;
}

/** A collector for one AWS service. One file per service in this folder. */
export interface AwsServiceCollector {
  service: string;
  /** `regional` runs once per region; `global` once per account (region `global`). */
  scope: 'regional' | 'global';
  /** Resource types this collector writes (a crash becomes a coverage gap over all of them). */
  resourceTypes: string[];
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
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? 30000,
    }),
  };
  if (options.profile) cfg.profile = options.profile;
  if (options.endpointUrl) {
    cfg.endpoint = options.endpointUrl;
    // With an endpoint override, host prefixes ({AccountId}.host) would resolve to names that do not exist.
    cfg.disableHostPrefix = true;
    cfg.forcePathStyle = true;
  }
  return cfg;
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
        c = new ctor(clientConfig(region, options));
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
        const c = classifyError(err);
        coverage.push({ provider: 'aws', account, ...step, status: c.status, errorCode: c.code, message: c.message });
        return undefined;
      }
    },
    record(entry) {
      coverage.push({ provider: 'aws', account, ...entry });
    },
    perResource: pLimit(options.perResourceConcurrency ?? 16),
  };
  return { ctx, coverage, apiCalls, destroy: () => clients.forEach((c) => c.destroy()) };
}

/** `EC2Client` → `ec2`, `CloudTrailClient` → `cloudtrail`. */
function serviceOf(ctorName: string): string {
  return ctorName.replace(/Client$/, '').toLowerCase();
}
