import { defineRule } from '../../src/api/rule.js';
import { SQS_QUEUE, SQS_QUEUE_ATTRIBUTES } from '../../src/model/aws/sqs.js';

export default defineRule({
  id: 'aws-sqs-queue-unencrypted',
  title: 'SQS queue not encrypted at rest',
  severity: 'medium',
  resourceTypes: [SQS_QUEUE],
  inputs: [SQS_QUEUE_ATTRIBUTES],
  description:
    'Flags SQS queues with neither SSE-SQS (`SqsManagedSseEnabled`) nor SSE-KMS (`KmsMasterKeyId`). A queue whose attributes could not be read is unknown.',
  risk: 'Messages waiting in the queue (orders, events, personal or cardholder data) are stored unencrypted by the service, short of what PCI DSS 3.5.1 and HIPAA 164.312(a)(2)(iv) expect for data at rest.',
  remediation: [
    'Turn on server-side encryption: SSE-SQS (no key to manage) or SSE-KMS with a customer managed key when you need to control and audit key use.',
    '',
    '- Console: SQS → the queue → Edit → Encryption.',
    '- CLI: `aws sqs set-queue-attributes --queue-url URL --attributes SqsManagedSseEnabled=true` (or `KmsMasterKeyId=alias/…`).',
    '- Terraform: `sqs_managed_sse_enabled = true` or `kms_master_key_id` on `aws_sqs_queue`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1',
  ],
  messages: {
    plain: 'SQS queue {{name}} is not encrypted at rest.',
    kms: 'SQS queue {{name}} is encrypted with KMS key {{key}}.',
    sqsManaged: 'SQS queue {{name}} is encrypted with SQS-managed keys (SSE-SQS).',
    unknown: 'SQS queue {{name}}: its attributes could not be read.',
  },
  evaluate(queue) {
    const { name, kmsMasterKeyId, sqsManagedSse } = queue.data;
    if (kmsMasterKeyId) return { status: 'pass', messageId: 'kms', data: { name, key: kmsMasterKeyId } };
    if (sqsManagedSse === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (sqsManagedSse) return { status: 'pass', messageId: 'sqsManaged', data: { name } };
    return { status: 'fail', messageId: 'plain', data: { name }, evidence: { queueArn: queue.data.arn, sqsManagedSseEnabled: false, kmsMasterKeyId: null } };
  },
});
