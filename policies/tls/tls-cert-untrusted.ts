import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-cert-untrusted',
  title: 'TLS certificate chain untrusted or self-signed',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    "Fails when the chain the server sends does not lead to a trust anchor (Node's bundled Mozilla root store plus the `--ca-file` given to the scan), with `selfSigned` when the leaf is self-signed. Validity dates are left to `tls-cert-expired`; a self-signed leaf placed in the CA file is trusted on purpose and passes.",
  risk: 'Clients must either fail or be told to skip verification; skipped verification accepts any certificate, so a network attacker can intercept the traffic. A missing intermediate breaks clients that do not fetch it.',
  remediation: [
    'Serve a certificate from a CA your clients trust, with the complete intermediate chain (leaf first).',
    '',
    '- nginx: `ssl_certificate` must point to the full chain (`fullchain.pem`).',
    '- Private CAs: distribute the root to clients and scan with `--ca-file root.pem`.',
    '- Check: `openssl s_client -connect host:443 -servername host -showcerts`.',
  ].join('\n'),
  references: ['https://www.rfc-editor.org/rfc/rfc5280#section-6', REFS.mozilla, 'https://wiki.mozilla.org/CA'],
  messages: {
    selfSigned: 'The certificate of {{endpoint}} is self-signed ({{subject}}) and not in the trust store.',
    untrusted: 'The certificate chain of {{endpoint}} does not lead to a trusted root ({{error}}).',
    ok: 'The certificate chain of {{endpoint}} is trusted.',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(r) {
    const endpoint = endpointName(r);
    const t = r.data.trust;
    const leaf = r.data.chain?.[0];
    if (!t || !r.data.chain || !leaf) return notProbed('the certificate chain', r);
    if (t.trusted) return { status: 'pass', messageId: 'ok', data: { endpoint } };
    const evidence = { verifyError: t.verifyError, customCa: t.customCa, subject: leaf.subject, issuer: leaf.issuer, chainLength: r.data.chain.length };
    if (leaf.selfSigned) return { status: 'fail', messageId: 'selfSigned', data: { endpoint, subject: leaf.subject }, evidence };
    return { status: 'fail', messageId: 'untrusted', data: { endpoint, error: t.verifyError ?? 'no path to a trust anchor' }, evidence };
  },
});
