/**
 * A small Cloud Asset API v1 REST server on 127.0.0.1 for tests, the demo and benchmarks: the real
 * `@google-cloud/asset` client talks to it with `fallback: 'rest'` over HTTP (see live.ts).
 *
 * It serves `GET /v1/{parent}/assets` (listAssets) and `GET /v1/{scope}:searchAllIamPolicies` with
 * real paging (`nextPageToken`), the enum forms the client sends (`contentType=1` or `RESOURCE`),
 * and Google-style error bodies for injected faults: 403 PERMISSION_DENIED per asset type and
 * 429 RESOURCE_EXHAUSTED a given number of times on a given page. It serves the configured data for
 * any scope (and records the scope asked for): it is a transport fake, not an IAM emulator.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

/** A throttle fault: `target` (an asset type or `searchAllIamPolicies`) answers 429 `times` times on `page`. */
export interface ThrottleFault {
  target: string;
  /** 1-based page that is throttled (default 1). */
  page?: number;
  /** How many consecutive 429s before it succeeds (Infinity: never). */
  times: number;
}

export interface GcpAssetServerOptions {
  /** Assets as the REST API returns them (camelCase; `resource.data` plain JSON). Snake_case export lines are converted. */
  assets?: unknown[];
  /** `IamPolicySearchResult` objects. */
  iamPolicies?: unknown[];
  /** Largest page the server returns (default 2, so small fixtures still span several pages). */
  maxPageSize?: number;
  /** Asset types answered with 403 PERMISSION_DENIED. */
  deniedAssetTypes?: string[];
  throttle?: ThrottleFault[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** The Authorization header, if any was sent (never expected with an endpoint override). */
  authorization?: string;
}

export interface GcpAssetServer {
  /** `127.0.0.1:PORT`, the form `--gcp-endpoint` takes. */
  endpoint: string;
  port: number;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

const SNAKE_TOP: Record<string, string> = {
  asset_type: 'assetType',
  iam_policy: 'iamPolicy',
  update_time: 'updateTime',
  org_policy: 'orgPolicy',
  access_policy: 'accessPolicy',
  os_inventory: 'osInventory',
  related_assets: 'relatedAssets',
};
const SNAKE_RESOURCE: Record<string, string> = { discovery_document_uri: 'discoveryDocumentUri', discovery_name: 'discoveryName', resource_url: 'resourceUrl' };

/** A `gcloud asset export` line (snake_case) → the REST API's camelCase Asset. `resource.data` is left as is. */
export function toRestAsset(line: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(line)) {
    if (k === 'resource' && v && typeof v === 'object') {
      const r: Record<string, unknown> = {};
      for (const [rk, rv] of Object.entries(v as Record<string, unknown>)) r[SNAKE_RESOURCE[rk] ?? rk] = rv;
      out.resource = r;
    } else out[SNAKE_TOP[k] ?? k] = v;
  }
  return out;
}

function sendError(res: ServerResponse, code: number, status: string, message: string, reason: string): void {
  res.statusCode = code;
  res.setHeader('content-type', 'application/json; charset=UTF-8');
  res.end(
    JSON.stringify({
      error: {
        code,
        message,
        status,
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason,
            domain: 'cloudasset.googleapis.com',
            metadata: { service: 'cloudasset.googleapis.com' },
          },
        ],
      },
    }),
  );
}

function token(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ k: key, o: offset })).toString('base64url');
}

function readToken(t: string, key: string): number | undefined {
  try {
    const v = JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { k: string; o: number };
    return v.k === key && Number.isInteger(v.o) && v.o >= 0 ? v.o : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the fake on a free 127.0.0.1 port. */
export async function startGcpAssetServer(options: GcpAssetServerOptions = {}): Promise<GcpAssetServer> {
  const assets = (options.assets ?? []).map((a) => toRestAsset(a as Record<string, unknown>));
  const policies = options.iamPolicies ?? [];
  const maxPage = options.maxPageSize ?? 2;
  const denied = new Set(options.deniedAssetTypes ?? []);
  const throttleLeft = new Map<string, number>((options.throttle ?? []).map((t) => [`${t.target}#${t.page ?? 1}`, t.times]));
  const requests: RecordedRequest[] = [];

  const page = <T>(res: ServerResponse, key: string, all: T[], q: URLSearchParams, field: string, extra: Record<string, unknown> = {}) => {
    const pt = q.get('pageToken');
    const offset = pt ? readToken(pt, key) : 0;
    if (offset === undefined) return sendError(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: page_token', 'BAD_REQUEST');
    const asked = Number(q.get('pageSize') ?? 0);
    const size = asked > 0 ? Math.min(asked, maxPage) : maxPage;
    const pageNo = Math.floor(offset / size) + 1;
    const tKey = `${key.split('|')[0]}#${pageNo}`;
    const left = throttleLeft.get(tKey);
    if (left !== undefined && left > 0) {
      throttleLeft.set(tKey, left - 1);
      return sendError(
        res,
        429,
        'RESOURCE_EXHAUSTED',
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'cloudasset.googleapis.com'.",
        'RATE_LIMIT_EXCEEDED',
      );
    }
    const slice = all.slice(offset, offset + size);
    const body: Record<string, unknown> = { ...extra, [field]: slice };
    if (offset + size < all.length) body.nextPageToken = token(key, offset + size);
    res.setHeader('content-type', 'application/json; charset=UTF-8');
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    const query: Record<string, string[]> = {};
    for (const k of new Set(q.keys())) query[k] = q.getAll(k);
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? '', path, query, ...(req.headers.authorization ? { authorization: String(req.headers.authorization) } : {}) });
    if (req.method !== 'GET') return sendError(res, 405, 'UNIMPLEMENTED', 'Method not supported by the fake', 'UNIMPLEMENTED');

    const search = /^\/v1\/((?:organizations|folders|projects)\/[^/]+):searchAllIamPolicies$/.exec(path);
    if (search) return page(res, `searchAllIamPolicies|${search[1]}`, policies, q, 'results');

    const list = /^\/v1\/((?:organizations|folders|projects)\/[^/]+)\/assets$/.exec(path);
    if (list) {
      const types = q.getAll('assetTypes');
      const ct = q.get('contentType') ?? '0';
      const content = ct === '1' || ct === 'RESOURCE' ? 'resource' : ct === '2' || ct === 'IAM_POLICY' ? 'iamPolicy' : 'name';
      for (const t of types) {
        if (denied.has(t))
          return sendError(res, 403, 'PERMISSION_DENIED', `The caller does not have permission to list ${t} in ${list[1]}`, 'IAM_PERMISSION_DENIED');
      }
      const matching = assets
        .filter((a) => types.length === 0 || types.includes(a.assetType as string))
        .filter((a) => (content === 'resource' ? a.resource !== undefined : content === 'iamPolicy' ? a.iamPolicy !== undefined : true))
        .map((a) => {
          const { resource, iamPolicy, ...rest } = a;
          return content === 'resource' ? { ...rest, resource } : content === 'iamPolicy' ? { ...rest, iamPolicy } : rest;
        });
      const key = `${types.join(',') || '*'}|${list[1]}|${content}`;
      return page(res, key, matching, q, 'assets', { readTime: new Date().toISOString() });
    }
    return sendError(res, 404, 'NOT_FOUND', `No route for ${path}`, 'NOT_FOUND');
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      sendError(res, 500, 'INTERNAL', (err as Error).message, 'INTERNAL');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    endpoint: `127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
