import { defineRule } from '../../src/api/rule.js';
import { S3_BUCKET, S3_BUCKET_LOGGING } from '../../src/model/aws/s3.js';
import { globMatch } from '../_lib/aws-resource-policy.js';

interface Options {
  exemptBuckets: string[];
}

const defaults: Options = { exemptBuckets: [] };

export default defineRule({
  id: 'aws-s3-bucket-access-logging-off',
  title: 'S3 bucket without server access logging',
  severity: 'medium',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_BUCKET_LOGGING],
  description:
    'Flags buckets without server access logging. `exemptBuckets` lists bucket-name patterns (`*` wildcards) that are not applicable, typically the log-target buckets themselves (a bucket cannot usefully log into itself).',
  risk: 'Without access logs, who read, wrote or deleted which object is unknown: data theft from the bucket cannot be detected or scoped. CloudTrail records object-level calls only when S3 data events are enabled.',
  remediation: [
    'Enable server access logging to a dedicated log bucket in the same region (or enable CloudTrail S3 data events).',
    '',
    '- CLI: `aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"BUCKET/"}}\'`',
    '- Terraform: `aws_s3_bucket_logging` with `target_bucket` and `target_prefix`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9',
  ],
  messages: {
    off: 'S3 bucket {{name}} has no server access logging.',
    on: 'S3 bucket {{name}} logs accesses to {{target}}.',
    exempt: 'S3 bucket {{name}} is exempt from access logging ({{pattern}}).',
    unreadable: 'S3 bucket {{name}}: its logging configuration could not be read.',
  },
  defaults,
  optionsSchema: { type: 'object', properties: { exemptBuckets: { type: 'array', items: { type: 'string', minLength: 1 } } }, additionalProperties: false },
  evaluate(bucket, ctx) {
    const name = bucket.data.name;
    const pattern = ctx.options.exemptBuckets.find((p) => globMatch(p, name));
    if (pattern) return { status: 'not_applicable', messageId: 'exempt', data: { name, pattern } };
    const log = bucket.data.logging;
    if (log === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (log.enabled) return { status: 'pass', messageId: 'on', data: { name, target: `${log.targetBucket}/${log.targetPrefix ?? ''}` } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { bucket: name, loggingEnabled: false } };
  },
});
