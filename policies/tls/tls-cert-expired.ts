import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS, servedCertificates } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-cert-expired',
  title: 'TLS certificate expired or not yet valid',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when the leaf certificate or an intermediate the server sends is past its notAfter date (`expired`) or before its notBefore date (`notYetValid`) at evaluation time.',
  risk: 'Clients reject the connection (an outage), or users and scripts learn to click through certificate errors, which makes interception easy.',
  remediation: [
    'Renew the certificate (and any expired intermediate) and reload the server; automate renewal (ACME / cert-manager / AWS Certificate Manager) and alert 30 days ahead.',
    '',
    '- ACM: `aws acm describe-certificate --certificate-arn …` shows `NotAfter` and `RenewalSummary`.',
    '- A notBefore in the future usually means a wrong clock on the issuing system: reissue with the right dates.',
  ].join('\n'),
  references: [REFS.cabf, 'https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5'],
  messages: {
    expired: 'The {{position}} certificate of {{endpoint}} ({{subject}}) expired on {{notAfter}}.',
    notYetValid: 'The {{position}} certificate of {{endpoint}} ({{subject}}) is not valid before {{notBefore}}.',
    valid: 'The certificates of {{endpoint}} are within their validity period (leaf until {{notAfter}}).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(r, ctx) {
    const endpoint = endpointName(r);
    const leaf = r.data.chain?.[0];
    if (!r.data.chain || !leaf) return notProbed('the certificate chain', r);
    const now = ctx.now.getTime();
    for (const { position, cert } of servedCertificates(r.data.chain)) {
      const data = { endpoint, position, subject: cert.subject, notBefore: cert.notBefore, notAfter: cert.notAfter };
      const evidence = { position, subject: cert.subject, notBefore: cert.notBefore, notAfter: cert.notAfter, fingerprintSha256: cert.fingerprintSha256 };
      if (Date.parse(cert.notAfter) < now) return { status: 'fail', messageId: 'expired', data, evidence };
      if (Date.parse(cert.notBefore) > now) return { status: 'fail', messageId: 'notYetValid', data, evidence };
    }
    return { status: 'pass', messageId: 'valid', data: { endpoint, notAfter: leaf.notAfter } };
  },
});
