/**
 * A local HTTP receiver for signals (a webhook, a Pushgateway) on 127.0.0.1 and a free port: it records every
 * request and answers from a script — a status per request, `hang` (never answers: the client's timeout must
 * end it) or `reset` (drops the connection).
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = number | 'hang' | 'reset' | { status: number; headers?: Record<string, string>; body?: string };

export interface SignalServer {
  url: string;
  port: number;
  received: Received[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  script(answers: Answer[], fallback?: Answer): void;
  close(): Promise<void>;
}

export async function startSignalServer(): Promise<SignalServer> {
  const received: Received[] = [];
  let queue: Answer[] = [];
  let fallback: Answer = 200;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const a = queue.length ? queue.shift()! : fallback;
      if (a === 'hang') return;
      if (a === 'reset') return void req.socket.destroy();
      const { status, headers, body } = typeof a === 'number' ? { status: a, headers: {}, body: a < 300 ? 'ok' : 'error' } : a;
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(body ?? '');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    script(answers, fb = 200) {
      queue = [...answers];
      fallback = fb;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released): "the server is down". */
export async function closedPort(): Promise<number> {
  const s = await startSignalServer();
  const port = s.port;
  await s.close();
  return port;
}
