import { createHash, X509Certificate } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import forge from 'node-forge';
import type { TlsCertificate } from '../../model/tls.js';

// Parsed with node-forge's ASN.1 reader rather than forge.pki.certificateFromAsn1, which only understands RSA keys.
type Asn1 = forge.asn1.Asn1;
const { asn1 } = forge;
const DAY = 86_400_000;
const MAX_STR = 256;
const MAX_NAMES = 500;

const SIG_ALGS: Record<string, [name: string, hash: string | null]> = {
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'md2'],
  '1.2.840.113549.1.1.3': ['md4WithRSAEncryption', 'md4'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'md5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'sha1'],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'sha256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'sha384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'sha512'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'sha224'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1', 'sha1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224', 'sha224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'sha256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'sha384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512', 'sha512'],
  '1.2.840.10040.4.3': ['dsa-with-SHA1', 'sha1'],
  '2.16.840.1.101.3.4.3.2': ['dsa-with-SHA256', 'sha256'],
  // EdDSA hashes internally (SHA-512 / SHAKE256): there is no separate, possibly weak, digest.
  '1.3.101.112': ['Ed25519', 'intrinsic'],
  '1.3.101.113': ['Ed448', 'intrinsic'],
};
const RSA_PSS = '1.2.840.113549.1.1.10';
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '1.2.840.113549.2.5': 'md5',
};
const CURVES: Record<string, [name: string, bits: number]> = {
  '1.2.840.10045.3.1.1': ['P-192', 192],
  '1.3.132.0.33': ['P-224', 224],
  '1.2.840.10045.3.1.7': ['P-256', 256],
  '1.3.132.0.34': ['P-384', 384],
  '1.3.132.0.35': ['P-521', 521],
  '1.3.132.0.10': ['secp256k1', 256],
  '1.3.36.3.3.2.8.1.1.7': ['brainpoolP256r1', 256],
  '1.3.36.3.3.2.8.1.1.11': ['brainpoolP384r1', 384],
  '1.3.36.3.3.2.8.1.1.13': ['brainpoolP512r1', 512],
};
const NAME_ATTRS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC',
};

function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Asn1[]) : [];
}
function bytes(node: Asn1 | undefined): string {
  return node && typeof node.value === 'string' ? node.value : '';
}
function isContext(node: Asn1 | undefined, tag: number): boolean {
  return !!node && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}
function clip(s: string): string {
  return s.length > MAX_STR ? `${s.slice(0, MAX_STR)}…` : s;
}

function decodeString(node: Asn1): string {
  const raw = bytes(node);
  if (node.type === asn1.Type.UTF8) {
    try {
      return forge.util.decodeUtf8(raw);
    } catch {
      return raw;
    }
  }
  if (node.type === asn1.Type.BMPSTRING) {
    let s = '';
    for (let i = 0; i + 1 < raw.length; i += 2) s += String.fromCharCode((raw.charCodeAt(i) << 8) | raw.charCodeAt(i + 1));
    return s;
  }
  return raw;
}

function parseName(node: Asn1 | undefined): { text: string; cn: string | null } {
  const parts: string[] = [];
  let cn: string | null = null;
  for (const rdn of children(node))
    for (const atv of children(rdn)) {
      const [oidNode, valueNode] = children(atv);
      if (!oidNode || !valueNode) continue;
      const oid = asn1.derToOid(bytes(oidNode));
      const value = decodeString(valueNode);
      const key = NAME_ATTRS[oid] ?? oid;
      if (key === 'CN' && cn === null) cn = clip(value);
      parts.push(`${key}=${value.replace(/([,+"\\<>;])/g, '\\$1')}`);
    }
  return { text: clip(parts.join(', ')), cn };
}

function parseTime(node: Asn1 | undefined): Date {
  if (!node) throw new Error('not a certificate: a validity time is missing');
  return node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(bytes(node)) : asn1.generalizedTimeToDate(bytes(node));
}

function bitLength(integerBytes: string): number {
  let i = 0;
  while (i < integerBytes.length - 1 && integerBytes.charCodeAt(i) === 0) i++;
  const first = integerBytes.charCodeAt(i);
  return (integerBytes.length - i - 1) * 8 + (first === 0 ? 0 : Math.floor(Math.log2(first)) + 1);
}

