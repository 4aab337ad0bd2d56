import { defineRule } from '../../src/api/rule.js';
import { CONFIG_REGION, type ConfigRecorder } from '../../src/model/aws/config.js';
import { REGION_SCOPE_DEFAULTS, REGION_SCOPE_MESSAGES, REGION_SCOPE_SCHEMA, regionScope } from '../_lib/aws-regions.js';

/** Why a recorder does not record every resource of the region, or `undefined` when it does. */
function shortfall(r: ConfigRecorder): string | undefined {
  if (r.recording !== true) return 'not recording';
  if (!r.allSupported || (r.recordingStrategy !== null && r.recordingStrategy !== 'ALL_SUPPORTED_RESOURCE_TYPES')) {
    return r.excludedResourceTypes.length > 0
      ? `excludes ${r.excludedResourceTypes.length} resource type(s)`
      : `records only ${r.resourceTypes.length} selected resource type(s)`;
  }
  if (r.lastStatus === 'Failure') return `last recording failed (${r.lastErrorCode ?? 'no error code'})`;
  return undefined;
}

export default defineRule({
  id: 'aws-config-not-recording',
  title: 'AWS Config not recording all resources in a region',
  severity: 'medium',
  resourceTypes: [CONFIG_REGION],
  description:
    'Flags scanned regions where no AWS Config recorder is recording all supported resource types (`allSupported`, not an inclusion or exclusion list) with a delivery channel, or where its last recording failed. Global resource types (IAM) need recording in one region only and are not required here. Every scanned region is judged by default (CIS); with `onlyRegionsInUse: true` only regions holding workloads are. A region whose recorders, their status or delivery channels could not be read is unknown.',
  risk: 'Without a configuration history, nobody can say what a resource looked like before an incident, who changed it, or prove to an auditor that a control held over the period: changes that open access go unrecorded.',
  remediation: [
    'Record all supported resource types in every region, delivering to a central S3 bucket.',
    '',
    '- Console: AWS Config → Settings → Edit → Record all resource types supported in this region; set a delivery channel (S3 bucket).',
    '- CLI: `aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=… --recording-group allSupported=true`, `aws configservice put-delivery-channel …`, then `aws configservice start-configuration-recorder --configuration-recorder-name default`.',
    '- Terraform: `aws_config_configuration_recorder` (`recording_group { all_supported = true }`), `aws_config_delivery_channel`, `aws_config_configuration_recorder_status` with `is_enabled = true`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1',
  ],
  messages: {
    recording: 'AWS Config recorder {{recorder}} records all resources in {{region}}.',
    none: 'AWS Config has no configuration recorder in {{region}}.',
    partial: 'AWS Config does not record all resources in {{region}}: {{reasons}}.',
    noChannel: 'AWS Config recorder {{recorder}} in {{region}} has no delivery channel: nothing is delivered.',
    ...REGION_SCOPE_MESSAGES,
  },
  defaults: REGION_SCOPE_DEFAULTS,
  optionsSchema: REGION_SCOPE_SCHEMA,
  evaluate(res, ctx) {
    const { region, recorders, deliveryChannels } = res.data;
    if (recorders.some((r) => r.recording === null) || deliveryChannels === null)
      return { status: 'unknown', messageId: 'partial', data: { region, reasons: 'recorder status or delivery channels unread' } };
    const good = recorders.find((r) => shortfall(r) === undefined);
    if (good && deliveryChannels.length > 0) return { status: 'pass', messageId: 'recording', data: { region, recorder: good.name } };
    const scope = regionScope(ctx, res.ref.account, region);
    if ('skip' in scope) return scope.skip;
    const evidence = {
      region,
      recorders: recorders.map((r) => ({
        name: r.name,
        recording: r.recording,
        allSupported: r.allSupported,
        recordingStrategy: r.recordingStrategy,
        lastStatus: r.lastStatus,
        shortfall: shortfall(r) ?? null,
      })),
      deliveryChannels: deliveryChannels.map((c) => c.name),
      ...(scope.workloads ? { workloads: scope.workloads } : {}),
    };
    if (recorders.length === 0) return { status: 'fail', messageId: 'none', data: { region }, evidence };
    if (good) return { status: 'fail', messageId: 'noChannel', data: { region, recorder: good.name }, evidence };
    return { status: 'fail', messageId: 'partial', data: { region, reasons: recorders.map((r) => `${r.name}: ${shortfall(r)}`).join('; ') }, evidence };
  },
});
