/**
 * A loopback HTTP proxy in front of moto that injects the faults moto cannot produce: each protocol's
 * native throttling error (query/XML `Throttling`, EC2 `RequestLimitExceeded`, JSON `ThrottlingException`,
 * S3 `SlowDown` 503), server errors (500/503) in each protocol's shape, AccessDenied for chosen operations
 * (moto enforces no IAM), dropped connections, slow answers, regions whose endpoint cannot be reached (the
 * connection is cut before any answer, as when a regional endpoint is down or blocked), and calls that are
 * accepted and never answered. Everything else is forwarded unchanged,
 * so the real AWS SDK, its retry strategy and the collectors run exactly as against AWS.
 *
 * It can also answer a call moto lacks with an AWS-shaped response (`respond`), so the collector's real
 * SDK call and normalizer run on it.
 *
 * Requests are told apart by their SigV4 credential scope (`…/<region>/<service>/aws4_request`) and
 * their operation (query `Action=`, JSON `X-Amz-Target`, or `METHOD /path` for S3).
 */
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  service: string;
  region: string;
  /** `DescribeSecurityGroups`, `TrentService.ListKeys`, `GET /bucket` … */
  operation: string;
}

export interface FaultProxyOptions {
  /** Where to forward: the moto endpoint. */
  target: string;
  /**
   * Answer this request with the service's throttling error instead of forwarding it. `nth` counts the
   * requests of the same (service, region, operation) so far, this one included (1 = first attempt).
   */
  throttle?: (req: ProxiedRequest, nth: number) => boolean;
  /** Regions whose requests get their connection cut without an answer. */
  unreachableRegions?: string[];
  /** Requests that are read and then never answered (a hung endpoint: the connection stays open, silent). */
  silent?: (req: ProxiedRequest) => boolean;
  /**
   * Answer this request with AccessDenied instead of forwarding it, in the service's protocol (awsQuery and REST-XML
   * such as ELB, IAM, RDS, STS, CloudFront: an XML `ErrorResponse`; JSON protocols such as ACM, KMS: a JSON
   * `AccessDeniedException`; REST-JSON such as API Gateway: a 403 with `x-amzn-errortype`). `body` is the request
   * body, so one resource's call can be denied (e.g. ACM DescribeCertificate of one certificate ARN).
   */
  deny?: (req: ProxiedRequest & { body: string }) => boolean;
  /**
   * A fault for this request, decided per request (`nth` as for `throttle`; `undefined`: none):
   * - `throttle`: the protocol's native throttling answer (as `throttle` above);
   * - `5xx`: a 500 (JSON: `InternalFailure`, XML: `InternalError`) or 503 `ServiceUnavailable`, in the protocol's shape;
   * - `drop`: the connection is cut once the request is read, with no answer;
   * - `slow`: forwarded, the answer held back `slowMs` first;
   * - `silent`: read and never answered;
   * - `deny`: the protocol's AccessDenied.
   */
  fault?: (req: ProxiedRequest, nth: number) => Fault | undefined;
  /** Delay of a `slow` answer (default 300 ms). */
  slowMs?: number;
  /**
   * Decides each STS `AssumeRole` as AWS would from the target role's trust (moto grants any AssumeRole,
   * even of a role that does not exist): a string is the reason to answer `AccessDenied` as STS does;
   * `undefined` forwards the call to moto.
   */
  assumeRole?: (call: { roleArn: string; externalId?: string }) => Promise<string | undefined>;
  /**
   * Answer a request moto does not implement with an AWS-shaped response (`undefined`: forward it).
   * `path` is the request path with its query string; `headers` the request's (its SigV4 scope tells moto
   * which service and region a follow-up request is for); `body` the request body as text (a query-protocol
   * call's parameters).
   */
  respond?: (req: ProxiedRequest & { path: string; headers: Record<string, string>; body: string }) => Promise<ProxyAnswer | undefined>;
}

