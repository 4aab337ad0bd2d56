import { defineRule } from '../../src/api/rule.js';
import { CLOUDFRONT_DISTRIBUTION, CLOUDFRONT_DISTRIBUTION_CONFIG } from '../../src/model/aws/cloudfront.js';
import { distributionName, EDGE_REFS } from '../_lib/aws-edge.js';
import { globMatch } from '../_lib/aws-resource-policy.js';

const defaults: { exemptDistributions: string[] } = { exemptDistributions: [] };

export default defineRule({
  id: 'aws-cloudfront-logging-off',
  title: 'CloudFront distribution without standard access logging',
  severity: 'medium',
  resourceTypes: [CLOUDFRONT_DISTRIBUTION],
  inputs: [CLOUDFRONT_DISTRIBUTION_CONFIG],
  description:
    'Fails for a distribution whose standard logging to S3 (`Logging.Enabled` in GetDistributionConfig) is off. Logging configured only through the newer CloudWatch Logs delivery (standard logging v2) is not read yet: list such distributions in `exemptDistributions` (ids or aliases, `*` wildcards), which makes them not applicable.',
  risk: 'Without access logs, who requested what through the distribution (scraping, credential stuffing, data pulled from an origin) cannot be detected or scoped after the fact; CloudTrail records only configuration changes.',
  remediation: [
    'Turn on standard logging to a dedicated log bucket (or CloudWatch Logs delivery).',
    '',
    '- Console: CloudFront → the distribution → General → Settings → Edit → Standard logging "On", the log bucket and prefix.',
    '- CLI: in the distribution config set `Logging` to `{"Enabled":true,"IncludeCookies":false,"Bucket":"LOGS.s3.amazonaws.com","Prefix":"cdn/"}`, then `aws cloudfront update-distribution --id ID --if-match ETAG --distribution-config file://config.json`.',
    '- Terraform: `logging_config { bucket = "LOGS.s3.amazonaws.com" prefix = "cdn/" }` on `aws_cloudfront_distribution`.',
  ].join('\n'),
  references: [EDGE_REFS.cfLogging, `${EDGE_REFS.cfHub}#cloudfront-5`],
  messages: {
    off: 'CloudFront distribution {{distribution}} has standard logging off.',
    on: 'CloudFront distribution {{distribution}} logs to {{target}}.',
    exempt: 'CloudFront distribution {{distribution}} is exempt from this check ({{pattern}}).',
    unreadable: 'CloudFront distribution {{distribution}}: its logging configuration could not be read.',
  },
  defaults,
  optionsSchema: {
    type: 'object',
    properties: { exemptDistributions: { type: 'array', items: { type: 'string', minLength: 1 } } },
    additionalProperties: false,
  },
  evaluate(r, ctx) {
    const distribution = distributionName(r.data);
    const names = [r.data.id, ...r.data.aliases];
    const pattern = ctx.options.exemptDistributions.find((p) => names.some((n) => globMatch(p, n, true)));
    if (pattern) return { status: 'not_applicable', messageId: 'exempt', data: { distribution, pattern } };
    const log = r.data.logging;
    if (!log) return { status: 'unknown', messageId: 'unreadable', data: { distribution } };
    if (log.enabled) return { status: 'pass', messageId: 'on', data: { distribution, target: `${log.bucket ?? '?'}/${log.prefix ?? ''}` } };
    return { status: 'fail', messageId: 'off', data: { distribution }, evidence: { distributionId: r.data.id, loggingEnabled: false } };
  },
});
