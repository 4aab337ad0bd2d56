import { defineRule } from '../../src/api/rule.js';
import { ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS } from '../../src/model/aws/acm.js';
import { certificateName, EDGE_REFS, inUse, isEcKey, rsaBits, useText } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-acm-certificate-weak-key',
  title: 'ACM certificate in use has an RSA key below the minimum size',
  severity: 'high',
  resourceTypes: [ACM_CERTIFICATE],
  inputs: [ACM_CERTIFICATE_DETAILS],
  description:
    'Fails for an ACM certificate in use whose key is RSA with fewer than `minRsaBits` bits (default 2048), from the key algorithm DescribeCertificate states (`RSA_1024`). ECDSA keys ACM supports (P-256, P-384, P-521) pass; an algorithm Vigil does not know is unknown. Idle certificates are left to `aws-acm-certificate-idle-unsafe`.',
  risk: 'RSA 1024 is within reach of well-funded attackers (NIST disallowed it in 2013); whoever factors the key can impersonate the endpoint and, without forward secrecy, decrypt recorded sessions. PCI DSS 4.2.1 does not accept it as strong cryptography.',
  remediation: [
    'Replace the certificate with one on an RSA 2048+ or ECDSA P-256 key, on every resource that uses it.',
    '',
    '- Console: Certificate Manager → Request → Key algorithm "RSA 2048" or "ECDSA P 256"; then select it on each resource under "Associated resources".',
    '- CLI: `aws acm request-certificate --domain-name NAME --validation-method DNS --key-algorithm EC_prime256v1`.',
    '- Terraform: `key_algorithm = "EC_prime256v1"` (or `RSA_2048`) on `aws_acm_certificate`.',
  ].join('\n'),
  references: [EDGE_REFS.acmKeys, `${EDGE_REFS.acmHub}#acm-2`, REFS.nist, REFS.pci],
  messages: {
    weak: 'ACM certificate {{certificate}}, {{use}}, has a {{bits}}-bit RSA key (minimum {{minimum}}).',
    ok: 'ACM certificate {{certificate}} has a {{algorithm}} key.',
    idle: 'ACM certificate {{certificate}} is not in use.',
    unrecognised: 'ACM certificate {{certificate}}: key algorithm {{algorithm}} is not one Vigil knows.',
    unreadable: 'ACM certificate {{certificate}}: its details could not be read.',
  },
  defaults: { minRsaBits: 2048 },
  optionsSchema: { type: 'object', properties: { minRsaBits: { type: 'integer', minimum: 1024, maximum: 16384 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const certificate = certificateName(r.data);
    const d = r.data.details;
    if (!d) return { status: 'unknown', messageId: 'unreadable', data: { certificate } };
    if (!inUse(d)) return { status: 'not_applicable', messageId: 'idle', data: { certificate } };
    const algorithm = d.keyAlgorithm ?? r.data.keyAlgorithm;
    const bits = rsaBits(algorithm);
    if (bits !== null && bits < ctx.options.minRsaBits)
      return {
        status: 'fail',
        messageId: 'weak',
        data: { certificate, use: useText(d), bits, minimum: ctx.options.minRsaBits },
        evidence: { certificateArn: r.data.arn, keyAlgorithm: algorithm, minRsaBits: ctx.options.minRsaBits, inUseBy: d.inUseBy },
      };
    if (bits !== null || isEcKey(algorithm)) return { status: 'pass', messageId: 'ok', data: { certificate, algorithm } };
    return { status: 'unknown', messageId: 'unrecognised', data: { certificate, algorithm: algorithm ?? '(not stated)' } };
  },
});
