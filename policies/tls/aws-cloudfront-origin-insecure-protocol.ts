import { defineRule } from '../../src/api/rule.js';
import { CLOUDFRONT_DISTRIBUTION } from '../../src/model/aws/cloudfront.js';
import { behavioursReaching, distributionName, EDGE_REFS, LEGACY_ORIGIN_PROTOCOLS } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-cloudfront-origin-insecure-protocol',
  title: 'CloudFront reaches an origin over plain HTTP or deprecated TLS',
  severity: 'high',
  resourceTypes: [CLOUDFRONT_DISTRIBUTION],
  description:
    "For every origin some behaviour sends requests to (directly or through an origin group), fails when CloudFront reaches it over plain HTTP, i.e. the origin protocol policy is `http-only`, or `match-viewer` while a behaviour reaching it allows viewers on HTTP (`allow-all`), or when the origin may be reached with SSLv3, TLS 1.0 or TLS 1.1 (`OriginSslProtocols`). S3 REST origins follow the viewer's protocol (a fixed `match-viewer`). A custom origin without a stated policy, or a VPC origin (whose protocol is set on the VPC origin, not collected), is unknown. Origins no behaviour uses are not judged.",
  risk: 'The leg between CloudFront and the origin crosses the internet: over HTTP, requests and responses (credentials, personal data) can be read and altered there even though the viewer saw HTTPS; TLS 1.0/1.1 are deprecated (RFC 8996) and let an attacker on that path force weaker protection.',
  remediation: [
    'Set the origin protocol policy to `https-only` and the origin SSL protocols to `TLSv1.2` only; for an S3 origin, make every behaviour reaching it `redirect-to-https` or `https-only`.',
    '',
    '- Console: CloudFront → the distribution → Origins → the origin → Edit → Protocol "HTTPS only", Minimum origin SSL protocol "TLSv1.2".',
    '- CLI: in the distribution config set `CustomOriginConfig.OriginProtocolPolicy` to `https-only` and `OriginSslProtocols` to `{"Quantity":1,"Items":["TLSv1.2"]}`, then `aws cloudfront update-distribution --id ID --if-match ETAG --distribution-config file://config.json`.',
    '- Terraform: `custom_origin_config { origin_protocol_policy = "https-only" origin_ssl_protocols = ["TLSv1.2"] … }` in the `origin` block.',
  ].join('\n'),
  references: [EDGE_REFS.cfOrigins, EDGE_REFS.cfS3Origins, `${EDGE_REFS.cfHub}#cloudfront-9`, `${EDGE_REFS.cfHub}#cloudfront-10`, REFS.rfc8996],
  messages: {
    insecure: 'CloudFront distribution {{distribution}} reaches {{count}} origin(s) insecurely: {{origins}}.',
    ok: 'CloudFront distribution {{distribution}} reaches its {{count}} origin(s) over TLS 1.2 or newer only.',
    unverified: 'CloudFront distribution {{distribution}}: how it reaches {{origins}} is not known.',
    noOrigins: 'CloudFront distribution {{distribution}}: no behaviour reaches a listed origin.',
  },
  evaluate(r) {
    const distribution = distributionName(r.data);
    const bad: Array<{ origin: string; problem: string }> = [];
    const unverified: string[] = [];
    let judged = 0;
    for (const o of r.data.origins) {
      const reaching = behavioursReaching(r.data, o);
      if (reaching.length === 0) continue;
      judged++;
      const label = `${o.id} (${o.domainName})`;
      const policy = o.kind === 's3' ? 'match-viewer' : o.kind === 'custom' ? o.protocolPolicy : null;
      if (policy === null || reaching.some((b) => !b.viewerProtocolPolicy)) {
        unverified.push(label);
        continue;
      }
      const httpPaths = reaching.filter((b) => b.viewerProtocolPolicy === 'allow-all').map((b) => b.path);
      if (policy === 'http-only') bad.push({ origin: label, problem: 'plain HTTP (http-only)' });
      else if (policy === 'match-viewer' && httpPaths.length > 0)
        bad.push({ origin: label, problem: `plain HTTP for viewers on HTTP (match-viewer, behaviour ${httpPaths.join(', ')} allows HTTP)` });
      else if (policy !== 'http-only' && policy !== 'match-viewer' && policy !== 'https-only') unverified.push(label);
      const legacy = o.kind === 'custom' && policy !== 'http-only' ? o.sslProtocols.filter((p) => LEGACY_ORIGIN_PROTOCOLS.has(p)) : [];
      if (legacy.length > 0) bad.push({ origin: label, problem: `offers ${legacy.join(', ')}` });
    }
    const evidence = { distributionId: r.data.id, origins: r.data.origins, behaviors: r.data.behaviors };
    if (bad.length > 0) {
      const origins = bad.map((b) => `${b.origin}: ${b.problem}`).join('; ');
      return {
        status: 'fail',
        messageId: 'insecure',
        data: { distribution, count: new Set(bad.map((b) => b.origin)).size, origins },
        evidence: { ...evidence, insecure: bad },
      };
    }
    if (unverified.length > 0) return { status: 'unknown', messageId: 'unverified', data: { distribution, origins: unverified.join(', ') }, evidence };
    if (judged === 0) return { status: 'unknown', messageId: 'noOrigins', data: { distribution } };
    return { status: 'pass', messageId: 'ok', data: { distribution, count: judged } };
  },
});
