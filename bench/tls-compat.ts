/**
 * Cross-check of the TLS scanner against sslscan and testssl.sh, on local endpoints only.
 *
 *   npx tsx bench/tls-compat.ts [--no-testssl] [--fleet N] [--strategy each|eliminate]
 *
 * 1. Starts the fixture endpoints (in a child process, so that servers and scanners do not share an
 *    event loop): TLS 1.3 only; TLS 1.2 with one suite; TLS 1.0–1.2 with CBC; an expired certificate
 *    (Node's default suites); RSA-1024. Scans each with Vigil and with sslscan / testssl when installed,
 *    and prints whether the protocol sets and the accepted TLS 1.2 suites agree, plus wall times.
 * 2. A fleet of N (default 100) local endpoints: Vigil scans them concurrently, sslscan one after another.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collectTls } from '../src/collectors/tls/index.js';
import { TLS_PROTOCOLS, type TlsEndpointData, type TlsProtocol } from '../src/model/tls.js';
import { makeCa, makeCertificate, type RunningServer, startTlsServer } from '../src/testing/tls-servers.js';

const DAY = 86_400_000;
const KINDS = ['tls13-only', 'tls12-one-suite', 'tls10-12-cbc', 'expired', 'rsa1024'] as const;
type Kind = (typeof KINDS)[number];

/** What one tool saw on one endpoint: protocol on/off and accepted suite codes per protocol. */
interface View {
  protocols: Record<TlsProtocol, boolean | null>;
  suites: Record<TlsProtocol, Set<number>>;
  ms: number;
}

// ---------------------------------------------------------------- servers (child process)

async function startKind(kind: Kind, ca: ReturnType<typeof makeCa>): Promise<RunningServer> {
  const names = ['localhost', '127.0.0.1'];
  const leaf = (extra: Partial<Parameters<typeof makeCertificate>[0]> = {}) =>
    makeCertificate({ commonName: 'localhost', altNames: names, issuer: ca, ...extra });
  switch (kind) {
    case 'tls13-only':
      return startTlsServer({ chain: [leaf()], minVersion: 'TLSv1.3' });
    case 'tls12-one-suite':
      return startTlsServer({ chain: [leaf()], maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    case 'tls10-12-cbc':
      return startTlsServer({
        chain: [leaf()],
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.2',
        ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0',
      });
    case 'expired':
      return startTlsServer({ chain: [leaf({ notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) })] });
    case 'rsa1024':
      return startTlsServer({ chain: [leaf({ key: 'rsa1024' })], ciphers: 'DEFAULT@SECLEVEL=0' });
  }
}

async function serve(count: number): Promise<void> {
  const ca = makeCa('Vigil Bench CA');
  const servers: Array<{ kind: Kind; server: RunningServer }> = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    if (!kind) throw new Error('tls-compat: no server kinds');
    servers.push({ kind, server: await startKind(kind, ca) });
  }
  process.stdout.write(`READY ${JSON.stringify({ ca: ca.pem, endpoints: servers.map((s) => ({ kind: s.kind, target: s.server.target })) })}\n`);
  const stop = () => Promise.all(servers.map((s) => s.server.stop())).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop); // parent gone
  process.stdin.resume();
}

interface Fleet {
  ca: string;
  endpoints: Array<{ kind: Kind; target: string }>;
  stop(): Promise<void>;
}