/** What {@link FaultProxyOptions.fault} can inject. */
export type Fault = 'throttle' | '5xx' | 'drop' | 'slow' | 'silent' | 'deny';

/** A response the proxy sends itself. */
export interface ProxyAnswer {
  status: number;
  type: string;
  body: string;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request seen, in order, with what the proxy did with it. */
  log: Array<ProxiedRequest & { outcome: 'forwarded' | 'throttled' | 'denied' | 'cut' | 'silent' | 'answered' | 'failed' | 'dropped' | 'slow' }>;
  stop(): Promise<void>;
}

/** The protocol-native throttling answer: status, content type and body, by service. */
function throttleAnswer(service: string): ProxyAnswer {
  switch (service) {
    case 'ec2':
      return {
        status: 503,
        type: 'text/xml',
        body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>',
      };
    case 's3':
      return {
        status: 503,
        type: 'application/xml',
        body: '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>',
      };
    case 'kms':
    case 'cloudtrail':
      return { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) };
    default: // awsQuery: iam, sts, rds
      return {
        status: 400,
        type: 'text/xml',
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>',
      };
  }
}

/** Services on the REST-JSON protocol, whose errors are typed by the `x-amzn-errortype` header. */
const REST_JSON = new Set(['apigateway', 'lambda', 'efs']);

