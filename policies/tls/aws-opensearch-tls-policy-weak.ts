import { defineRule } from '../../src/api/rule.js';
import { OPENSEARCH_DOMAIN } from '../../src/model/aws/opensearch.js';
import { OS_REFS } from '../_lib/aws-opensearch.js';
import { REFS } from '../_lib/tls-rules.js';

/** AWS's documented OpenSearch TLS policies and the lowest protocol each accepts. */
const MINIMUM: Record<string, string> = {
  'Policy-Min-TLS-1-0-2019-07': 'TLS 1.0',
  'Policy-Min-TLS-1-2-2019-07': 'TLS 1.2',
  'Policy-Min-TLS-1-2-PFS-2023-10': 'TLS 1.2',
};

export default defineRule({
  id: 'aws-opensearch-tls-policy-weak',
  title: 'OpenSearch domain accepts TLS below 1.2',
  severity: 'high',
  resourceTypes: [OPENSEARCH_DOMAIN],
  description:
    'Fails for an OpenSearch Service domain whose `DomainEndpointOptions.TLSSecurityPolicy` accepts protocols below TLS 1.2 (`Policy-Min-TLS-1-0-2019-07`, the default of older domains), or that is not in `allowedPolicies` (default: both TLS 1.2 policies; narrow it to `Policy-Min-TLS-1-2-PFS-2023-10` to require forward-secret suites). A policy name Vigil does not know, or none reported, is unknown.',
  risk: 'TLS 1.0/1.1 are deprecated by RFC 8996 (weak handshake integrity, CBC attacks, downgrade exposure); PCI DSS 4.2.1 does not accept them, and clients that still negotiate them expose the data they send to the domain.',
  remediation: [
    'Select a TLS 1.2 policy; `Policy-Min-TLS-1-2-PFS-2023-10` also limits the suites to forward-secret ones.',
    '',
    '- Console: Amazon OpenSearch Service → Domains → the domain → Actions → Edit security configuration → TLS security policy.',
    "- CLI: `aws opensearch update-domain-config --domain-name DOMAIN --domain-endpoint-options 'EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10'`",
    '- Terraform: `domain_endpoint_options { tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }` on `aws_opensearch_domain`.',
  ].join('\n'),
  references: [OS_REFS.endpoint, 'https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html', REFS.rfc8996],
  messages: {
    weak: 'OpenSearch domain {{name}} uses TLS policy {{policy}}, which accepts {{minimum}}.',
    notAllowed: 'OpenSearch domain {{name}} uses TLS policy {{policy}}, not one of the allowed policies ({{allowed}}).',
    ok: 'OpenSearch domain {{name}} uses TLS policy {{policy}} (minimum {{minimum}}).',
    unknownPolicy: 'OpenSearch domain {{name}}: TLS policy {{policy}} is not one Vigil knows, so its minimum protocol is unknown.',
    notReported: 'OpenSearch domain {{name}}: no TLS security policy was reported.',
  },
  defaults: { allowedPolicies: ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10'] },
  optionsSchema: {
    type: 'object',
    properties: { allowedPolicies: { type: 'array', items: { type: 'string', enum: Object.keys(MINIMUM) }, minItems: 1 } },
    additionalProperties: false,
  },
  evaluate(d, ctx) {
    const { name, tlsSecurityPolicy: policy } = d.data;
    if (policy === null) return { status: 'unknown', messageId: 'notReported', data: { name } };
    const minimum = MINIMUM[policy];
    if (minimum === undefined) return { status: 'unknown', messageId: 'unknownPolicy', data: { name, policy } };
    const evidence = { arn: d.data.arn, tlsSecurityPolicy: policy, minimumProtocol: minimum };
    if (minimum !== 'TLS 1.2') return { status: 'fail', messageId: 'weak', data: { name, policy, minimum }, evidence };
    const allowed = ctx.options.allowedPolicies;
    if (!allowed.includes(policy)) return { status: 'fail', messageId: 'notAllowed', data: { name, policy, allowed: allowed.join(', ') }, evidence };
    return { status: 'pass', messageId: 'ok', data: { name, policy, minimum } };
  },
});
