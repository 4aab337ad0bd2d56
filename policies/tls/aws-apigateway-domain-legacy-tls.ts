import { defineRule } from '../../src/api/rule.js';
import { APIGATEWAY_DOMAIN_NAME } from '../../src/model/aws/apigateway.js';
import { EDGE_REFS } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

/** `TLS_1_2` and the enhanced policies (`SecurityPolicy_TLS13_1_3_2025_09`, `SecurityPolicy_TLS12_…`) start at TLS 1.2. */
const CURRENT = /^(TLS_1_2|SecurityPolicy_TLS1[23]_.+)$/;
/** Policies that accept TLS 1.0 (and 1.1). */
const LEGACY = new Set(['TLS_1_0']);

export default defineRule({
  id: 'aws-apigateway-domain-legacy-tls',
  title: 'API Gateway custom domain accepts TLS 1.0',
  severity: 'high',
  resourceTypes: [APIGATEWAY_DOMAIN_NAME],
  description:
    "Fails for an API Gateway custom domain name (REST, HTTP or WebSocket) whose security policy is `TLS_1_0` (TLS 1.0, 1.1 and 1.2 with CBC and non-forward-secret suites), in REST's `securityPolicy` or any v2 `DomainNameConfigurations[].SecurityPolicy`. `TLS_1_2` and the enhanced `SecurityPolicy_TLS13_…` / `SecurityPolicy_TLS12_…` policies pass; a policy name Vigil does not know, or none stated, is unknown. The default `execute-api` endpoint is not a custom domain and is not judged here.",
  risk: 'Clients can negotiate TLS 1.0/1.1 (RFC 8996: deprecated), and an attacker on the path can push old clients to them; PCI DSS 4.2.1 does not accept them for cardholder data, and HIPAA transmission security expects current protocols.',
  remediation: [
    "Set the domain's security policy to `TLS_1_2` (or an enhanced TLS 1.3 policy).",
    '',
    '- Console: API Gateway → Custom domain names → the domain → Configurations → Edit → Minimum TLS version "TLS 1.2".',
    '- CLI (REST): `aws apigateway update-domain-name --domain-name NAME --patch-operations op=replace,path=/securityPolicy,value=TLS_1_2`; (HTTP/WebSocket): `aws apigatewayv2 update-domain-name --domain-name NAME --domain-name-configurations CertificateArn=ARN,EndpointType=REGIONAL,SecurityPolicy=TLS_1_2`.',
    '- Terraform: `security_policy = "TLS_1_2"` on `aws_api_gateway_domain_name`, or in `domain_name_configuration` of `aws_apigatewayv2_domain_name`.',
  ].join('\n'),
  references: [EDGE_REFS.apigwPolicies, REFS.rfc8996, REFS.pci],
  messages: {
    legacy: 'API Gateway custom domain {{domain}} accepts TLS 1.0 (security policy {{policies}}).',
    ok: 'API Gateway custom domain {{domain}} requires TLS 1.2 or newer ({{policies}}).',
    unrecognised: 'API Gateway custom domain {{domain}}: security policy {{policies}} is not one Vigil knows.',
  },
  evaluate(r) {
    const domain = r.data.domainName;
    const p = r.data.securityPolicies;
    const evidence = { domainName: domain, securityPolicies: p, endpointTypes: r.data.endpointTypes };
    const legacy = p.filter((x) => LEGACY.has(x));
    if (legacy.length > 0) return { status: 'fail', messageId: 'legacy', data: { domain, policies: legacy.join(', ') }, evidence };
    if (p.length === 0 || !p.every((x) => CURRENT.test(x)))
      return { status: 'unknown', messageId: 'unrecognised', data: { domain, policies: p.length ? p.join(', ') : '(none stated)' }, evidence };
    return { status: 'pass', messageId: 'ok', data: { domain, policies: p.join(', ') } };
  },
});
