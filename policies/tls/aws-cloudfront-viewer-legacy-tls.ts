import { defineRule } from '../../src/api/rule.js';
import { CLOUDFRONT_DISTRIBUTION } from '../../src/model/aws/cloudfront.js';
import { CLOUDFRONT_MINIMUM_PROTOCOLS, distributionName, EDGE_REFS, protocolRank } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

const defaults: { minimumProtocolVersion: (typeof CLOUDFRONT_MINIMUM_PROTOCOLS)[number] } = { minimumProtocolVersion: 'TLSv1.2_2021' };

export default defineRule({
  id: 'aws-cloudfront-viewer-legacy-tls',
  title: 'CloudFront distribution accepts viewer TLS older than its minimum',
  severity: 'high',
  resourceTypes: [CLOUDFRONT_DISTRIBUTION],
  description:
    "Fails when a distribution's viewer security policy (`MinimumProtocolVersion`) is older than `minimumProtocolVersion` (default `TLSv1.2_2021`: TLS 1.2 and 1.3 with forward-secret AEAD suites only). A distribution on the default `*.cloudfront.net` certificate fails too: CloudFront then applies `TLSv1` whatever the setting says. A policy name Vigil does not know is unknown.",
  risk: 'Policies before `TLSv1.2_2018` accept TLS 1.0/1.1 (RFC 8996: deprecated); `TLSv1.2_2018` and `TLSv1.2_2019` still accept CBC and RSA-key-transport suites. Clients that can be downgraded, or that are old, then protect requests with deprecated cryptography, which PCI DSS 4.2.1 does not accept.',
  remediation: [
    'Use a custom certificate (ACM, in us-east-1) and the `TLSv1.2_2021` security policy or newer.',
    '',
    '- Console: CloudFront → the distribution → General → Settings → Edit → Custom SSL certificate, Security policy "TLSv1.2_2021".',
    '- CLI: in the distribution config set `ViewerCertificate.MinimumProtocolVersion` to `TLSv1.2_2021`, then `aws cloudfront update-distribution --id ID --if-match ETAG --distribution-config file://config.json`.',
    '- Terraform: `viewer_certificate { acm_certificate_arn = … ssl_support_method = "sni-only" minimum_protocol_version = "TLSv1.2_2021" }`.',
  ].join('\n'),
  references: [EDGE_REFS.cfSecurityPolicies, `${EDGE_REFS.cfHub}#cloudfront-15`, REFS.rfc8996, REFS.pci],
  messages: {
    legacy: 'CloudFront distribution {{distribution}} accepts viewers from {{policy}}, older than {{minimum}}.',
    defaultCertificate:
      'CloudFront distribution {{distribution}} uses the default *.cloudfront.net certificate, for which CloudFront accepts TLSv1 (older than {{minimum}}).',
    ok: 'CloudFront distribution {{distribution}} requires {{policy}} (at least {{minimum}}).',
    unrecognised: 'CloudFront distribution {{distribution}}: viewer security policy {{policy}} is not one Vigil knows.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { minimumProtocolVersion: { enum: [...CLOUDFRONT_MINIMUM_PROTOCOLS] } },
    additionalProperties: false,
  },
  evaluate(r, ctx) {
    const distribution = distributionName(r.data);
    const minimum = ctx.options.minimumProtocolVersion;
    const vc = r.data.viewerCertificate;
    const evidence = { distributionId: r.data.id, viewerCertificate: vc, minimum };
    if (vc?.cloudFrontDefaultCertificate) return { status: 'fail', messageId: 'defaultCertificate', data: { distribution, minimum }, evidence };
    const policy = vc?.minimumProtocolVersion ?? '(not stated)';
    const rank = protocolRank(policy);
    if (rank < 0) return { status: 'unknown', messageId: 'unrecognised', data: { distribution, policy }, evidence };
    if (rank < protocolRank(minimum)) return { status: 'fail', messageId: 'legacy', data: { distribution, policy, minimum }, evidence };
    return { status: 'pass', messageId: 'ok', data: { distribution, policy, minimum } };
  },
});
