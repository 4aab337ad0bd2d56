import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE, TLS_PROTOCOLS } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, PROFILE_TUNABLE, profileOf, protocolName, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-legacy-protocol-enabled',
  title: 'TLS endpoint accepts TLS 1.0 or TLS 1.1',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    "Fails when a handshake pinned to a protocol outside the Mozilla profile succeeds: TLS 1.0 and 1.1 under `intermediate` (the default), also TLS 1.2 under `modern`. SSLv2/SSLv3 cannot be offered by Node's OpenSSL 3 and are reported as not probed in the evidence, never as absent.",
  risk: 'TLS 1.0/1.1 are deprecated by RFC 8996: SHA-1/MD5 handshake integrity, CBC-mode attacks (BEAST, POODLE-TLS, Lucky13) and downgrade exposure. PCI DSS forbids them for cardholder data.',
  remediation: [
    'Disable TLS 1.0 and 1.1 (keep 1.2 and 1.3).',
    '',
    '- nginx: `ssl_protocols TLSv1.2 TLSv1.3;`',
    '- Apache: `SSLProtocol -all +TLSv1.2 +TLSv1.3`',
    '- AWS ALB: `aws elbv2 modify-listener --listener-arn … --ssl-policy ELBSecurityPolicy-TLS13-1-2-2021-06`; Terraform `ssl_policy` on `aws_lb_listener`.',
    '- CloudFront: `minimum_protocol_version = "TLSv1.2_2021"`.',
  ].join('\n'),
  references: [REFS.rfc8996, REFS.mozilla, REFS.nist, REFS.pci],
  messages: {
    enabled: '{{endpoint}} accepts {{protocols}}, outside the Mozilla {{profile}} profile.',
    disabled: '{{endpoint}} accepts only {{profile}}-profile protocols (SSLv2/SSLv3 not probed).',
    notProbed: NOT_PROBED_MESSAGE,
  },
  ...PROFILE_TUNABLE,
  evaluate(r, ctx) {
    const profile = profileOf(ctx.options);
    const endpoint = endpointName(r);
    const outside = TLS_PROTOCOLS.filter((p) => !profile.protocols.includes(p));
    const on = outside.filter((p) => r.data.protocols[p] === true);
    const evidence = { protocols: r.data.protocols, profile: profile.name, notProbed: ['SSLv2', 'SSLv3'] };
    if (on.length > 0) {
      const protocols = on.map(protocolName).join(', ');
      return {
        status: 'fail',
        messageId: 'enabled',
        data: { endpoint, protocols, profile: profile.name },
        evidence: { ...evidence, accepted: on.map(protocolName) },
      };
    }
    const unknown = outside.filter((p) => r.data.protocols[p] === null);
    if (unknown.length > 0) return { status: 'unknown', messageId: 'notProbed', data: { endpoint, what: unknown.map(protocolName).join(', ') }, evidence };
    return { status: 'pass', messageId: 'disabled', data: { endpoint, profile: profile.name }, evidence };
  },
});
