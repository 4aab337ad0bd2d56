import rule from '../../../policies/encryption/aws-sqs-queue-unencrypted.js';
import { queue } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'SSE-SQS', resource: queue('jobs'), messageId: 'sqsManaged' },
    { name: 'SSE-KMS', resource: queue('jobs', { sqsManagedSse: false, kmsMasterKeyId: 'alias/aws/sqs' }), messageId: 'kms' },
  ],
  invalid: [
    {
      name: 'neither',
      resource: queue('jobs', { sqsManagedSse: false }),
      messageId: 'plain',
      data: { name: 'jobs' },
      evidence: { sqsManagedSseEnabled: false, kmsMasterKeyId: null },
    },
  ],
  unknown: [
    { name: 'attributes not read', resource: queue('jobs', { sqsManagedSse: null, policy: null, fifo: null }), messageId: 'unknown' },
    {
      name: 'attributes denied for the queue',
      resource: queue('jobs', { sqsManagedSse: false }),
      coverage: [gap(['aws.sqs.queue-attributes'], { resourceId: 'arn:aws:sqs:us-east-1:123456789012:jobs' })],
    },
    { name: 'queues could not be listed', coverage: [gap(['aws.sqs.queue'])] },
  ],
});
