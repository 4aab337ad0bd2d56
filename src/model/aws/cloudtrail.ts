/**
 * `data` of the CloudTrail resource types written by src/collectors/aws/cloudtrail.ts.
 *
 * - `aws.cloudtrail.trail`: one per trail, in its home region (`ref.id` = trail ARN). Each region lists only
 *   the trails whose home it is (`includeShadowTrails: false`), so a multi-region trail is counted once.
 * - `aws.cloudtrail.account`: one per account (`ref.id` = account id, region `global`). It answers "is there
 *   a multi-region trail that is logging management events?" from a single DescribeTrails that includes
 *   shadow trails: every multi-region trail of the account applies to every region, so one region's view lists
 *   them all, whatever regions the scan was limited to.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const CLOUDTRAIL_TRAIL = 'aws.cloudtrail.trail' as const;
export const CLOUDTRAIL_ACCOUNT = 'aws.cloudtrail.account' as const;
/** Virtual input type (coverage entries only): a trail's GetTrailStatus / GetEventSelectors, read per trail. */
export const CLOUDTRAIL_TRAIL_STATUS = 'aws.cloudtrail.trail-status' as const;

/**
 * Which management events a trail records: `all` (read and write), `read-only`, `write-only`, `none`.
 * Derived from its (basic or advanced) event selectors.
 */
export type ManagementEvents = 'all' | 'read-only' | 'write-only' | 'none';

/** `aws.cloudtrail.trail` */
export interface TrailData {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean | null;
  logFileValidationEnabled: boolean;
  /** KMS key encrypting the log files (SSE-KMS); `null` when only SSE-S3 is used. */
  kmsKeyId: string | null;
  /** Bucket receiving the logs (possibly in another account). */
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  /** GetTrailStatus; `null` when it failed (coverage entry for this trail). */
  isLogging: boolean | null;
  /** From GetEventSelectors; `null` when it failed (coverage entry for this trail). */
  managementEvents: ManagementEvents | null;
}

/** A multi-region trail as seen from the account-level view. */
export interface MultiRegionTrailSummary {
  name: string;
  arn: string;
  homeRegion: string;
  isOrganizationTrail: boolean;
  isLogging: boolean | null;
  managementEvents: ManagementEvents | null;
  /**
   * The CloudWatch Logs log group the trail delivers to (`CloudWatchLogsLogGroupArn`), `null` when it
   * delivers to none. Absent only in snapshots written before schema version 3 (then unknown, never "none").
   */
  cloudWatchLogsLogGroupArn?: string | null;
}

/** `aws.cloudtrail.account` */
export interface CloudTrailAccountData {
  /** Region whose DescribeTrails (shadow trails included) produced this view. */
  viewRegion: string;
  /** Every multi-region trail that applies to the account (its own and organization trails). */
  multiRegionTrails: MultiRegionTrailSummary[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface CloudTrailDataByType {
  [CLOUDTRAIL_TRAIL]: TrailData;
  [CLOUDTRAIL_ACCOUNT]: CloudTrailAccountData;
}

export const CLOUDTRAIL_TYPES: TypeTable<CloudTrailDataByType> = {
  [CLOUDTRAIL_TRAIL]: { provider: 'aws', scope: 'regional', version: 1, description: 'CloudTrail trails (by home region)' },
  [CLOUDTRAIL_ACCOUNT]: { provider: 'aws', scope: 'global', version: 2, description: 'Account-level CloudTrail summary (multi-region trails)' },
};

export const CLOUDTRAIL_INPUT_TYPES = {
  [CLOUDTRAIL_TRAIL_STATUS]: { provider: 'aws', scope: 'regional', description: "A trail's logging status and event selectors" },
} as const satisfies Record<string, InputTypeInfo>;
