/**
 * Local TLS endpoints for `npm run demo`: real node:tls servers on free 127.0.0.1 ports, with
 * certificates from a throw-away demo CA, so the TLS rules have something to find without a network.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCa, makeCertificate, type RunningServer, startTlsServer } from '../../src/testing/tls-servers.js';

const DAY = 86_400_000;

export interface DemoTlsEndpoints {
  /** Targets for `collectTls` / `--tls`. */
  targets: string[];
  /** PEM of the demo CA, to pass as `caFile` so the good endpoint is trusted. */
  caFile?: string;
  stop(): Promise<void>;
}

/**
 * Starts three endpoints:
 * - good: TLS 1.2 + 1.3, Mozilla intermediate suites, ECDSA P-256 certificate from the demo CA, HSTS;
 * - legacy: TLS 1.0–1.2 with CBC and RSA key-transport suites, RSA-2048, no HSTS;
 * - expired: a certificate that expired 10 days ago.
 */
export async function startDemoTlsEndpoints(): Promise<DemoTlsEndpoints> {
  const ca = makeCa('Vigil Demo CA', 'ec256');
  const dir = await mkdtemp(join(tmpdir(), 'vigil-demo-tls-'));
  const caFile = join(dir, 'demo-ca.pem');
  await writeFile(caFile, ca.pem);
  const names = ['localhost', '127.0.0.1'];
  const servers: RunningServer[] = [];
  try {
    const good = await startTlsServer({
      chain: [makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca, key: 'ec256' })],
      minVersion: 'TLSv1.2',
      ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305',
      http: { hsts: 'max-age=63072000; includeSubDomains' },
    });
    servers.push(good);
    const legacy = await startTlsServer({
      chain: [makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca })],
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA:AES256-SHA256:@SECLEVEL=0',
      http: { hsts: null },
    });
    servers.push(legacy);
    const expired = await startTlsServer({
      chain: [
        makeCertificate({
          commonName: 'localhost',
          altNames: names,
          issuer: ca,
          notBefore: new Date(Date.now() - 100 * DAY),
          notAfter: new Date(Date.now() - 10 * DAY),
        }),
      ],
    });
    servers.push(expired);
    return {
      targets: [`https://${good.target}@localhost`, `https://${legacy.target}`, expired.target],
      caFile,
      async stop() {
        await Promise.all(servers.map((s) => s.stop()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
