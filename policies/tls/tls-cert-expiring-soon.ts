import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { daysLeft, endpointName, NOT_PROBED_MESSAGE, notProbed, REFS, servedCertificates } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-cert-expiring-soon',
  title: 'TLS certificate expires soon',
  severity: 'medium',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when the leaf certificate or a served intermediate expires within `days` (default 30) of evaluation time. Certificates already expired are left to `tls-cert-expired` (not applicable here).',
  risk: 'An unrenewed certificate becomes an outage on a known date; a renewal that is failing silently is found too late.',
  remediation: [
    'Renew now and check that automated renewal works (ACME client logs, cert-manager `Certificate` status, ACM `RenewalSummary`).',
    '',
    '- ACM: `aws acm describe-certificate --certificate-arn … --query Certificate.RenewalSummary`.',
    '- cert-manager: `kubectl describe certificate …`.',
  ].join('\n'),
  references: [REFS.cabf, 'https://www.rfc-editor.org/rfc/rfc8555'],
  messages: {
    expiring: 'The {{position}} certificate of {{endpoint}} ({{subject}}) expires in {{days}} day(s), on {{notAfter}}.',
    expired: 'A certificate of {{endpoint}} has already expired (see tls-cert-expired).',
    ok: 'The certificates of {{endpoint}} are valid for more than {{limit}} days (leaf: {{days}} days).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: { days: 30 },
  optionsSchema: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 3650 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const endpoint = endpointName(r);
    const leaf = r.data.chain?.[0];
    if (!r.data.chain || !leaf) return notProbed('the certificate chain', r);
    const served = servedCertificates(r.data.chain);
    if (served.some(({ cert }) => Date.parse(cert.notAfter) < ctx.now.getTime())) {
      return { status: 'not_applicable', messageId: 'expired', data: { endpoint } };
    }
    for (const { position, cert } of served) {
      const days = daysLeft(cert, ctx.now);
      if (days <= ctx.options.days) {
        return {
          status: 'fail',
          messageId: 'expiring',
          data: { endpoint, position, subject: cert.subject, days, notAfter: cert.notAfter },
          evidence: { position, subject: cert.subject, notAfter: cert.notAfter, daysLeft: days, limit: ctx.options.days },
        };
      }
    }
    return { status: 'pass', messageId: 'ok', data: { endpoint, limit: ctx.options.days, days: daysLeft(leaf, ctx.now) } };
  },
});
