/**
 * `data` of the Security Hub resource type written by src/collectors/aws/securityhub.ts.
 *
 * - `aws.securityhub.region`: one per scanned region (`ref.id` = region), written whenever DescribeHub
 *   answered, including "not subscribed" (`enabled: false`). The enabled standards are a separate call
 *   (GetEnabledStandards): when it fails `standards` is `null` and the virtual input type
 *   `aws.securityhub.standards` has the gap, so only rules reading the standards become unknown.
 */
import type { TypeTable } from '../type-info.js';

export const SECURITYHUB_REGION = 'aws.securityhub.region' as const;
/** Virtual input type (coverage entries only): GetEnabledStandards. */
export const SECURITYHUB_STANDARDS = 'aws.securityhub.standards' as const;

export interface SecurityHubStandard {
  standardsArn: string;
  subscriptionArn: string;
  /** `PENDING`, `READY`, `FAILED`, `DELETING`, `INCOMPLETE`. */
  status: string;
}

/** `aws.securityhub.region` */
export interface SecurityHubRegionData {
  region: string;
  enabled: boolean;
  hubArn: string | null;
  subscribedAt: string | null;
  autoEnableControls: boolean | null;
  /** `null` when the hub is on but GetEnabledStandards could not be read; `[]` when the hub is off. */
  standards: SecurityHubStandard[] | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface SecurityHubDataByType {
  [SECURITYHUB_REGION]: SecurityHubRegionData;
}

export const SECURITYHUB_TYPES: TypeTable<SecurityHubDataByType> = {
  [SECURITYHUB_REGION]: { provider: 'aws', scope: 'regional', version: 1, description: 'Security Hub status and enabled standards, per region' },
};

export const SECURITYHUB_INPUT_TYPES = {
  [SECURITYHUB_STANDARDS]: { provider: 'aws', scope: 'regional', description: 'The Security Hub standards enabled in a region' },
} as const;
