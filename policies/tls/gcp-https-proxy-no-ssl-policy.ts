import { defineRule } from '../../src/api/rule.js';
import { GCP_TARGET_HTTPS_PROXY } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-https-proxy-no-ssl-policy',
  title: 'HTTPS load balancer has no SSL policy (Google default allows TLS 1.0)',
  severity: 'medium',
  resourceTypes: [GCP_TARGET_HTTPS_PROXY],
  description:
    'Flags target HTTPS proxies without an attached SSL policy. Without one, Google applies its default: profile COMPATIBLE with minimum TLS 1.0. Proxies with a policy pass here; the policy itself is checked by gcp-ssl-policy-weak.',
  risk: 'The load balancer negotiates TLS 1.0/1.1 and legacy cipher suites with any client that asks, exposing user traffic to downgrade and legacy-cipher attacks and failing PCI DSS / NIST TLS requirements.',
  remediation: [
    'Create an SSL policy (`MODERN` or `RESTRICTED`, minimum TLS 1.2) and attach it to the proxy.',
    '',
    '- Console: Network services → Load balancing → the load balancer → Edit → Frontend → SSL policy.',
    '- CLI: `gcloud compute ssl-policies create tls12 --profile=MODERN --min-tls-version=1.2` then `gcloud compute target-https-proxies update PROXY --ssl-policy=tls12`',
    '- Terraform: `ssl_policy = google_compute_ssl_policy.tls12.id` on `google_compute_target_https_proxy`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts#defining_an_ssl_policy',
    'https://cloud.google.com/compute/docs/reference/rest/v1/targetHttpsProxies',
  ],
  messages: {
    none: "HTTPS proxy {{name}} has no SSL policy: Google's default (COMPATIBLE, TLS 1.0+) applies.",
    attached: 'HTTPS proxy {{name}} uses SSL policy {{policy}}.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(proxy) {
    const name = proxy.ref.name ?? proxy.data.name;
    const policy = proxy.data.sslPolicy;
    if (policy) return { status: 'pass', messageId: 'attached', data: { name, policy: policy.split('/').pop() } };
    return {
      status: 'fail',
      messageId: 'none',
      data: { name },
      evidence: { sslPolicy: null, urlMap: proxy.data.urlMap, effectivePolicy: 'Google default: COMPATIBLE, minimum TLS 1.0' },
    };
  },
});
