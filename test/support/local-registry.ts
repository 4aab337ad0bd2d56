/**
 * A read-only npm registry on 127.0.0.1 for the package test: it serves one packed tarball under its name,
 * and the packuments of the dependencies package-lock.json pins, their tarballs read from the npm cache's
 * content store by integrity (as `npm ci` left them). So `npm install -g @vigil-scanner/cli` runs as a user runs it,
 * resolution and lifecycle included, without contacting any other host.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  [k: string]: unknown;
}

const VERSION_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'os', 'cpu', 'engines', 'bin', 'hasInstallScript'];

export interface LocalRegistry {
  url: string;
  /** Paths asked for that the registry did not have (a test failure names them). */
  misses: string[];
  close(): Promise<void>;
}

export async function startLocalRegistry(
  lockFile: string,
  npmCache: string,
  tarball: { name: string; version: string; file: string; manifest: Record<string, unknown> },
): Promise<LocalRegistry> {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const packuments = new Map<string, { name: string; versions: Record<string, unknown>; 'dist-tags': Record<string, string> }>();
  let base = '';
  for (const [path, e] of Object.entries(lock.packages)) {
    if (!path || e.link || !e.version || !e.integrity) continue;
    const name = e.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const p = packuments.get(name) ?? { name, versions: {}, 'dist-tags': {} };
    // The lock has no tarball URLs: each is served from the npm cache's content store, by its integrity.
    const [algo, digest] = (e.integrity.split(' ')[0] ?? '').split('-', 2) as [string, string];
    const tarballUrl = `/-/cache/${algo}/${Buffer.from(digest, 'base64').toString('hex')}.tgz`;
    const v: Record<string, unknown> = { name, version: e.version, dist: { tarball: tarballUrl, integrity: e.integrity } };
    for (const f of VERSION_FIELDS) if (e[f] !== undefined) v[f] = e[f];
    p.versions[e.version] = v;
    p['dist-tags'].latest = Object.keys(p.versions)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .at(-1)!;
    packuments.set(name, p);
  }
  const data = readFileSync(tarball.file);
  const integrity = `sha512-${createHash('sha512').update(data).digest('base64')}`;
  const shasum = createHash('sha1').update(data).digest('hex');
  const misses: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const cached = /^\/-\/cache\/(sha\d+)\/([0-9a-f]+)\.tgz$/.exec(path);
    if (cached) {
      const [, algo, hex] = cached as unknown as [string, string, string];
      const file = join(npmCache, '_cacache', 'content-v2', algo, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
      if (existsSync(file)) {
        const tgz = readFileSync(file);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length });
        return res.end(tgz);
      }
    }
    if (path === '/-/package.tgz') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
      return res.end(data);
    }
    const name = path.slice(1);
    let body: unknown;
    if (name === tarball.name) {
      body = {
        name,
        'dist-tags': { latest: tarball.version },
        // What the public registry records for a version published with npm-shrinkwrap.json.
        versions: { [tarball.version]: { ...tarball.manifest, _hasShrinkwrap: true, dist: { tarball: `${base}/-/package.tgz`, integrity, shasum } } },
      };
    } else {
      const p = packuments.get(name);
      if (p) {
        const versions = Object.fromEntries(
          Object.entries(p.versions).map(([k, v]) => [
            k,
            { ...(v as object), dist: { ...(v as { dist: object }).dist, tarball: base + (v as { dist: { tarball: string } }).dist.tarball } },
          ]),
        );
        body = { ...p, versions };
      }
    }
    if (!body) {
      misses.push(path);
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"error":"not found"}');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base + '/', misses, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
