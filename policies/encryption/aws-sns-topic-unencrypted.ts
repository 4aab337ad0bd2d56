import { defineRule } from '../../src/api/rule.js';
import { SNS_TOPIC, SNS_TOPIC_ATTRIBUTES } from '../../src/model/aws/sns.js';

export default defineRule({
  id: 'aws-sns-topic-unencrypted',
  title: 'SNS topic not encrypted at rest',
  severity: 'low',
  resourceTypes: [SNS_TOPIC],
  inputs: [SNS_TOPIC_ATTRIBUTES],
  description: 'Flags SNS topics without server-side encryption (no `KmsMasterKeyId`). A topic whose attributes could not be read is unknown.',
  risk: 'Messages waiting for delivery are stored unencrypted by the service: alerts and events that carry personal or cardholder data are not protected at rest as PCI DSS 3.5 and HIPAA 164.312(a)(2)(iv) expect.',
  remediation: [
    'Turn on server-side encryption with a KMS key (a customer-managed key when publishers are other AWS services, whose key policy must let them use it).',
    '',
    '- Console: SNS → Topics → the topic → Edit → Encryption.',
    '- CLI: `aws sns set-topic-attributes --topic-arn ARN --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns`.',
    '- Terraform: `aws_sns_topic` with `kms_master_key_id`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1',
  ],
  messages: {
    plain: 'SNS topic {{name}} is not encrypted at rest.',
    encrypted: 'SNS topic {{name}} is encrypted with {{key}}.',
  },
  evaluate(topic) {
    const { name, kmsMasterKeyId } = topic.data;
    if (kmsMasterKeyId) return { status: 'pass', messageId: 'encrypted', data: { name, key: kmsMasterKeyId } };
    return { status: 'fail', messageId: 'plain', data: { name }, evidence: { kmsMasterKeyId: null } };
  },
});
