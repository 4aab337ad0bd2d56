import { defineRule } from '../../src/api/rule.js';
import { OPENSEARCH_DOMAIN } from '../../src/model/aws/opensearch.js';
import { OS_REFS } from '../_lib/aws-opensearch.js';
import { publicGrants } from '../_lib/aws-resource-policy.js';

export default defineRule({
  id: 'aws-opensearch-domain-public',
  title: 'OpenSearch domain is reachable from the internet and open to everyone',
  severity: 'critical',
  resourceTypes: [OPENSEARCH_DOMAIN],
  description:
    'Judges where a domain can be reached from and who its access policy lets in. VPC domains pass (reachable only through the VPC and its security groups). A domain on a public endpoint fails when its access policy allows every principal (`*`, `NotPrincipal`) without a condition that pins the caller (source IP other than the whole internet, account, organization, VPC endpoint, …), and fails with `publicEndpoint` (severity as configured by `failPublicEndpoint`) when the policy is restricted but the endpoint is public. A policy that could not be parsed is unknown. Fine-grained access control can still restrict an open policy; it is shown in the evidence.',
  risk: 'An access policy open to `*` on a public endpoint lets anyone on the internet read, write and delete the indices (OpenSearch domains are a frequent source of leaked data sets).',
  remediation: [
    'Place the domain in a VPC (a new domain: the choice is fixed at creation; migrate with snapshots), or at least restrict the access policy to named principals or source IP ranges.',
    '',
    '- Console: Amazon OpenSearch Service → Domains → the domain → Security configuration → Edit → Access policy (and "VPC access" for a new domain).',
    '- CLI: `aws opensearch update-domain-config --domain-name DOMAIN --access-policies file://policy.json` (a policy naming principals), or `create-domain … --vpc-options SubnetIds=subnet-…,SecurityGroupIds=sg-…`',
    '- Terraform: `vpc_options { subnet_ids = [...] security_group_ids = [...] }` and an `access_policies` document with named principals on `aws_opensearch_domain`.',
  ].join('\n'),
  references: [OS_REFS.vpc, OS_REFS.access, `${OS_REFS.controls}#opensearch-2`],
  messages: {
    open: 'OpenSearch domain {{name}} has a public endpoint and its access policy allows everyone ({{statements}}).',
    publicEndpoint: 'OpenSearch domain {{name}} has a public endpoint (its access policy names its principals).',
    vpc: 'OpenSearch domain {{name}} is reachable only inside its VPC.',
    restricted: 'OpenSearch domain {{name}} has a public endpoint, but its access policy does not allow everyone.',
    unparsed: 'OpenSearch domain {{name}}: its access policy could not be parsed ({{error}}), so who it lets in is unknown.',
  },
  defaults: { failPublicEndpoint: false },
  optionsSchema: { type: 'object', properties: { failPublicEndpoint: { type: 'boolean' } }, additionalProperties: false },
  evaluate(d, ctx) {
    const { name, inVpc, accessPolicy, accessPolicyError } = d.data;
    if (inVpc) return { status: 'pass', messageId: 'vpc', data: { name } };
    if (accessPolicyError !== null) return { status: 'unknown', messageId: 'unparsed', data: { name, error: accessPolicyError } };
    const grants = accessPolicy ? publicGrants(accessPolicy) : [];
    const evidence = { arn: d.data.arn, endpoint: d.data.endpoint, fineGrainedAccessControl: d.data.fineGrainedAccessControl };
    if (grants.length > 0)
      return { status: 'fail', messageId: 'open', data: { name, statements: grants.map((g) => g.statement).join(', ') }, evidence: { ...evidence, grants } };
    if (ctx.options.failPublicEndpoint) return { status: 'fail', messageId: 'publicEndpoint', data: { name }, evidence };
    return { status: 'pass', messageId: 'restricted', data: { name } };
  },
});
