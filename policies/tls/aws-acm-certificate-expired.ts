import { defineRule } from '../../src/api/rule.js';
import { ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS } from '../../src/model/aws/acm.js';
import { certificateName, EDGE_REFS, inUse, useText, validity } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-acm-certificate-expired',
  title: 'Expired ACM certificate in use',
  severity: 'high',
  resourceTypes: [ACM_CERTIFICATE],
  inputs: [ACM_CERTIFICATE_DETAILS],
  description:
    'Fails for an ACM certificate that has expired (status `EXPIRED`, or past its `NotAfter` at evaluation time) while a resource still uses it (`InUseBy` of DescribeCertificate: a load balancer, distribution, API Gateway domain …). An expired certificate nothing uses is left to `aws-acm-certificate-idle-unsafe` (low); one never issued (pending validation, failed) is not applicable.',
  risk: 'Every client of the endpoint gets a certificate error: an outage, and users and integrations trained to click through or disable verification, which is what an interception attack needs.',
  remediation: [
    'Replace the certificate on every resource listed in `InUseBy` with a valid one, then delete the expired certificate.',
    '',
    '- Console: Certificate Manager → the certificate → "Associated resources"; request or import a new certificate and select it on each resource.',
    '- CLI: `aws acm request-certificate --domain-name NAME --validation-method DNS`, then e.g. `aws elbv2 modify-listener --listener-arn ARN --certificates CertificateArn=NEW_ARN`.',
    '- Terraform: `aws_acm_certificate` with `lifecycle { create_before_destroy = true }` and `aws_acm_certificate_validation`, referenced by the listener / distribution.',
  ].join('\n'),
  references: [EDGE_REFS.acmRenewal, `${EDGE_REFS.acmHub}#acm-1`, REFS.pci],
  messages: {
    expired: 'ACM certificate {{certificate}} has expired ({{notAfter}}) and is {{use}}.',
    valid: 'ACM certificate {{certificate}} is valid until {{notAfter}}.',
    idle: 'ACM certificate {{certificate}} is not in use (an expired idle certificate is judged by aws-acm-certificate-idle-unsafe).',
    notIssued: 'ACM certificate {{certificate}} was never issued (status {{status}}).',
    unreadable: 'ACM certificate {{certificate}}: its details could not be read.',
  },
  evaluate(r, ctx) {
    const certificate = certificateName(r.data);
    const d = r.data.details;
    if (!d) return { status: 'unknown', messageId: 'unreadable', data: { certificate } };
    if (!inUse(d)) return { status: 'not_applicable', messageId: 'idle', data: { certificate } };
    const v = validity(r.data, d, ctx.now);
    const notAfter = d.notAfter ?? r.data.notAfter ?? 'unknown';
    if (v.state === 'undated') return { status: 'not_applicable', messageId: 'notIssued', data: { certificate, status: d.status ?? 'unknown' } };
    if (v.state === 'expired')
      return {
        status: 'fail',
        messageId: 'expired',
        data: { certificate, notAfter, use: useText(d) },
        evidence: { certificateArn: r.data.arn, notAfter, status: d.status, inUseBy: d.inUseBy },
      };
    return { status: 'pass', messageId: 'valid', data: { certificate, notAfter } };
  },
});
