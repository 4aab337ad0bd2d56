import { defineRule } from '../../src/api/rule.js';
import { GUARDDUTY_REGION } from '../../src/model/aws/guardduty.js';
import { REGION_SCOPE_DEFAULTS, REGION_SCOPE_MESSAGES, REGION_SCOPE_SCHEMA, regionScope } from '../_lib/aws-regions.js';

export default defineRule({
  id: 'aws-guardduty-disabled',
  title: 'GuardDuty not enabled in a region',
  severity: 'high',
  resourceTypes: [GUARDDUTY_REGION],
  description:
    'Flags scanned regions without an enabled GuardDuty detector (none, or one that is suspended). Every scanned region is judged by default, as CIS asks (an attacker goes where nobody watches); with `onlyRegionsInUse: true` only regions holding workloads (instances, volumes, databases, customer KMS keys, log groups, SNS topics, non-default VPCs) are, and a region whose workloads could not be read is unknown. A region whose detectors could not be read is unknown.',
  risk: 'Without GuardDuty nobody is told about credential misuse, crypto-mining, reconnaissance or data exfiltration from CloudTrail, VPC flow and DNS activity: a compromise runs until its damage is noticed another way.',
  remediation: [
    'Enable GuardDuty in every region (ideally for the whole organization from a delegated administrator account).',
    '',
    '- Console: GuardDuty → Get started → Enable GuardDuty (per region), or Settings → Accounts for an organization.',
    '- CLI: `aws guardduty create-detector --enable --region REGION` (or `aws guardduty update-detector --detector-id … --enable` for a suspended one).',
    '- Terraform: `aws_guardduty_detector` with `enable = true` per region provider (`aws_guardduty_organization_configuration` for organizations).',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1',
  ],
  messages: {
    enabled: 'GuardDuty is enabled in {{region}} (detector {{detector}}).',
    none: 'GuardDuty has no detector in {{region}}.',
    suspended: 'GuardDuty is suspended in {{region}} (detector {{detector}} is {{status}}).',
    ...REGION_SCOPE_MESSAGES,
  },
  defaults: REGION_SCOPE_DEFAULTS,
  optionsSchema: REGION_SCOPE_SCHEMA,
  evaluate(res, ctx) {
    const { region, detectors } = res.data;
    const on = detectors.find((d) => d.status === 'ENABLED');
    if (on) return { status: 'pass', messageId: 'enabled', data: { region, detector: on.detectorId } };
    const scope = regionScope(ctx, res.ref.account, region);
    if ('skip' in scope) return scope.skip;
    const evidence = {
      region,
      detectors: detectors.map((d) => ({ detectorId: d.detectorId, status: d.status })),
      ...(scope.workloads ? { workloads: scope.workloads } : {}),
    };
    const [d] = detectors;
    if (!d) return { status: 'fail', messageId: 'none', data: { region }, evidence };
    return { status: 'fail', messageId: 'suspended', data: { region, detector: d.detectorId, status: d.status ?? 'unknown' }, evidence };
  },
});
