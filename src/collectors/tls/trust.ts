import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { InputError } from '../../util/errors.js';

/** A trust store: Node's bundled roots plus an optional CA file. */
export interface TrustStore {
  /** For the handshake context (`ca` replaces Node's roots, so both are listed); undefined = Node's roots only. */
  ca?: { key: string; pems: string[] };
  anchors(): X509Certificate[];
}

const PEM_RE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
let nodeRoots: X509Certificate[] | undefined;

function parsePems(pems: string[]): X509Certificate[] {
  return pems.map((p) => new X509Certificate(p));
}

/** Reads a PEM CA bundle; throws InputError naming the file when it has no usable certificate. */
export async function loadTrustStore(caFile?: string): Promise<TrustStore> {
  const roots = (): X509Certificate[] => (nodeRoots ??= parsePems([...rootCertificates]));
  if (!caFile) return { anchors: roots };
  let text: string;
  try {
    text = await readFile(caFile, 'utf8');
  } catch (err) {
    throw new InputError(
      `cannot read the CA file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      caFile,
      undefined,
      'check the path given to --ca-file',
    );
  }
  const pems = text.match(PEM_RE) ?? [];
  let extra: X509Certificate[];
  try {
    extra = parsePems(pems);
  } catch (err) {
    throw new InputError(
      `a certificate in the CA file cannot be parsed (${(err as Error).message})`,
      caFile,
      undefined,
      'give a PEM bundle of CA certificates',
    );
  }
  if (extra.length === 0)
    throw new InputError('no PEM certificate ("-----BEGIN CERTIFICATE-----") in the CA file', caFile, undefined, 'give a PEM bundle of CA certificates');
  return { ca: { key: caFile, pems: [...rootCertificates, ...pems] }, anchors: () => [...roots(), ...extra] };
}

/** OpenSSL verify errors that are only about validity dates (judged by the expiry rules instead). */
export const TIME_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);

function signs(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Whether the chain (leaf first, as the client saw it) leads to an anchor with valid signatures,
 * ignoring validity dates. Used when OpenSSL's only complaint was a date.
 */
export function chainReachesAnchor(chain: Buffer[], anchors: X509Certificate[]): boolean {
  if (chain.length === 0) return false;
  const certs = chain.map((d) => new X509Certificate(d));
  const byPrint = new Set(anchors.map((a) => a.fingerprint256));
  for (const [i, cert] of certs.entries()) {
    if (byPrint.has(cert.fingerprint256)) return true;
    if (anchors.some((a) => signs(a, cert))) return true;
    const next = certs[i + 1];
    if (!next || !signs(next, cert)) return false;
  }
  return false;
}

/** Trusted = OpenSSL verified it, or its only error was a date and the signatures lead to an anchor. */
export function judgeTrust(verifyError: string | null, chain: Buffer[], store: TrustStore): boolean {
  if (verifyError === null) return true;
  if (!TIME_ERRORS.has(verifyError)) return false;
  try {
    return chainReachesAnchor(chain, store.anchors());
  } catch {
    return false;
  }
}
