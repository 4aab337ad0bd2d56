import type { TLSSocket } from 'node:tls';
import type { TlsHsts } from '../../model/tls.js';

const MAX_HEADER_BYTES = 32 * 1024;
const MAX_HEADER_TEXT = 512;

/** Parses `Strict-Transport-Security` directives (RFC 6797 §6.1). An invalid max-age gives null. */
export function parseHsts(value: string): Pick<TlsHsts, 'maxAge' | 'includeSubDomains' | 'preload'> {
  let maxAge: number | null = null;
  let includeSubDomains = false;
  let preload = false;
  for (const part of value.split(';')) {
    const [rawName = '', ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    const v = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'max-age' && maxAge === null) maxAge = /^\d{1,12}$/.test(v) ? Number(v) : null;
    else if (name === 'includesubdomains') includeSubDomains = true;
    else if (name === 'preload') preload = true;
  }
  return { maxAge, includeSubDomains, preload };
}

/** Parses the head of an HTTP/1.x response; null when it is not one. Only the first HSTS header counts (RFC 6797 §8.1). */
export function parseHttpHead(head: string): TlsHsts | null {
  const lines = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!status) return null;
  const line = lines.slice(1).find((l) => /^strict-transport-security\s*:/i.test(l));
  const header = line === undefined ? null : line.slice(line.indexOf(':') + 1).trim();
  const parsed = header === null ? { maxAge: null, includeSubDomains: false, preload: false } : parseHsts(header);
  return { statusCode: Number(status[1]), present: header !== null, header: header === null ? null : header.slice(0, MAX_HEADER_TEXT), ...parsed };
}

/**
 * Sends one `GET /` over an established TLS socket and reads at most 32 KiB of response head within
 * `timeoutMs`. Does not follow redirects (an HSTS header on a redirect counts). Always destroys the socket.
 */
export function fetchHsts(socket: TLSSocket, hostHeader: string, timeoutMs: number): Promise<TlsHsts> {
  return new Promise((resolve, reject) => {
    let buf = '';
    let done = false;
    const finish = (err: Error | null, value?: TlsHsts): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value!);
    };
    const timer = setTimeout(() => finish(Object.assign(new Error(`no HTTP response within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    const tryParse = (final: boolean): void => {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0 && !final && buf.length < MAX_HEADER_BYTES) return;
      const parsed = parseHttpHead(end >= 0 ? buf.slice(0, end) : buf);
      if (parsed) finish(null, parsed);
      else finish(Object.assign(new Error('the endpoint did not answer with HTTP/1.x'), { code: 'NOT_HTTP' }));
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buf += chunk;
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    socket.on('close', () => tryParse(true));
    socket.on('error', (e) => finish(e));
    socket.write(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: vigil-tls-scanner\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  });
}
