import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS, servedCertificates } from '../_lib/tls-rules.js';

const WEAK = new Set(['md2', 'md4', 'md5', 'sha1']);

export default defineRule({
  id: 'tls-cert-weak-signature',
  title: 'TLS certificate signed with SHA-1 or MD5',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when the leaf or a served intermediate is signed with MD5, MD4, MD2 or SHA-1. The signature of a self-signed root is not judged: nothing relies on it.',
  risk: 'Chosen-prefix collisions are practical for MD5 and SHA-1 (SHAttered, Shambles): a forged certificate with the same signature can impersonate the server. Browsers reject these certificates.',
  remediation: [
    'Reissue the certificate (and replace the intermediate) with a SHA-256 or stronger signature.',
    '',
    '- OpenSSL: `openssl x509 -req -sha256 …` / `openssl req -sha256 …`.',
    '- Check: `openssl x509 -in cert.pem -noout -text | grep "Signature Algorithm"`.',
  ].join('\n'),
  references: ['https://shattered.io/', 'https://sha-mbles.github.io/', REFS.cabf, REFS.nist],
  messages: {
    weak: 'The {{position}} certificate of {{endpoint}} is signed with {{algorithm}}.',
    ok: 'The certificates of {{endpoint}} are signed with strong hashes (leaf: {{algorithm}}).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(r) {
    const endpoint = endpointName(r);
    if (!r.data.chain) return notProbed('the certificate chain', r);
    const served = servedCertificates(r.data.chain);
    const [leaf] = served;
    if (!leaf) return notProbed('the certificate chain', r);
    for (const { position, cert } of served) {
      if (cert.signatureHash && WEAK.has(cert.signatureHash)) {
        return {
          status: 'fail',
          messageId: 'weak',
          data: { endpoint, position, algorithm: cert.signatureAlgorithm },
          evidence: { position, subject: cert.subject, signatureAlgorithm: cert.signatureAlgorithm },
        };
      }
    }
    const unknown = served.find(({ cert }) => cert.signatureHash === null);
    if (unknown) return notProbed(`the signature hash of ${unknown.position} (${unknown.cert.signatureAlgorithm})`, r);
    return { status: 'pass', messageId: 'ok', data: { endpoint, algorithm: leaf.cert.signatureAlgorithm } };
  },
});
