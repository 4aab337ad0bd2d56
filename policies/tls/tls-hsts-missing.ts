import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS } from '../_lib/tls-rules.js';

const DAY = 86_400;

export default defineRule({
  id: 'tls-hsts-missing',
  title: 'HTTPS endpoint without HSTS (or with a short max-age)',
  severity: 'medium',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'For HTTPS targets (port 443, `https://` targets, or `checkHsts`), one `GET /` is sent over the scanned TLS connection. Fails when the response has no `Strict-Transport-Security` header (`missing`) or its max-age is under `minMaxAgeDays` (default 180, as testssl.sh; Mozilla recommends 2 years). Not applicable to non-HTTPS targets.',
  risk: 'Without HSTS the first plain-HTTP request (a typed URL, an old link) can be intercepted and kept on HTTP by an attacker (SSL stripping).',
  remediation: [
    'Send `Strict-Transport-Security: max-age=63072000; includeSubDomains` on every HTTPS response (check that every subdomain serves HTTPS first).',
    '',
    '- nginx: `add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;`',
    '- Apache: `Header always set Strict-Transport-Security "max-age=63072000; includeSubDomains"`',
    '- CloudFront: a response headers policy with `strict_transport_security { access_control_max_age_sec = 63072000 }`.',
  ].join('\n'),
  references: [REFS.rfc6797, REFS.mozilla, 'https://hstspreload.org/'],
  messages: {
    missing: '{{endpoint}} answered HTTP {{status}} without a Strict-Transport-Security header.',
    short: '{{endpoint}} sends HSTS with max-age {{maxAge}} s ({{days}} days), under {{minDays}} days.',
    ok: '{{endpoint}} sends HSTS with max-age {{maxAge}} s.',
    notHttps: '{{endpoint}} is not scanned as an HTTPS endpoint.',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: { minMaxAgeDays: 180 },
  optionsSchema: { type: 'object', properties: { minMaxAgeDays: { type: 'integer', minimum: 1 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const endpoint = endpointName(r);
    if (!r.data.https) return { status: 'not_applicable', messageId: 'notHttps', data: { endpoint } };
    const h = r.data.hsts;
    if (!h) return notProbed('the HTTP response (HSTS)', r);
    const evidence = { statusCode: h.statusCode, header: h.header, maxAge: h.maxAge, includeSubDomains: h.includeSubDomains };
    if (!h.present) return { status: 'fail', messageId: 'missing', data: { endpoint, status: h.statusCode }, evidence };
    const maxAge = h.maxAge ?? 0;
    const minDays = ctx.options.minMaxAgeDays;
    if (maxAge < minDays * DAY) return { status: 'fail', messageId: 'short', data: { endpoint, maxAge, days: Math.floor(maxAge / DAY), minDays }, evidence };
    return { status: 'pass', messageId: 'ok', data: { endpoint, maxAge }, evidence };
  },
});
