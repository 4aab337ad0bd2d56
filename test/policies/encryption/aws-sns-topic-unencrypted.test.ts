import rule from '../../../policies/encryption/aws-sns-topic-unencrypted.js';
import { topic } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'KMS key', resource: topic('alerts'), messageId: 'encrypted' }],
  invalid: [{ name: 'no key', resource: topic('alerts', { kmsMasterKeyId: null }), messageId: 'plain' }],
  unknown: [
    {
      name: 'attributes unread for the topic',
      resource: topic('alerts', { kmsMasterKeyId: null }),
      coverage: [gap(['aws.sns.topic-attributes'], { resourceId: 'arn:aws:sns:us-east-1:123456789012:alerts' })],
    },
    { name: 'topics could not be listed', coverage: [gap(['aws.sns.topic'])] },
  ],
});
