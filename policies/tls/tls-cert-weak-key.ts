import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE, type TlsCertificate } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS, servedCertificates } from '../_lib/tls-rules.js';

interface Options {
  minRsaBits: number;
  minEcBits: number;
}

/** Why a key is weak, or null when it is not. */
function weakness(cert: TlsCertificate, o: Options): string | null {
  if (cert.keyType === 'RSA' || cert.keyType === 'RSA-PSS')
    return cert.keyBits !== null && cert.keyBits < o.minRsaBits ? `RSA ${cert.keyBits} bits < ${o.minRsaBits}` : null;
  if (cert.keyType === 'EC')
    return cert.keyBits === null
      ? `EC curve ${cert.curve ?? 'unknown'} not a named curve`
      : cert.keyBits < o.minEcBits
        ? `EC ${cert.curve} ${cert.keyBits} bits < ${o.minEcBits}`
        : null;
  if (cert.keyType === 'DSA') return `DSA ${cert.keyBits ?? '?'} bits (DSA is deprecated)`;
  return null;
}

export default defineRule({
  id: 'tls-cert-weak-key',
  title: 'TLS certificate key too small',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when the leaf or a served intermediate has an RSA key under `minRsaBits` (default 2048), an EC key under `minEcBits` (default 256) or on an unnamed curve, or a DSA key. Node and OpenSSL still complete handshakes with 1024-bit RSA keys, so the key size is read from the certificate, not inferred from the handshake.',
  risk: 'RSA-1024 is within reach of well-funded attackers; whoever factors the key can impersonate the server and, without forward secrecy, decrypt recorded traffic.',
  remediation: [
    'Generate a new key (RSA 2048/3072 or ECDSA P-256/P-384) and reissue the certificate.',
    '',
    '- OpenSSL: `openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out req.csr`.',
    '- ACM: request a certificate with `--key-algorithm EC_prime256v1` or `RSA_2048`.',
  ].join('\n'),
  references: [REFS.nist, REFS.mozilla, 'https://csrc.nist.gov/pubs/sp/800/131/a/r2/final'],
  messages: {
    weak: 'The {{position}} certificate of {{endpoint}} has a weak key: {{why}}.',
    ok: 'The certificate keys of {{endpoint}} are strong enough (leaf: {{key}}).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: { minRsaBits: 2048, minEcBits: 256 },
  optionsSchema: {
    type: 'object',
    properties: { minRsaBits: { type: 'integer', minimum: 512 }, minEcBits: { type: 'integer', minimum: 160 } },
    additionalProperties: false,
  },
  evaluate(r, ctx) {
    const endpoint = endpointName(r);
    const leaf = r.data.chain?.[0];
    if (!r.data.chain || !leaf) return notProbed('the certificate chain', r);
    for (const { position, cert } of servedCertificates(r.data.chain)) {
      const why = weakness(cert, ctx.options);
      if (why)
        return {
          status: 'fail',
          messageId: 'weak',
          data: { endpoint, position, why },
          evidence: { position, subject: cert.subject, keyType: cert.keyType, keyBits: cert.keyBits, curve: cert.curve ?? null },
        };
    }
    if (leaf.keyBits === null && leaf.keyType !== 'EC') return notProbed(`the key size of a ${leaf.keyType} key`, r);
    return { status: 'pass', messageId: 'ok', data: { endpoint, key: `${leaf.keyType} ${leaf.keyBits ?? ''}`.trim() } };
  },
});
