import { defineRule } from '../../src/api/rule.js';
import { ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS } from '../../src/model/aws/acm.js';
import { certificateName, EDGE_REFS, inUse, isEcKey, rsaBits, validity } from '../_lib/aws-edge.js';

export default defineRule({
  id: 'aws-acm-certificate-idle-unsafe',
  title: 'Unused ACM certificate is expired or has a weak key',
  severity: 'low',
  resourceTypes: [ACM_CERTIFICATE],
  inputs: [ACM_CERTIFICATE_DETAILS],
  description:
    'The idle counterpart of `aws-acm-certificate-expired` and `aws-acm-certificate-weak-key`, at a lower severity: fails for a certificate nothing uses (empty `InUseBy`) that has expired or has an RSA key below `minRsaBits` (default 2048). Certificates in use are not applicable here (the high-severity rules judge them).',
  risk: 'Nothing breaks today, but the certificate can be attached to a new listener or distribution by mistake (it shows in every certificate picker), and an idle expired or weak certificate clutters the inventory PCI DSS 4.2.1.1 asks to keep.',
  remediation: [
    'Delete the certificate (or replace it before anything starts using it).',
    '',
    '- Console: Certificate Manager → the certificate → Delete.',
    '- CLI: `aws acm delete-certificate --certificate-arn ARN`.',
    '- Terraform: remove the `aws_acm_certificate` resource (or import and destroy it).',
  ].join('\n'),
  references: [EDGE_REFS.acmRenewal, EDGE_REFS.acmKeys],
  messages: {
    idleExpired: 'ACM certificate {{certificate}} is not in use and has expired ({{notAfter}}).',
    idleWeak: 'ACM certificate {{certificate}} is not in use and has a {{bits}}-bit RSA key (minimum {{minimum}}).',
    ok: 'ACM certificate {{certificate}} is not in use, valid and on a sufficient key.',
    inUse: 'ACM certificate {{certificate}} is in use (judged by the in-use certificate rules).',
    unrecognised: 'ACM certificate {{certificate}}: key algorithm {{algorithm}} is not one Vigil knows.',
    unreadable: 'ACM certificate {{certificate}}: its details could not be read.',
  },
  defaults: { minRsaBits: 2048 },
  optionsSchema: { type: 'object', properties: { minRsaBits: { type: 'integer', minimum: 1024, maximum: 16384 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const certificate = certificateName(r.data);
    const d = r.data.details;
    if (!d) return { status: 'unknown', messageId: 'unreadable', data: { certificate } };
    if (inUse(d)) return { status: 'not_applicable', messageId: 'inUse', data: { certificate } };
    const evidence = { certificateArn: r.data.arn, inUseBy: [], notAfter: d.notAfter, keyAlgorithm: d.keyAlgorithm, status: d.status };
    if (validity(r.data, d, ctx.now).state === 'expired')
      return { status: 'fail', messageId: 'idleExpired', data: { certificate, notAfter: d.notAfter ?? 'unknown' }, evidence };
    const algorithm = d.keyAlgorithm ?? r.data.keyAlgorithm;
    const bits = rsaBits(algorithm);
    if (bits !== null && bits < ctx.options.minRsaBits)
      return { status: 'fail', messageId: 'idleWeak', data: { certificate, bits, minimum: ctx.options.minRsaBits }, evidence };
    if (bits === null && !isEcKey(algorithm))
      return { status: 'unknown', messageId: 'unrecognised', data: { certificate, algorithm: algorithm ?? '(not stated)' } };
    return { status: 'pass', messageId: 'ok', data: { certificate } };
  },
});