async function startFleet(count: number): Promise<Fleet> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, self, '--serve', String(count)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fixture server process exited (${code})`)));
  });
  if (!line.startsWith('READY ')) throw new Error(`unexpected output from the fixture process: ${line}`);
  const info = JSON.parse(line.slice(6)) as Omit<Fleet, 'stop'>;
  return {
    ...info,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---------------------------------------------------------------- tools

const emptySuites = (): Record<TlsProtocol, Set<number>> => ({ tls1_0: new Set(), tls1_1: new Set(), tls1_2: new Set(), tls1_3: new Set() });

function has(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[]): Promise<{ out: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (c: string) => (out += c));
    p.on('error', reject);
    p.on('close', () => resolve({ out, ms: performance.now() - t0 }));
  });
}

function vigilView(d: TlsEndpointData, ms: number): View {
  const suites = emptySuites();
  for (const p of TLS_PROTOCOLS) for (const s of d.suites[p]?.accepted ?? []) suites[p].add(Number.parseInt(s.code, 16));
  return { protocols: d.protocols, suites, ms };
}

const SSLSCAN_VERSION: Record<string, TlsProtocol> = {
  '1.0': 'tls1_0',
  '1.1': 'tls1_1',
  '1.2': 'tls1_2',
  '1.3': 'tls1_3',
  TLSv1: 'tls1_0',
  'TLSv1.0': 'tls1_0',
  'TLSv1.1': 'tls1_1',
  'TLSv1.2': 'tls1_2',
  'TLSv1.3': 'tls1_3',
};

async function sslscanView(target: string): Promise<View> {
  const { out, ms } = await run('sslscan', ['--no-colour', '--xml=-', target]);
  const protocols = { tls1_0: null, tls1_1: null, tls1_2: null, tls1_3: null } as View['protocols'];
  for (const [, version = '', enabled] of out.matchAll(/<protocol type="tls" version="([\d.]+)" enabled="(\d)"/g)) {
    const p = SSLSCAN_VERSION[version];
    if (p) protocols[p] = enabled === '1';
  }
  const suites = emptySuites();
  for (const [, version = '', code = ''] of out.matchAll(/<cipher status="(?:preferred|accepted)" sslversion="([^"]+)"[^>]*? id="0x([0-9A-Fa-f]+)"/g)) {
    const p = SSLSCAN_VERSION[version];
    if (p) suites[p].add(Number.parseInt(code, 16));
  }
  return { protocols, suites, ms };
}

const TESTSSL_PROTO: Record<string, TlsProtocol> = {
  TLS1: 'tls1_0',
  TLS1_1: 'tls1_1',
  TLS1_2: 'tls1_2',
  TLS1_3: 'tls1_3',
  tls1: 'tls1_0',
  tls1_1: 'tls1_1',
  tls1_2: 'tls1_2',
  tls1_3: 'tls1_3',
};

async function testsslView(target: string): Promise<View> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-testssl-'));
  const file = join(dir, 'out.json');
  try {
    const { ms } = await run('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--nodns', 'none', '-p', '-E', '-oj', file, target]);
    const rows = JSON.parse(await readFile(file, 'utf8')) as Array<{ id: string; finding: string }>;
    const protocols = { tls1_0: null, tls1_1: null, tls1_2: null, tls1_3: null } as View['protocols'];
    const suites = emptySuites();
    for (const r of rows) {
      const proto = TESTSSL_PROTO[r.id];
      if (proto && /^[A-Z]/.test(r.id)) protocols[proto] = !/not offered/i.test(r.finding) && /offered/i.test(r.finding);
      const [, cipherProto = '', code = ''] = /^cipher-(tls1(?:_[123])?)_x([0-9a-f]+)$/i.exec(r.id) ?? [];
      const suiteProto = TESTSSL_PROTO[cipherProto];
      if (suiteProto) suites[suiteProto].add(Number.parseInt(code, 16));
    }
    return { protocols, suites, ms };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- comparison

const hex = (s: Set<number>) => [...s].sort((a, b) => a - b).map((c) => `0x${c.toString(16).toUpperCase().padStart(4, '0')}`);

function compare(a: View, b: View): { protocols: boolean; tls12: boolean; otherSuites: boolean; detail: string[] } {
  const detail: string[] = [];
  const protocols = TLS_PROTOCOLS.every((p) => a.protocols[p] === b.protocols[p]);
  if (!protocols) detail.push(`protocols vigil=${JSON.stringify(a.protocols)} other=${JSON.stringify(b.protocols)}`);
  const same = (p: TlsProtocol) => hex(a.suites[p]).join() === hex(b.suites[p]).join();
  const tls12 = same('tls1_2');
  if (!tls12) detail.push(`TLS1.2 vigil=[${hex(a.suites.tls1_2)}] other=[${hex(b.suites.tls1_2)}]`);
  const others = (['tls1_0', 'tls1_1', 'tls1_3'] as const).filter((p) => !same(p));
  for (const p of others) detail.push(`${p} vigil=[${hex(a.suites[p])}] other=[${hex(b.suites[p])}]`);
  return { protocols, tls12, otherSuites: others.length === 0, detail };
}

const yes = (b: boolean) => (b ? 'agree' : 'DIFFER');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  const serveAt = argv.indexOf('--serve');
  if (serveAt >= 0) {
    await serve(Number(argv[serveAt + 1]));
    return -1; // keeps serving until killed
  }
  const fleetSize = argv.includes('--fleet') ? Number(argv[argv.indexOf('--fleet') + 1]) : 100;
  const strategy = (argv.includes('--strategy') ? argv[argv.indexOf('--strategy') + 1] : 'each') as 'each' | 'eliminate';
  const useSslscan = has('sslscan');
  const useTestssl = has('testssl') && !argv.includes('--no-testssl');
  if (!useSslscan) console.log('sslscan not found: install it with `apt-get install -y sslscan` (Debian/Ubuntu) to cross-check.');
  if (!has('testssl')) console.log('testssl not found: install it with `apt-get install -y testssl.sh` (Debian/Ubuntu) to cross-check.');
  let disagreements = 0;

  console.log(`\n== fixture endpoints (Vigil suite strategy: ${strategy}) ==`);
  const fixtures = await startFleet(KINDS.length);
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  const caFile = join(dir, 'ca.pem');
  await import('node:fs/promises').then((fs) => fs.writeFile(caFile, fixtures.ca));
  try {
    for (const { kind, target } of fixtures.endpoints) {
      const t0 = performance.now();
      const out = await collectTls({ targets: [target], caFile, suiteStrategy: strategy });
      const ms = performance.now() - t0;
      const d = out.resources[0]?.data as unknown as TlsEndpointData | undefined;
      if (!d) {
        console.log(`${kind.padEnd(16)} Vigil could not scan ${target}: ${JSON.stringify(out.coverage)}`);
        disagreements++;
        continue;
      }
      const vigil = vigilView(d, ms);
      const on = TLS_PROTOCOLS.filter((p) => vigil.protocols[p]).join(',');
      console.log(
        `${kind.padEnd(16)} ${target.padEnd(16)} Vigil ${sec(ms)} (${d.scan.handshakes} handshakes) protocols=${on} TLS1.2 suites=${vigil.suites.tls1_2.size}`,
      );
      const others: Array<[string, () => Promise<View>]> = [];
      if (useSslscan) others.push(['sslscan', () => sslscanView(target)]);
      if (useTestssl) others.push(['testssl', () => testsslView(target)]);
      for (const [name, view] of others) {
        const v = await view();
        const c = compare(vigil, v);
        if (!c.protocols || !c.tls12) disagreements++;
        console.log(
          `${''.padEnd(33)} ${name.padEnd(7)} ${sec(v.ms)}  protocols ${yes(c.protocols)}, TLS1.2 suites ${yes(c.tls12)}, TLS1.0/1.1/1.3 suites ${yes(c.otherSuites)}`,
        );
        for (const line of c.detail) console.log(`${''.padEnd(41)}${line}`);
      }
    }
  } finally {
    await fixtures.stop();
  }

  console.log(`\n== fleet of ${fleetSize} local endpoints ==`);
  const fleet = await startFleet(fleetSize);
  await import('node:fs/promises').then((fs) => fs.writeFile(caFile, fleet.ca));
  try {
    const targets = fleet.endpoints.map((e) => e.target);
    for (const s of ['each', 'eliminate'] as const) {
      const t0 = performance.now();
      const out = await collectTls({ targets, caFile, suiteStrategy: s });
      const ms = performance.now() - t0;
      console.log(
        `Vigil (${s}, concurrency 16): ${sec(ms)} for ${out.resources.length}/${targets.length} endpoints, ${out.apiCalls?.['tls:handshake']} handshakes`,
      );
    }
    if (useSslscan) {
      const t0 = performance.now();
      for (const t of targets) await run('sslscan', ['--no-colour', '--xml=-', t]);
      console.log(`sslscan (one after another): ${sec(performance.now() - t0)} for ${targets.length} endpoints`);
    }
  } finally {
    await fleet.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    disagreements === 0 ? '\nAll cross-checks agree on protocols and TLS 1.2 suites.' : `\n${disagreements} cross-check(s) disagree (details above).`,
  );
  return disagreements === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      console.error(err);
      process.exit(2);
    },
  );
}
