/**
 * `data` of the GuardDuty resource type written by src/collectors/aws/guardduty.ts.
 *
 * - `aws.guardduty.region`: one per scanned region (`ref.id` = region), written whenever ListDetectors
 *   answered, also when the region has no detector (`detectors: []`), so "no detector" is a read fact and
 *   never the absence of data. A region has at most one detector per account.
 */
import type { TypeTable } from '../type-info.js';

export const GUARDDUTY_REGION = 'aws.guardduty.region' as const;

export interface GuardDutyDetector {
  detectorId: string;
  /** `ENABLED` or `DISABLED` (GetDetector); `null` when GetDetector failed (a coverage gap for the region). */
  status: string | null;
  /** `FIFTEEN_MINUTES`, `ONE_HOUR` or `SIX_HOURS`. */
  findingPublishingFrequency: string | null;
  /** Protection plans (GetDetector `Features`): name → `ENABLED` / `DISABLED`. */
  features: Record<string, string>;
}

/** `aws.guardduty.region` */
export interface GuardDutyRegionData {
  region: string;
  detectors: GuardDutyDetector[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface GuardDutyDataByType {
  [GUARDDUTY_REGION]: GuardDutyRegionData;
}

export const GUARDDUTY_TYPES: TypeTable<GuardDutyDataByType> = {
  [GUARDDUTY_REGION]: { provider: 'aws', scope: 'regional', version: 1, description: 'GuardDuty detectors of a region (none is a value)' },
};
