import { defineRule } from '../../src/api/rule.js';
import { CLOUDFRONT_DISTRIBUTION } from '../../src/model/aws/cloudfront.js';
import { distributionName, EDGE_REFS } from '../_lib/aws-edge.js';

export default defineRule({
  id: 'aws-cloudfront-viewer-http-allowed',
  title: 'CloudFront behaviour serves viewers over plain HTTP',
  severity: 'medium',
  resourceTypes: [CLOUDFRONT_DISTRIBUTION],
  description:
    'Fails for a distribution where the default cache behaviour or any ordered one has the viewer protocol policy `allow-all` (HTTP served as is); `redirect-to-https` and `https-only` pass. Every behaviour is read, since a path pattern such as `/api/*` can allow HTTP while the default redirects. A behaviour whose policy is not stated is unknown.',
  risk: 'Requests and responses of the behaviour, cookies and tokens included, cross the internet in clear text and can be read or altered on the path; users who type the bare host name are never moved to HTTPS.',
  remediation: [
    'Set the viewer protocol policy of every behaviour to `redirect-to-https` (or `https-only` for APIs).',
    '',
    '- Console: CloudFront → the distribution → Behaviors → each behaviour → Edit → Viewer protocol policy "Redirect HTTP to HTTPS".',
    '- CLI: `aws cloudfront get-distribution-config --id ID > d.json`, set `ViewerProtocolPolicy` of `DefaultCacheBehavior` and every `CacheBehaviors` item, then `aws cloudfront update-distribution --id ID --if-match ETAG --distribution-config file://config.json`.',
    '- Terraform: `viewer_protocol_policy = "redirect-to-https"` in `default_cache_behavior` and every `ordered_cache_behavior` of `aws_cloudfront_distribution`.',
  ].join('\n'),
  references: [EDGE_REFS.cfViewerPolicy, `${EDGE_REFS.cfHub}#cloudfront-3`],
  messages: {
    allowAll: 'CloudFront distribution {{distribution}} serves plain HTTP on {{count}} behaviour(s): {{paths}}.',
    https: 'CloudFront distribution {{distribution}} sends every viewer to HTTPS ({{count}} behaviour(s)).',
    unstated: 'CloudFront distribution {{distribution}}: the viewer protocol policy of {{paths}} is not stated.',
  },
  evaluate(r) {
    const distribution = distributionName(r.data);
    const behaviours = r.data.behaviors;
    const paths = (list: typeof behaviours) => list.map((b) => b.pathPattern ?? 'default').join(', ');
    const open = behaviours.filter((b) => b.viewerProtocolPolicy === 'allow-all');
    if (open.length > 0)
      return {
        status: 'fail',
        messageId: 'allowAll',
        data: { distribution, count: open.length, paths: paths(open) },
        evidence: { distributionId: r.data.id, allowAll: open.map((b) => b.pathPattern ?? 'default') },
      };
    const unstated = behaviours.filter((b) => !b.viewerProtocolPolicy);
    if (unstated.length > 0 || behaviours.length === 0)
      return { status: 'unknown', messageId: 'unstated', data: { distribution, paths: behaviours.length ? paths(unstated) : 'the default behaviour' } };
    return { status: 'pass', messageId: 'https', data: { distribution, count: behaviours.length } };
  },
});