/** AccessDenied as the service's protocol states it. */
function deniedAnswer(info: ProxiedRequest, json: boolean): ProxyAnswer & { headers?: Record<string, string> } {
  const message = `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ${info.operation}`;
  if (json) return { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AccessDeniedException', message }) };
  if (REST_JSON.has(info.service))
    return { status: 403, type: 'application/json', body: JSON.stringify({ message }), headers: { 'x-amzn-errortype': 'AccessDeniedException' } };
  return {
    status: 403,
    type: 'text/xml',
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
  };
}

/** The wire protocol of a request: JSON (`X-Amz-Target`), REST-XML (S3) or query/XML (EC2, IAM, STS, RDS, ELB…). */
function protocolOf(service: string, headers: IncomingMessage['headers']): 'json' | 's3' | 'query' {
  if (service === 's3') return 's3';
  return typeof headers['x-amz-target'] === 'string' ? 'json' : 'query';
}

/** A server-side failure in the protocol's own shape (retryable by the SDK). */
function serverErrorAnswer(protocol: 'json' | 's3' | 'query', service: string, nth: number): ProxyAnswer {
  const unavailable = nth % 2 === 0;
  if (protocol === 'json') {
    return unavailable
      ? { status: 503, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'ServiceUnavailableException', message: 'Service unavailable' }) }
      : { status: 500, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'InternalFailure', message: 'Internal failure' }) };
  }
  const code = unavailable ? 'ServiceUnavailable' : 'InternalError';
  const status = unavailable ? 503 : 500;
  if (protocol === 's3')
    return { status, type: 'application/xml', body: `<Error><Code>${code}</Code><Message>${code}</Message><RequestId>fault-proxy</RequestId></Error>` };
  if (service === 'ec2')
    return {
      status,
      type: 'text/xml',
      body: `<Response><Errors><Error><Code>${code}</Code><Message>${code}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`,
    };
  return {
    status,
    type: 'text/xml',
    body: `<ErrorResponse><Error><Type>Receiver</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
  };
}

/** AccessDenied in the protocol's own shape. */
function denyAnswer(protocol: 'json' | 's3' | 'query', service: string, operation: string): ProxyAnswer {
  const message = `User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: ${operation}`;
  if (protocol === 'json') return { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AccessDeniedException', message }) };
  if (protocol === 's3')
    return {
      status: 403,
      type: 'application/xml',
      body: `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>fault-proxy</RequestId></Error>`,
    };
  if (service === 'ec2')
    return {
      status: 403,
      type: 'text/xml',
      body: `<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`,
    };
  return {
    status: 403,
    type: 'text/xml',
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
  };
}

function describe(req: IncomingMessage, body: Buffer): ProxiedRequest {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
  const region = scope?.[1] ?? 'unknown';
  const service = scope?.[2] ?? 'unknown';
  const target = req.headers['x-amz-target'];
  const action = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body.toString('utf8'))?.[1];
  const operation = typeof target === 'string' ? target : (action ?? `${req.method} ${(req.url ?? '/').split('?')[0]}`);
  return { service, region, operation };
}

/** Starts the proxy on a free 127.0.0.1 port. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const counts = new Map<string, number>();
  const log: FaultProxy['log'] = [];
  const cut = new Set(options.unreachableRegions ?? []);

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const info = describe(req, body);
    const key = `${info.service}|${info.region}|${info.operation}`;
    const nth = (counts.get(key) ?? 0) + 1;
    counts.set(key, nth);
    if (cut.has(info.region)) {
      log.push({ ...info, outcome: 'cut' });
      req.socket.destroy();
      return;
    }
    const fault = options.fault?.(info, nth);
    let delay = 0;
    if (fault) {
      const protocol = protocolOf(info.service, req.headers);
      const send = (a: ProxyAnswer, outcome: FaultProxy['log'][number]['outcome']) => {
        log.push({ ...info, outcome });
        res.writeHead(a.status, { 'content-type': a.type, 'content-length': Buffer.byteLength(a.body) });
        res.end(a.body);
      };
      switch (fault) {
        case 'throttle':
          return send(
            protocol === 'json'
              ? { status: 400, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) }
              : throttleAnswer(info.service),
            'throttled',
          );
        case '5xx':
          return send(serverErrorAnswer(protocol, info.service, nth), 'failed');
        case 'deny':
          return send(denyAnswer(protocol, info.service, info.operation), 'denied');
        case 'drop':
          log.push({ ...info, outcome: 'dropped' });
          req.socket.destroy();
          return;
        case 'silent':
          log.push({ ...info, outcome: 'silent' });
          return;
        case 'slow':
          delay = options.slowMs ?? 300;
          break;
      }
    }
    if (options.silent?.(info)) {
      log.push({ ...info, outcome: 'silent' });
      return;
    }
    if (options.throttle?.(info, nth)) {
      log.push({ ...info, outcome: 'throttled' });
      const a = throttleAnswer(info.service);
      res.writeHead(a.status, { 'content-type': a.type, 'content-length': Buffer.byteLength(a.body) });
      res.end(a.body);
      return;
    }
    if (options.deny?.({ ...info, body: body.toString('utf8') })) {
      log.push({ ...info, outcome: 'denied' });
      const a = deniedAnswer(info, typeof req.headers['x-amz-target'] === 'string');
      res.writeHead(a.status, { 'content-type': a.type, 'content-length': Buffer.byteLength(a.body), ...(a.headers ?? {}) });
      res.end(a.body);
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const answer = await options.respond?.({ ...info, path: req.url ?? '/', headers, body: body.toString('utf8') });
    if (answer) {
      log.push({ ...info, outcome: 'answered' });
      res.writeHead(answer.status, { 'content-type': answer.type, 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
      return;
    }
    if (options.assumeRole && info.operation === 'AssumeRole') {
      const q = new URLSearchParams(body.toString('utf8'));
      const denied = await options
        .assumeRole({ roleArn: q.get('RoleArn') ?? '', externalId: q.get('ExternalId') ?? undefined })
        .catch((e: Error) => `trust check failed: ${e.message}`);
      if (denied !== undefined) {
        log.push({ ...info, outcome: 'denied' });
        const xml = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${denied.replace(/[<&>]/g, '')}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;
        res.writeHead(403, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
        return;
      }
    }
    log.push({ ...info, outcome: delay ? 'slow' : 'forwarded' });
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        const answer = () => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        };
        if (delay) setTimeout(answer, delay);
        else answer();
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => req.socket.destroy());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    log,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
