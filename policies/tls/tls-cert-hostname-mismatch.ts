import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE } from '../../src/model/tls.js';
import { endpointName, NOT_PROBED_MESSAGE, notProbed, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-cert-hostname-mismatch',
  title: 'TLS certificate does not match the host name',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Fails when the leaf certificate does not cover the name clients use: the `@sni` name of the target, else its host (RFC 6125: dNSName SANs with a whole-label left-most wildcard, the CN only when there is no dNSName, IP addresses against iPAddress SANs).',
  risk: 'Clients either refuse the connection or are configured to skip name checks, in which case any certificate from any trusted CA is accepted and interception is trivial.',
  remediation: [
    'Reissue the certificate with the served names in subjectAltName, or serve the right certificate for this SNI name.',
    '',
    '- OpenSSL: `-addext "subjectAltName=DNS:www.example.com,DNS:example.com"`.',
    '- ACM: `aws acm request-certificate --domain-name example.com --subject-alternative-names www.example.com`.',
  ].join('\n'),
  references: [REFS.rfc6125, 'https://www.rfc-editor.org/rfc/rfc9525'],
  messages: {
    mismatch: 'The certificate of {{endpoint}} does not cover "{{name}}" (it names {{names}}).',
    ok: 'The certificate of {{endpoint}} covers "{{name}}" ({{matchedBy}}).',
    notProbed: NOT_PROBED_MESSAGE,
    discovered: '{{endpoint}} was derived from {{origin}} by address: no name is known that clients use, so there is none to check.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(r) {
    const endpoint = endpointName(r);
    const h = r.data.hostname;
    if (r.data.origin && !r.data.sni) return { status: 'not_applicable', messageId: 'discovered', data: { endpoint, origin: r.data.origin } };
    const leaf = r.data.chain?.[0];
    if (!h || !r.data.chain || !leaf) return notProbed('the certificate', r);
    if (h.matches) return { status: 'pass', messageId: 'ok', data: { endpoint, name: h.name, matchedBy: h.matchedBy ?? '' } };
    const presented = [...leaf.dnsNames.map((d) => `DNS:${d}`), ...leaf.ipAddresses.map((i) => `IP:${i}`)];
    if (presented.length === 0 && leaf.commonName) presented.push(`CN:${leaf.commonName}`);
    const names = presented.length ? presented.slice(0, 10).join(', ') + (presented.length > 10 ? ', …' : '') : 'no name';
    return {
      status: 'fail',
      messageId: 'mismatch',
      data: { endpoint, name: h.name, names },
      evidence: { name: h.name, presented: presented.slice(0, 50), subject: leaf.subject },
    };
  },
});
