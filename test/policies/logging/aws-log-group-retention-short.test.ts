import rule from '../../../policies/logging/aws-log-group-retention-short.js';
import { logGroup } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'one year', resource: logGroup('/app', { retentionInDays: 365 }) },
    { name: 'never expires', resource: logGroup('/app', { retentionInDays: null }) },
    { name: 'tunable minimum', resource: logGroup('/app', { retentionInDays: 90 }), options: { minimumDays: 90 } },
  ],
  invalid: [
    {
      name: 'thirty days',
      resource: logGroup('/app', { retentionInDays: 30 }),
      messageId: 'short',
      data: { name: '/app', days: 30, minimum: 365 },
      evidence: { retentionInDays: 30, minimumDays: 365 },
    },
    {
      name: 'never expires, but a policy is required',
      resource: logGroup('/app', { retentionInDays: null }),
      options: { requireRetentionPolicy: true },
      messageId: 'never',
    },
  ],
  unknown: [{ name: 'log groups could not be listed', coverage: [gap(['aws.logs.log-group'])] }],
});
