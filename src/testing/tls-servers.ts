/**
 * Real TLS servers on 127.0.0.1 for tests, benchmarks and the demo, with certificates generated at run
 * time: node-forge encodes the X.509 structure, node:crypto makes the keys and signs (forge cannot sign
 * with EC keys). Never listens on anything but loopback.
 */
import { createPublicKey, generateKeyPairSync, getDiffieHellman, KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer as createNetServer, isIP, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type SecureVersion, type TLSSocket } from 'node:tls';
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
const U = asn1.Class.UNIVERSAL;
const C = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;
const DAY = 86_400_000;

export type KeySpec = 'rsa2048' | 'rsa1024' | 'ec256' | 'ec384';
export type SignatureHash = 'sha256' | 'sha384' | 'sha1' | 'md5';

export interface GeneratedKey {
  spec: KeySpec;
  privateKey: KeyObject;
  pem: string;
}

export interface GeneratedCert {
  /** PEM of this certificate. */
  pem: string;
  der: Buffer;
  key: GeneratedKey;
  /** DER of the subject Name (becomes the issuer of certificates it signs). */
  subjectDer: string;
}

export interface CertOptions {
  /** Subject CN. */
  commonName: string;
  /** subjectAltName entries: DNS names or IP addresses. Default: none. */
  altNames?: string[];
  /** A key spec (keys are cached per spec) or a key to reuse. Default rsa2048. */
  key?: KeySpec | GeneratedKey;
  /** Signing CA; omitted = self-signed. */
  issuer?: GeneratedCert;
  notBefore?: Date;
  notAfter?: Date;
  isCA?: boolean;
  hash?: SignatureHash;
}

const keyCache = new Map<KeySpec, GeneratedKey>();

/** A key of the given kind; cached, so a test run generates each kind once unless `fresh`. */
export function generateKey(spec: KeySpec, fresh = false): GeneratedKey {
  const cached = keyCache.get(spec);
  if (cached && !fresh) return cached;
  const pair = spec.startsWith('rsa')
    ? generateKeyPairSync('rsa', { modulusLength: spec === 'rsa1024' ? 1024 : 2048 })
    : generateKeyPairSync('ec', { namedCurve: spec === 'ec256' ? 'prime256v1' : 'secp384r1' });
  const key: GeneratedKey = { spec, privateKey: pair.privateKey, pem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  if (!fresh) keyCache.set(spec, key);
  return key;
}

const oid = (o: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
const der = (node: Asn1): string => asn1.toDer(node).getBytes();

function name(commonName: string): Asn1 {
  const rdn = (o: string, v: string) => asn1.create(U, T.SET, true, [seq([oid(o), asn1.create(U, T.UTF8, false, forge.util.encodeUtf8(v))])]);
  return seq([rdn('2.5.4.10', 'Vigil test'), rdn('2.5.4.3', commonName)]);
}

function time(d: Date): Asn1 {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(d))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d));
}

function extension(o: string, critical: boolean, value: Asn1): Asn1 {
  return seq([oid(o), ...(critical ? [asn1.create(U, T.BOOLEAN, false, '\xff')] : []), asn1.create(U, T.OCTETSTRING, false, der(value))]);
}

function altNames(names: string[]): Asn1 {
  return seq(
    names.map((n) => {
      if (isIP(n) === 4) return asn1.create(C, 7, false, String.fromCharCode(...n.split('.').map(Number)));
      if (isIP(n) === 6) {
        const bytes = forge.util.hexToBytes(expandV6(n));
        return asn1.create(C, 7, false, bytes);
      }
      return asn1.create(C, 2, false, n);
    }),
  );
}

function expandV6(ip: string): string {
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join('');
}

