import { defineRule } from '../../src/api/rule.js';
import { SQS_QUEUE, SQS_QUEUE_ATTRIBUTES } from '../../src/model/aws/sqs.js';
import { publicGrants } from '../_lib/aws-resource-policy.js';

export default defineRule({
  id: 'aws-sqs-queue-policy-public',
  title: 'SQS queue policy open to everyone',
  severity: 'high',
  resourceTypes: [SQS_QUEUE],
  inputs: [SQS_QUEUE_ATTRIBUTES],
  description:
    'Flags queues whose access policy allows `*` (any principal, or `NotPrincipal`) without a condition pinning the caller or its source to fixed values (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, `aws:SourceVpce`, …), read the same way as S3, KMS and Lambda policies.',
  risk: 'Anyone with an AWS account can do what the statement allows: read and delete messages (data theft, lost work), send forged messages into the consumers, or purge the queue.',
  remediation: [
    'Name the principals (accounts, roles, the AWS service that publishes) and pin service principals with `aws:SourceArn` / `aws:SourceAccount`.',
    '',
    '- CLI: `aws sqs set-queue-attributes --queue-url URL --attributes file://policy.json`',
    '- Terraform: `aws_sqs_queue_policy` with a `condition` on `aws:SourceArn`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html',
  ],
  messages: {
    public: 'SQS queue {{name}}: its access policy allows everyone ({{statements}}).',
    restricted: 'SQS queue {{name}}: its access policy is not open to everyone.',
    noPolicy: 'SQS queue {{name}} has no access policy (only its own account can use it).',
    unreadable: 'SQS queue {{name}}: its access policy could not be read.',
  },
  evaluate(queue) {
    const { name, policy } = queue.data;
    if (policy === null || (policy.exists && !policy.document)) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (!policy.document) return { status: 'pass', messageId: 'noPolicy', data: { name } };
    const grants = publicGrants(policy.document);
    if (grants.length === 0) return { status: 'pass', messageId: 'restricted', data: { name } };
    return {
      status: 'fail',
      messageId: 'public',
      data: { name, statements: grants.map((g) => g.statement).join(', ') },
      evidence: { queueArn: queue.data.arn, publicStatements: grants },
    };
  },
});
