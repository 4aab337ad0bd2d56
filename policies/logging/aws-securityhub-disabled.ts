import { defineRule } from '../../src/api/rule.js';
import { SECURITYHUB_REGION } from '../../src/model/aws/securityhub.js';
import { REGION_SCOPE_DEFAULTS, REGION_SCOPE_MESSAGES, REGION_SCOPE_SCHEMA, regionScope } from '../_lib/aws-regions.js';

export default defineRule({
  id: 'aws-securityhub-disabled',
  title: 'Security Hub not enabled in a region',
  severity: 'medium',
  resourceTypes: [SECURITYHUB_REGION],
  description:
    'Flags scanned regions where the account is not subscribed to AWS Security Hub. Every scanned region is judged by default (CIS); with `onlyRegionsInUse: true` only regions holding workloads are. A region whose hub status could not be read is unknown. The enabled standards are collected (`aws.securityhub.standards`) but not judged by this rule.',
  risk: 'Without Security Hub the findings of GuardDuty, Inspector, Macie and Config rules are not aggregated, prioritised or routed: alerts exist in each service but nobody sees them together.',
  remediation: [
    'Enable Security Hub in every region, ideally with central configuration from a delegated administrator account, and aggregate findings into one region.',
    '',
    '- Console: Security Hub → Go to Security Hub → Enable Security Hub.',
    '- CLI: `aws securityhub enable-security-hub --enable-default-standards --region REGION`.',
    '- Terraform: `aws_securityhub_account` per region provider (`aws_securityhub_finding_aggregator` for cross-region aggregation).',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-v2-enable.html',
  ],
  messages: {
    enabled: 'Security Hub is enabled in {{region}}.',
    off: 'Security Hub is not enabled in {{region}}.',
    ...REGION_SCOPE_MESSAGES,
  },
  defaults: REGION_SCOPE_DEFAULTS,
  optionsSchema: REGION_SCOPE_SCHEMA,
  evaluate(res, ctx) {
    const { region, enabled } = res.data;
    if (enabled) return { status: 'pass', messageId: 'enabled', data: { region } };
    const scope = regionScope(ctx, res.ref.account, region);
    if ('skip' in scope) return scope.skip;
    return {
      status: 'fail',
      messageId: 'off',
      data: { region },
      evidence: { region, enabled: false, ...(scope.workloads ? { workloads: scope.workloads } : {}) },
    };
  },
});
