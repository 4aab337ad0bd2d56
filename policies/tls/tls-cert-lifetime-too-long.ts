import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-cert-lifetime-too-long',
  title: 'TLS certificate lifetime longer than 398 days',
  severity: 'low',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    "Fails when the leaf certificate's validity period (notAfter − notBefore) exceeds `maxDays` (default 398, the CA/Browser Forum limit that browsers enforce for publicly trusted certificates since 2020; Mozilla recommends 90, and 366 in the intermediate profile).",
  risk: 'Long-lived certificates keep a compromised or mis-issued key usable for years, and teams lose the renewal habit; browsers reject publicly trusted certificates beyond 398 days.',
  remediation: [
    'Reissue with a shorter validity and automate renewal (ACME, cert-manager, ACM, Google-managed certificates).',
    '',
    '- OpenSSL (private CA): `openssl x509 -req -days 90 …`.',
    '- Terraform `tls_locally_signed_cert`: `validity_period_hours = 2160`.',
  ].join('\n'),
  references: [REFS.cabf, 'https://support.apple.com/en-us/102028', REFS.mozilla],
  messages: {
    tooLong: 'The leaf certificate of {{endpoint}} is valid for {{days}} days (limit {{maxDays}}): {{notBefore}} to {{notAfter}}.',
    ok: 'The leaf certificate of {{endpoint}} is valid for {{days}} days (limit {{maxDays}}).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: { maxDays: 398 },
  optionsSchema: { type: 'object', properties: { maxDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const endpoint = endpointName(r);
    const leaf = r.data.chain?.[0];
    if (!r.data.chain || !leaf) return notProbed('the certificate chain', r);
    const days = leaf.lifetimeDays;
    const data = { endpoint, days, maxDays: ctx.options.maxDays, notBefore: leaf.notBefore, notAfter: leaf.notAfter };
    if (days > ctx.options.maxDays)
      return {
        status: 'fail',
        messageId: 'tooLong',
        data,
        evidence: { subject: leaf.subject, notBefore: leaf.notBefore, notAfter: leaf.notAfter, lifetimeDays: days },
      };
    return { status: 'pass', messageId: 'ok', data };
  },
});
