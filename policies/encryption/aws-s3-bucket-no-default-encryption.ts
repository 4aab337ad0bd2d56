import { defineRule } from '../../src/api/rule.js';
import { S3_BUCKET, S3_BUCKET_ENCRYPTION } from '../../src/model/aws/s3.js';

export default defineRule({
  id: 'aws-s3-bucket-no-default-encryption',
  title: 'S3 bucket without default encryption',
  severity: 'medium',
  resourceTypes: [S3_BUCKET],
  inputs: [S3_BUCKET_ENCRYPTION],
  description:
    'Flags buckets with no default server-side encryption configuration. With `requireKms: true`, buckets whose default is SSE-S3 (`AES256`) also fail: only SSE-KMS / DSSE-KMS pass. Since January 2023 AWS applies SSE-S3 to every bucket, so on AWS a missing configuration is rare; emulators and old data still show it.',
  risk: 'Objects written without an encryption header are stored unencrypted. With SSE-S3 only, anyone who can read the object can decrypt it; SSE-KMS adds a key policy and an audit trail of every decryption.',
  remediation: [
    'Set a default encryption configuration on the bucket (SSE-KMS with a customer-managed key where key-level access control or audit is required).',
    '',
    '- Console: S3 → bucket → Properties → Default encryption → Edit.',
    '- CLI: `aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration \'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/…"},"BucketKeyEnabled":true}]}\'`',
    '- Terraform: `aws_s3_bucket_server_side_encryption_configuration` with `sse_algorithm = "aws:kms"`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  ],
  messages: {
    none: 'S3 bucket {{name}} has no default encryption configuration.',
    notKms: 'S3 bucket {{name}} encrypts by default with {{algorithms}}, not with a KMS key.',
    encrypted: 'S3 bucket {{name}} encrypts by default with {{algorithms}}.',
    unreadable: 'S3 bucket {{name}}: its encryption configuration could not be read.',
  },
  defaults: { requireKms: false },
  optionsSchema: { type: 'object', properties: { requireKms: { type: 'boolean' } }, additionalProperties: false },
  evaluate(bucket, ctx) {
    const name = bucket.data.name;
    const enc = bucket.data.encryption;
    if (enc === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (!enc.configured || enc.rules.length === 0)
      return { status: 'fail', messageId: 'none', data: { name }, evidence: { bucket: name, encryption: 'none configured' } };
    const algorithms = [...new Set(enc.rules.map((r) => r.algorithm))].join(', ');
    if (ctx.options.requireKms && !enc.rules.some((r) => r.algorithm.startsWith('aws:kms'))) {
      return { status: 'fail', messageId: 'notKms', data: { name, algorithms }, evidence: { bucket: name, algorithms: enc.rules.map((r) => r.algorithm) } };
    }
    return { status: 'pass', messageId: 'encrypted', data: { name, algorithms } };
  },
});
