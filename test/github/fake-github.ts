import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake GitHub received. */
export interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (to exercise client timeouts). */
  hang?: boolean;
}

type Route = { method: string; path: RegExp; responses: FakeResponse[]; served: number };

/**
 * A tiny stand-in for the GitHub REST API on 127.0.0.1 (node:http, port 0): routes answer a scripted list of
 * responses in order (the last one repeats) and every request is recorded for assertions.
 */
export class FakeGitHub {
  readonly requests: Recorded[] = [];
  private routes: Route[] = [];
  private server: Server;
  private hanging = new Set<import('node:http').ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: Recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(rec);
        const route = this.routes.find((r) => r.method === rec.method && r.path.test(rec.path));
        const reply: FakeResponse = route
          ? route.responses[Math.min(route.served++, route.responses.length - 1)]!
          : { status: 404, body: { message: 'Not Found (no fake route)' } };
        if (reply.hang) {
          this.hanging.add(res);
          return;
        }
        const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...(reply.headers ?? {}) });
        res.end(text);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Scripts the answers of one route (replacing an earlier script for the same method and path). */
  on(method: 'GET' | 'POST', path: RegExp, ...responses: FakeResponse[]): this {
    this.routes = this.routes.filter((r) => !(r.method === method && r.path.source === path.source));
    this.routes.push({ method, path, responses, served: 0 });
    return this;
  }

  reset(): void {
    this.routes = [];
    this.requests.length = 0;
    for (const r of this.hanging) r.destroy();
    this.hanging.clear();
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const SARIFS = /^\/repos\/octo-org\/cloud-audit\/code-scanning\/sarifs$/;
export const STATUS = /^\/repos\/octo-org\/cloud-audit\/code-scanning\/sarifs\/[^/]+$/;
