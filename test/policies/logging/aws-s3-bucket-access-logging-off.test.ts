import rule from '../../../policies/logging/aws-s3-bucket-access-logging-off.js';
import { bucket } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const noLogging = { enabled: false, targetBucket: null, targetPrefix: null };

ruleTester(rule, {
  valid: [
    { name: 'logging on', resource: bucket('b1') },
    {
      name: 'exempt log bucket',
      resource: bucket('access-logs-123', { logging: noLogging }),
      options: { exemptBuckets: ['access-logs-*'] },
      status: 'not_applicable',
    },
  ],
  invalid: [
    { name: 'logging off', resource: bucket('b2', { logging: noLogging }), messageId: 'off', evidence: { bucket: 'b2', loggingEnabled: false } },
    {
      name: 'pattern for other buckets does not exempt',
      resource: bucket('b3', { logging: noLogging }),
      options: { exemptBuckets: ['logs-*'] },
      messageId: 'off',
    },
  ],
  unknown: [
    {
      name: 'logging denied',
      resource: bucket('b4', { logging: null }),
      coverage: [gap(['aws.s3.bucket-logging'], { region: 'global', operation: 'GetBucketLogging', resourceId: 'b4' })],
    },
    { name: 'logging null without gap', resource: bucket('b5', { logging: null }) },
  ],
});
