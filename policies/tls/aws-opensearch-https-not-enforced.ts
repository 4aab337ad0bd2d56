import { defineRule } from '../../src/api/rule.js';
import { OPENSEARCH_DOMAIN } from '../../src/model/aws/opensearch.js';
import { flagResult, OS_REFS } from '../_lib/aws-opensearch.js';

export default defineRule({
  id: 'aws-opensearch-https-not-enforced',
  title: 'OpenSearch domain accepts plain HTTP',
  severity: 'high',
  resourceTypes: [OPENSEARCH_DOMAIN],
  description:
    'Fails for an OpenSearch Service domain whose `DomainEndpointOptions.EnforceHTTPS` is `false`: its endpoint then answers plain HTTP as well as HTTPS. Unknown when the setting is not reported.',
  risk: 'Queries, indexed documents and the credentials or signed requests that carry them cross the network in clear text and can be read or altered on the path.',
  remediation: [
    'Require HTTPS on the domain endpoint (no downtime).',
    '',
    '- Console: Amazon OpenSearch Service → Domains → the domain → Actions → Edit security configuration → "Require HTTPS for all traffic to the domain".',
    "- CLI: `aws opensearch update-domain-config --domain-name DOMAIN --domain-endpoint-options 'EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10'`",
    '- Terraform: `domain_endpoint_options { enforce_https = true tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }` on `aws_opensearch_domain`.',
  ].join('\n'),
  references: [OS_REFS.endpoint, `${OS_REFS.controls}#opensearch-8`],
  messages: {
    off: 'OpenSearch domain {{name}} does not enforce HTTPS.',
    on: 'OpenSearch domain {{name}} enforces HTTPS.',
    unknown: 'OpenSearch domain {{name}}: whether HTTPS is enforced was not reported.',
  },
  evaluate(d) {
    return flagResult(d, d.data.enforceHttps, { on: 'on', off: 'off', unknown: 'unknown' }, { enforceHttps: false, endpoint: d.data.endpoint });
  },
});
