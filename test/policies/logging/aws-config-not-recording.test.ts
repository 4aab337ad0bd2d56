import rule from '../../../policies/logging/aws-config-not-recording.js';
import { WORKLOAD_TYPES } from '../../../policies/_lib/aws-regions.js';
import { configRegion, read, recorder } from '../../support/aws-detection.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'records all supported types with a channel', resource: configRegion('us-east-1', [recorder()]), messageId: 'recording' },
    {
      name: 'default recording group (no strategy) counts as all',
      resource: configRegion('us-east-1', [recorder({ recordingStrategy: null, includeGlobalResourceTypes: false })]),
    },
    {
      name: 'unused region, onlyRegionsInUse',
      resource: configRegion('us-east-1', []),
      coverage: [read([...WORKLOAD_TYPES])],
      options: { onlyRegionsInUse: true },
      status: 'not_applicable',
    },
  ],
  invalid: [
    { name: 'no recorder', resource: configRegion('us-east-1', []), messageId: 'none' },
    {
      name: 'recorder stopped',
      resource: configRegion('us-east-1', [recorder({ recording: false })]),
      messageId: 'partial',
      data: { region: 'us-east-1', reasons: 'default: not recording' },
    },
    {
      name: 'inclusion list',
      resource: configRegion('us-east-1', [
        recorder({ allSupported: false, recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES', resourceTypes: ['AWS::S3::Bucket'] }),
      ]),
      messageId: 'partial',
      data: { region: 'us-east-1', reasons: 'default: records only 1 selected resource type(s)' },
    },
    {
      name: 'exclusion list',
      resource: configRegion('us-east-1', [
        recorder({ allSupported: false, recordingStrategy: 'EXCLUSION_BY_RESOURCE_TYPES', excludedResourceTypes: ['AWS::EC2::Instance'] }),
      ]),
      messageId: 'partial',
    },
    {
      name: 'last recording failed',
      resource: configRegion('us-east-1', [recorder({ lastStatus: 'Failure', lastErrorCode: 'AccessDenied' })]),
      messageId: 'partial',
    },
    { name: 'no delivery channel', resource: configRegion('us-east-1', [recorder()], []), messageId: 'noChannel' },
  ],
  unknown: [
    { name: 'recorders could not be listed', coverage: [gap(['aws.config.region'])] },
    {
      name: 'status unread',
      resource: configRegion('us-east-1', [recorder({ recording: null })]),
      coverage: [gap(['aws.config.region'], { resourceId: 'us-east-1', operation: 'DescribeConfigurationRecorderStatus' })],
    },
    { name: 'status unread (data only)', resource: configRegion('us-east-1', [recorder({ recording: null })]), messageId: 'partial' },
    { name: 'channels unread', resource: configRegion('us-east-1', [recorder()], null), messageId: 'partial' },
  ],
});