function signatureAlgorithm(key: GeneratedKey, hash: SignatureHash): Asn1 {
  if (key.spec.startsWith('ec')) {
    const o = { sha1: '1.2.840.10045.4.1', sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', md5: '' }[hash];
    if (!o) throw new Error(`ECDSA with ${hash} is not a certificate signature algorithm`);
    return seq([oid(o)]);
  }
  const o = { md5: '1.2.840.113549.1.1.4', sha1: '1.2.840.113549.1.1.5', sha256: '1.2.840.113549.1.1.11', sha384: '1.2.840.113549.1.1.12' }[hash];
  return seq([oid(o), asn1.create(U, T.NULL, false, '')]);
}

/** Builds and signs an X.509 v3 certificate. */
export function makeCertificate(opts: CertOptions): GeneratedCert {
  const key = typeof opts.key === 'object' ? opts.key : generateKey(opts.key ?? 'rsa2048');
  const signer = opts.issuer?.key ?? key;
  const hash = opts.hash ?? 'sha256';
  const notBefore = opts.notBefore ?? new Date(Date.now() - DAY);
  const notAfter = opts.notAfter ?? new Date(notBefore.getTime() + 90 * DAY);
  const subject = name(opts.commonName);
  const serial = randomBytes(16);
  serial.writeUInt8((serial.readUInt8(0) & 0x7f) | 0x01, 0);
  const spki = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' });
  const exts: Asn1[] = [];
  if (opts.isCA) {
    exts.push(extension('2.5.29.19', true, seq([asn1.create(U, T.BOOLEAN, false, '\xff')])));
    exts.push(extension('2.5.29.15', true, asn1.create(U, T.BITSTRING, false, '\x01\x06'))); // keyCertSign, cRLSign
  } else {
    exts.push(extension('2.5.29.19', true, seq([])));
    exts.push(extension('2.5.29.37', false, seq([oid('1.3.6.1.5.5.7.3.1')]))); // serverAuth
  }
  if (opts.altNames?.length) exts.push(extension('2.5.29.17', false, altNames(opts.altNames)));
  const sigAlg = signatureAlgorithm(signer, hash);
  const tbs = seq([
    asn1.create(C, 0, true, [asn1.create(U, T.INTEGER, false, asn1.integerToDer(2).getBytes())]),
    asn1.create(U, T.INTEGER, false, serial.toString('binary')),
    sigAlg,
    opts.issuer ? asn1.fromDer(opts.issuer.subjectDer) : subject,
    seq([time(notBefore), time(notAfter)]),
    subject,
    asn1.fromDer(spki.toString('binary')),
    asn1.create(C, 3, true, [seq(exts)]),
  ]);
  const tbsDer = Buffer.from(der(tbs), 'binary');
  const signature = sign(hash, tbsDer, signer.privateKey);
  const certDer = Buffer.from(
    der(seq([tbs, signatureAlgorithm(signer, hash), asn1.create(U, T.BITSTRING, false, `\x00${signature.toString('binary')}`)])),
    'binary',
  );
  const pem = `-----BEGIN CERTIFICATE-----\n${certDer
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  return { pem, der: certDer, key, subjectDer: der(subject) };
}

/** A CA certificate (self-signed, 10 years). */
export function makeCa(commonName = 'Vigil Test CA', key: KeySpec = 'ec256'): GeneratedCert {
  return makeCertificate({
    commonName,
    key: generateKey(key, true),
    isCA: true,
    notAfter: new Date(Date.now() + 3650 * DAY),
    hash: key.startsWith('ec') ? 'sha256' : 'sha256',
  });
}

export interface TlsServerOptions {
  /** Leaf first, then intermediates to send. */
  chain: GeneratedCert[];
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string (TLS 1.3 names included). Add `@SECLEVEL=0` for TLS 1.0/1.1, RSA-1024 or MD5. */
  ciphers?: string;
  /**
   * Answer one HTTP/1.1 request per connection. `hsts`: the Strict-Transport-Security value to send
   * (null = answer without it). Omitted = not an HTTP server.
   */
  http?: { hsts: string | null };
  /** Require the client to offer our preference order instead of the server's (default: server order, like Node). */
  honorCipherOrder?: boolean;
  /**
   * Finite-field DH group for DHE suites, from RFC 2409 / RFC 3526 (`modp2`: 1024 bits, `modp14`: 2048 bits).
   * Omitted: no DH parameters, so the server negotiates no DHE suite.
   */
  dhGroup?: 'modp2' | 'modp14';
  /** ECDHE groups the server accepts, colon-separated (`secp521r1`, `X25519:prime256v1`). Default: OpenSSL's. */
  ecdhCurve?: string;
  /** Loopback address to listen on: `127.0.0.1` (default) or `::1`. */
  host?: LoopbackHost;
}

export type LoopbackHost = '127.0.0.1' | '::1';

export interface RunningServer {
  host: LoopbackHost;
  port: number;
  /** `127.0.0.1:port`, or `[::1]:port`. */
  target: string;
  stop(): Promise<void>;
}

function track(server: Server): { stop(): Promise<void> } {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, host: LoopbackHost = '127.0.0.1'): Promise<number> {
  // Loopback only, whatever a caller passes at run time.
  if (host !== '127.0.0.1' && host !== '::1') throw new Error(`test servers listen on loopback only, not ${String(host)}`);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as { port: number }).port));
  });
}

const targetOf = (host: LoopbackHost, port: number): string => (host === '::1' ? `[::1]:${port}` : `${host}:${port}`);

/** PEM `DH PARAMETERS` (PKCS #3) of a well-known MODP group, so no slow parameter generation is needed. */
export function dhParamsPem(group: 'modp2' | 'modp14'): string {
  const dh = getDiffieHellman(group);
  const int = (b: Buffer) => asn1.create(U, T.INTEGER, false, ((b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.alloc(1), b]) : b).toString('binary'));
  const body = Buffer.from(der(seq([int(dh.getPrime()), int(dh.getGenerator())])), 'binary');
  return `-----BEGIN DH PARAMETERS-----\n${body
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n?$/, '\n')}-----END DH PARAMETERS-----\n`;
}

/** Starts a node:tls server on a free 127.0.0.1 port. */
export async function startTlsServer(opts: TlsServerOptions): Promise<RunningServer> {
  const leaf = opts.chain[0];
  if (!leaf) throw new Error('startTlsServer needs a certificate chain (leaf first)');
  const server = createTlsServer({
    key: leaf.key.pem,
    cert: opts.chain.map((c) => c.pem).join(''),
    minVersion: opts.minVersion ?? 'TLSv1.2',
    maxVersion: opts.maxVersion ?? 'TLSv1.3',
    ...(opts.ciphers ? { ciphers: opts.ciphers } : {}),
    honorCipherOrder: opts.honorCipherOrder ?? true,
    ...(opts.dhGroup ? { dhparam: dhParamsPem(opts.dhGroup) } : {}),
    ...(opts.ecdhCurve ? { ecdhCurve: opts.ecdhCurve } : {}),
  });
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.on('error', () => undefined);
    if (!opts.http) return;
    let buf = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buf += chunk;
      if (!buf.includes('\r\n\r\n')) return;
      const hsts = opts.http!.hsts === null ? '' : `Strict-Transport-Security: ${opts.http!.hsts}\r\n`;
      socket.end(`HTTP/1.1 200 OK\r\n${hsts}Content-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok`);
    });
  });
  const t = track(server);
  const host = opts.host ?? '127.0.0.1';
  const port = await listen(server, host);
  return { host, port, target: targetOf(host, port), stop: t.stop };
}

/** Accepts TCP connections and never says a word: a scanner must time out, not hang. */
export async function startSilentServer(): Promise<RunningServer> {
  const server = createNetServer(() => undefined);
  const t = track(server);
  const port = await listen(server);
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`, stop: t.stop };
}

/** A 127.0.0.1 port with nothing listening (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
