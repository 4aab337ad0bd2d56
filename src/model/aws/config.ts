/**
 * `data` of the AWS Config resource type written by src/collectors/aws/config.ts.
 *
 * - `aws.config.region`: one per scanned region (`ref.id` = region), written whenever the recorders could be
 *   listed, also when there is none. Recorder status and delivery channels are separate calls: when one of
 *   them fails its field is `null` and a coverage entry names it.
 */
import type { TypeTable } from '../type-info.js';

export const CONFIG_REGION = 'aws.config.region' as const;

export interface ConfigRecorder {
  name: string;
  roleArn: string | null;
  /** `recordingGroup.allSupported`. */
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** `recordingGroup.recordingStrategy.useOnly` (`ALL_SUPPORTED_RESOURCE_TYPES`, `INCLUSION_BY_RESOURCE_TYPES`, `EXCLUSION_BY_RESOURCE_TYPES`), when set. */
  recordingStrategy: string | null;
  /** Resource types explicitly included (inclusion strategy) or excluded (exclusion strategy). */
  resourceTypes: string[];
  excludedResourceTypes: string[];
  /** DescribeConfigurationRecorderStatus: is it recording, and the last status (`Pending`, `Success`, `Failure`). `null` when unread. */
  recording: boolean | null;
  lastStatus: string | null;
  lastErrorCode: string | null;
}

export interface ConfigDeliveryChannel {
  name: string;
  s3BucketName: string | null;
  snsTopicArn: string | null;
}

/** `aws.config.region` */
export interface ConfigRegionData {
  region: string;
  recorders: ConfigRecorder[];
  /** `null` when DescribeDeliveryChannels failed. */
  deliveryChannels: ConfigDeliveryChannel[] | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface ConfigDataByType {
  [CONFIG_REGION]: ConfigRegionData;
}

export const CONFIG_TYPES: TypeTable<ConfigDataByType> = {
  [CONFIG_REGION]: { provider: 'aws', scope: 'regional', version: 1, description: 'AWS Config recorders, their status and delivery channels, per region' },
};
