import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-1-3-not-supported',
  title: 'TLS endpoint does not support TLS 1.3',
  severity: 'medium',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when a handshake pinned to TLS 1.3 (offering every RFC 8446 suite) is refused. TLS 1.3 is required by both Mozilla profiles (modern and intermediate) and by NIST SP 800-52r2 for new systems.',
  risk: 'Without TLS 1.3 every client falls back to TLS 1.2, with its larger attack surface (renegotiation, RSA key transport, CBC suites when enabled), a visible certificate, and an extra round trip.',
  remediation: [
    'Enable TLS 1.3 on the server or load balancer (OpenSSL ≥ 1.1.1).',
    '',
    '- nginx: `ssl_protocols TLSv1.2 TLSv1.3;`',
    '- Apache: `SSLProtocol -all +TLSv1.2 +TLSv1.3`',
    '- AWS ALB/NLB: a `ELBSecurityPolicy-TLS13-1-2-2021-06` (or newer) policy: `aws elbv2 modify-listener --listener-arn … --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`.',
    "- Node.js: `maxVersion: 'TLSv1.3'` (the default).",
  ].join('\n'),
  references: [REFS.mozilla, REFS.nist, 'https://www.rfc-editor.org/rfc/rfc8446'],
  messages: {
    missing: '{{endpoint}} does not accept TLS 1.3 (best protocol: {{best}}).',
    supported: '{{endpoint}} accepts TLS 1.3.',
    notProbed: NOT_PROBED_MESSAGE,
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(r) {
    const endpoint = endpointName(r);
    const v = r.data.protocols.tls1_3;
    if (v === null) return notProbed('TLS 1.3 support', r);
    if (v) return { status: 'pass', messageId: 'supported', data: { endpoint } };
    const best = (['tls1_2', 'tls1_1', 'tls1_0'] as const).find((p) => r.data.protocols[p] === true);
    const names = { tls1_2: 'TLSv1.2', tls1_1: 'TLSv1.1', tls1_0: 'TLSv1' };
    return {
      status: 'fail',
      messageId: 'missing',
      data: { endpoint, best: best ? names[best] : 'none' },
      evidence: { protocols: r.data.protocols, negotiated: r.data.negotiated?.protocol ?? null },
    };
  },
});
