import rule from '../../../policies/logging/aws-cloudtrail-log-validation-off.js';
import { trail } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'validation on', resource: trail('main') },
    {
      name: 'unreadable status does not hide validation',
      resource: trail('main', { isLogging: null }),
      coverage: [gap(['aws.cloudtrail.trail-status'], { operation: 'GetTrailStatus', resourceId: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' })],
    },
  ],
  invalid: [
    { name: 'validation off', resource: trail('local', { logFileValidationEnabled: false }), messageId: 'off', evidence: { logFileValidationEnabled: false } },
  ],
  unknown: [
    { name: 'DescribeTrails denied', coverage: [gap(['aws.cloudtrail.trail'], { operation: 'DescribeTrails' })] },
    {
      name: 'trail status denied',
      resource: trail('main'),
      coverage: [gap(['aws.cloudtrail.trail'], { operation: 'GetTrailStatus', resourceId: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' })],
    },
  ],
});
