import rule from '../../../policies/logging/aws-cloudtrail-multi-region-missing.js';
import { cloudtrailAccount, trailSummary } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'one good trail', resource: cloudtrailAccount([trailSummary('main')]) },
    {
      name: 'good organization trail next to a stopped one',
      resource: cloudtrailAccount([trailSummary('old', { isLogging: false }), trailSummary('org', { isOrganizationTrail: true })]),
    },
    { name: 'good trail next to an unreadable one', resource: cloudtrailAccount([trailSummary('x', { isLogging: null }), trailSummary('main')]) },
  ],
  invalid: [
    { name: 'no multi-region trail', resource: cloudtrailAccount([]), messageId: 'none', evidence: { multiRegionTrails: [] } },
    {
      name: 'multi-region trail not logging',
      resource: cloudtrailAccount([trailSummary('main', { isLogging: false })]),
      messageId: 'inadequate',
      evidence: { multiRegionTrails: [{ isLogging: false, managementEvents: 'all' }] },
    },
    { name: 'write-only management events', resource: cloudtrailAccount([trailSummary('main', { managementEvents: 'write-only' })]), messageId: 'inadequate' },
    { name: 'no management events', resource: cloudtrailAccount([trailSummary('main', { managementEvents: 'none' })]), messageId: 'inadequate' },
  ],
  unknown: [
    { name: 'DescribeTrails denied', coverage: [gap(['aws.cloudtrail.account'], { region: 'global' })] },
    { name: 'status unreadable for the only trail', resource: cloudtrailAccount([trailSummary('main', { isLogging: null })]) },
    {
      name: 'selectors unreadable, gap recorded on the account',
      resource: cloudtrailAccount([trailSummary('main', { managementEvents: null })]),
      coverage: [gap(['aws.cloudtrail.account'], { region: 'global', operation: 'GetEventSelectors', resourceId: '123456789012' })],
    },
  ],
});
