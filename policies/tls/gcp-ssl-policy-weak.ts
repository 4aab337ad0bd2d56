import { defineRule } from '../../src/api/rule.js';
import { GCP_SSL_POLICY } from '../../src/model/gcp.js';

const LEGACY_TLS = new Set(['TLS_1_0', 'TLS_1_1']);

export default defineRule({
  id: 'gcp-ssl-policy-weak',
  title: 'Load balancer SSL policy allows TLS below 1.2 or the COMPATIBLE profile',
  severity: 'medium',
  resourceTypes: [GCP_SSL_POLICY],
  description:
    'Flags Compute Engine SSL policies with `minTlsVersion` TLS_1_0 or TLS_1_1, with the `COMPATIBLE` profile (which enables 3DES and non-forward-secret suites), or with a `CUSTOM` profile listing a weak feature (`weakCustomFeatures`, default the 3DES suite). An unset profile / minimum version is COMPATIBLE / TLS_1_0, as Google documents (CIS GCP 3.9).',
  risk: 'Clients can be served TLS 1.0/1.1 and legacy cipher suites (CBC with SHA-1, 3DES: BEAST, SWEET32, no forward secrecy): weaker confidentiality for user traffic and failed PCI DSS / NIST requirements.',
  remediation: [
    'Use `MODERN` or `RESTRICTED` with minimum TLS 1.2.',
    '',
    '- Console: Network security → SSL policies → the policy → Edit → Minimum TLS version 1.2, profile Modern or Restricted.',
    '- CLI: `gcloud compute ssl-policies update POLICY --profile=MODERN --min-tls-version=1.2`',
    '- Terraform: `profile = "MODERN"` and `min_tls_version = "TLS_1_2"` on `google_compute_ssl_policy`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts',
    'https://cloud.google.com/compute/docs/reference/rest/v1/sslPolicies',
    'https://wiki.mozilla.org/Security/Server_Side_TLS',
  ],
  messages: {
    weak: 'SSL policy {{name}} is weak: {{reasons}}.',
    strong: 'SSL policy {{name}} requires TLS 1.2+ with profile {{profile}}.',
  },
  defaults: { weakCustomFeatures: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] },
  optionsSchema: {
    type: 'object',
    properties: { weakCustomFeatures: { type: 'array', items: { type: 'string', pattern: '^TLS_' }, uniqueItems: true } },
    additionalProperties: false,
  },
  evaluate(p, { options }) {
    const d = p.data;
    const name = p.ref.name ?? d.name;
    const reasons: string[] = [];
    if (LEGACY_TLS.has(d.minTlsVersion)) reasons.push(`minimum version ${d.minTlsVersion}`);
    if (d.profile === 'COMPATIBLE') reasons.push('profile COMPATIBLE');
    const weak = d.profile === 'CUSTOM' ? d.customFeatures.filter((f) => options.weakCustomFeatures.includes(f)) : [];
    if (weak.length) reasons.push(`custom features ${weak.join(', ')}`);
    if (reasons.length === 0) return { status: 'pass', messageId: 'strong', data: { name, profile: d.profile } };
    return {
      status: 'fail',
      messageId: 'weak',
      data: { name, reasons: reasons.join('; ') },
      evidence: { minTlsVersion: d.minTlsVersion, profile: d.profile, weakFeatures: weak },
    };
  },
});