function parseKey(spki: Asn1 | undefined): { keyType: string; keyBits: number | null; curve?: string } {
  const [algId, keyBits] = children(spki);
  const [algOid, params] = children(algId);
  const oid = asn1.derToOid(bytes(algOid));
  const keyBytes = bytes(keyBits).slice(1); // BIT STRING: first byte = unused bits
  if (oid === '1.2.840.113549.1.1.1' || oid === RSA_PSS) {
    const rsa = asn1.fromDer(keyBytes);
    return { keyType: oid === RSA_PSS ? 'RSA-PSS' : 'RSA', keyBits: bitLength(bytes(children(rsa)[0])) };
  }
  if (oid === '1.2.840.10045.2.1') {
    const curve = params && params.type === asn1.Type.OID ? CURVES[asn1.derToOid(bytes(params))] : undefined;
    const curveOid = params && params.type === asn1.Type.OID ? asn1.derToOid(bytes(params)) : 'explicit';
    return curve ? { keyType: 'EC', keyBits: curve[1], curve: curve[0] } : { keyType: 'EC', keyBits: null, curve: curveOid };
  }
  if (oid === '1.3.101.112') return { keyType: 'Ed25519', keyBits: 256 };
  if (oid === '1.3.101.113') return { keyType: 'Ed448', keyBits: 456 };
  if (oid === '1.2.840.10040.4.1') return { keyType: 'DSA', keyBits: params ? bitLength(bytes(children(params)[0])) : null };
  return { keyType: oid, keyBits: null };
}

function parseSignature(algId: Asn1 | undefined): { signatureAlgorithm: string; signatureHash: string | null } {
  const [algOid, params] = children(algId);
  const oid = asn1.derToOid(bytes(algOid));
  if (oid === RSA_PSS) {
    // RSASSA-PSS-params: [0] hashAlgorithm, default SHA-1 (RFC 4055).
    const hashAlg = children(params).find((c) => isContext(c, 0));
    const hashOid = hashAlg ? asn1.derToOid(bytes(children(children(hashAlg)[0])[0])) : '1.3.14.3.2.26';
    return { signatureAlgorithm: 'RSASSA-PSS', signatureHash: HASHES[hashOid] ?? null };
  }
  const known = SIG_ALGS[oid];
  return known ? { signatureAlgorithm: known[0], signatureHash: known[1] } : { signatureAlgorithm: oid, signatureHash: null };
}

function ipFromBytes(b: string): string | null {
  if (b.length !== 4 && b.length !== 16) return null;
  return ipaddr.fromByteArray([...b].map((c) => c.charCodeAt(0))).toString();
}

function parseExtensions(exts: Asn1 | undefined): { dnsNames: string[]; ipAddresses: string[]; isCA: boolean } {
  const out = { dnsNames: [] as string[], ipAddresses: [] as string[], isCA: false };
  for (const ext of children(children(exts)[0])) {
    const parts = children(ext);
    const oid = asn1.derToOid(bytes(parts[0]));
    const value = bytes(parts[parts.length - 1]);
    if (oid === '2.5.29.17') {
      for (const gn of children(asn1.fromDer(value))) {
        if (out.dnsNames.length + out.ipAddresses.length >= MAX_NAMES) break;
        if (isContext(gn, 2)) out.dnsNames.push(clip(bytes(gn)));
        else if (isContext(gn, 7)) {
          const ip = ipFromBytes(bytes(gn));
          if (ip) out.ipAddresses.push(ip);
        }
      }
    } else if (oid === '2.5.29.19') {
      const first = children(asn1.fromDer(value))[0];
      out.isCA = !!first && first.type === asn1.Type.BOOLEAN && bytes(first).charCodeAt(0) !== 0;
    }
  }
  return out;
}

function isSelfSigned(der: Buffer, issuer: string, subject: string): boolean {
  if (issuer !== subject) return false;
  try {
    const x = new X509Certificate(der);
    return x.checkIssued(x) && x.verify(x.publicKey);
  } catch {
    return false;
  }
}

/** Facts about one DER certificate. Pure: `now` only feeds `daysToExpiry`. Throws on DER that is not a certificate. */
export function analyzeCertificate(der: Buffer, now: Date = new Date()): TlsCertificate {
  const cert = asn1.fromDer(der.toString('binary'), { decodeBitStrings: false } as unknown as boolean); // @types lag: forge takes an options object
  const [tbs, sigAlg] = children(cert);
  const fields = children(tbs);
  let i = isContext(fields[0], 0) ? 1 : 0; // [0] version is optional (v1)
  const serial = fields[i++];
  i++; // inner signature algorithm: the outer one is authoritative
  const issuer = parseName(fields[i++]);
  const [notBeforeNode, notAfterNode] = children(fields[i++]);
  const subject = parseName(fields[i++]);
  const key = parseKey(fields[i++]);
  const ext = parseExtensions(fields.slice(i).find((f) => isContext(f, 3)));
  const notBefore = parseTime(notBeforeNode);
  const notAfter = parseTime(notAfterNode);
  return {
    subject: subject.text,
    issuer: issuer.text,
    serialNumber: forge.util.bytesToHex(bytes(serial)).replace(/^(00)+(?=.)/, ''),
    ...key,
    ...parseSignature(sigAlg),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    daysToExpiry: Math.floor((notAfter.getTime() - now.getTime()) / DAY),
    lifetimeDays: Math.round(((notAfter.getTime() - notBefore.getTime()) / DAY) * 100) / 100,
    dnsNames: ext.dnsNames,
    ipAddresses: ext.ipAddresses,
    commonName: subject.cn,
    isCA: ext.isCA,
    selfSigned: isSelfSigned(der, issuer.text, subject.text),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}
