import rule from '../../../policies/encryption/aws-sqs-queue-policy-public.js';
import type { IamPolicyDocument } from '../../../src/model/aws/iam.js';
import { queue } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const doc = (statement: IamPolicyDocument['Statement'][number]): { exists: true; document: IamPolicyDocument } => ({
  exists: true,
  document: { Version: '2012-10-17', Statement: [statement] },
});
const SEND = ['sqs:SendMessage'];
const ARN = ['arn:aws:sqs:us-east-1:123456789012:jobs'];

ruleTester(rule, {
  valid: [
    { name: 'no policy', resource: queue('jobs'), messageId: 'noPolicy' },
    {
      name: 'an SNS topic pinned by aws:SourceArn',
      resource: queue('jobs', {
        policy: doc({
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: SEND,
          Resource: ARN,
          Condition: { ArnEquals: { 'aws:SourceArn': ['arn:aws:sns:us-east-1:123456789012:events'] } },
        }),
      }),
      messageId: 'restricted',
    },
    {
      name: 'a named account',
      resource: queue('jobs', { policy: doc({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: SEND, Resource: ARN }) }),
    },
    { name: 'a Deny to everyone', resource: queue('jobs', { policy: doc({ Effect: 'Deny', Principal: { AWS: ['*'] }, Action: ['sqs:*'], Resource: ARN }) }) },
  ],
  invalid: [
    {
      name: 'everyone, no condition',
      resource: queue('jobs', { policy: doc({ Sid: 'open', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['sqs:*'], Resource: ARN }) }),
      messageId: 'public',
      data: { name: 'jobs', statements: 'open' },
    },
    {
      name: 'everyone with a condition that does not narrow (aws:SourceIp 0.0.0.0/0)',
      resource: queue('jobs', {
        policy: doc({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: SEND, Resource: ARN, Condition: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } } }),
      }),
      messageId: 'public',
    },
  ],
  unknown: [
    { name: 'attributes not read', resource: queue('jobs', { policy: null }), messageId: 'unreadable' },
    { name: 'policy text unparsable', resource: queue('jobs', { policy: { exists: true, document: null } }), messageId: 'unreadable' },
    { name: 'attributes never collected', resource: queue('jobs'), notCollected: ['aws.sqs.queue-attributes'] },
    { name: 'queues denied', coverage: [gap(['aws.sqs.queue'])] },
  ],
});
