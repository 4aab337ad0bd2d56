/**
 * `data` of the AWS Backup resource types written by src/collectors/aws/backup.ts (per region).
 *
 * - `aws.backup.plan` (`ref.id` = plan id): ListBackupPlans, then per plan GetBackupPlan (its rules) and
 *   ListBackupSelections + GetBackupSelection (which resources it protects). A failed read leaves the field
 *   `null` with a coverage entry for that plan.
 * - `aws.backup.vault` (`ref.id` = vault name): ListBackupVaults (encryption key, Vault Lock).
 * - `aws.backup.region-settings` (`ref.id` = region): DescribeRegionSettings, which resource types AWS Backup
 *   is opted in to in the region (a plan skips a selected resource whose type is opted out). Written only
 *   when read; a failed read is a coverage gap.
 *
 * Plans are regional: a plan protects resources of its own region and account only.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const BACKUP_PLAN = 'aws.backup.plan' as const;
export const BACKUP_VAULT = 'aws.backup.vault' as const;
export const BACKUP_REGION_SETTINGS = 'aws.backup.region-settings' as const;
/** Virtual input types (coverage entries only): a plan's rules (GetBackupPlan) and its resource selections, read per plan. */
export const BACKUP_PLAN_RULES = 'aws.backup.plan-rules' as const;
export const BACKUP_SELECTIONS = 'aws.backup.selections' as const;

/** One tag condition of a selection: `aws:ResourceTag/<key>` compared with a value (case sensitive, as AWS compares). */
export interface BackupTagCondition {
  /** The tag key, without the `aws:ResourceTag/` prefix. */
  key: string;
  value: string;
}

/** One resource assignment of a plan (GetBackupSelection). */
export interface BackupSelectionData {
  selectionId: string;
  name: string;
  /** ARNs or ARN patterns (`*`, `arn:aws:rds:*:*:db:*`). Empty: not restricted by ARN. */
  resources: string[];
  /** ARNs or patterns excluded from the selection. */
  notResources: string[];
  /** `ListOfTags` (StringEquals only): a resource with ANY of these tags is selected (OR). */
  listOfTags: BackupTagCondition[];
  /** `Conditions`: every condition must hold (AND). */
  conditions: {
    stringEquals: BackupTagCondition[];
    stringNotEquals: BackupTagCondition[];
    stringLike: BackupTagCondition[];
    stringNotLike: BackupTagCondition[];
  };
}

/** One rule of a plan: when it runs and where the recovery points go. */
export interface BackupPlanRuleData {
  name: string;
  targetVault: string | null;
  /** `cron(...)` / `rate(...)`; `null` for an on-demand-only rule. */
  schedule: string | null;
  /** Lifecycle `DeleteAfterDays`; `null`: kept until deleted. */
  deleteAfterDays: number | null;
}

/** `aws.backup.plan` */
export interface BackupPlanData {
  planId: string;
  name: string;
  arn: string;
  versionId: string | null;
  /** The plan's rules (GetBackupPlan); `null` when not read (coverage entry for this plan). */
  rules: BackupPlanRuleData[] | null;
  /** Its resource selections; `null` when not read (coverage entry for this plan). */
  selections: BackupSelectionData[] | null;
}

/** `aws.backup.vault` */
export interface BackupVaultData {
  name: string;
  arn: string;
  /** The KMS key that encrypts recovery points in the vault. */
  encryptionKeyArn: string | null;
  /** AWS Backup Vault Lock is configured (`Locked`). */
  locked: boolean | null;
  minRetentionDays: number | null;
  maxRetentionDays: number | null;
  numberOfRecoveryPoints: number | null;
}

/** `aws.backup.region-settings` */
export interface BackupRegionSettingsData {
  region: string;
  /** `ResourceTypeOptInPreference`: service name (`RDS`, `Aurora`, `DynamoDB`, `EFS`, …) → opted in. */
  resourceTypeOptIn: Record<string, boolean>;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface BackupDataByType {
  [BACKUP_PLAN]: BackupPlanData;
  [BACKUP_VAULT]: BackupVaultData;
  [BACKUP_REGION_SETTINGS]: BackupRegionSettingsData;
}

export const BACKUP_TYPES: TypeTable<BackupDataByType> = {
  [BACKUP_PLAN]: { provider: 'aws', scope: 'regional', version: 1, description: 'AWS Backup plans (rules and resource selections)' },
  [BACKUP_VAULT]: { provider: 'aws', scope: 'regional', version: 1, description: 'AWS Backup vaults (encryption key, Vault Lock)' },
  [BACKUP_REGION_SETTINGS]: { provider: 'aws', scope: 'regional', version: 1, description: 'AWS Backup resource-type opt-in per region' },
};

export const BACKUP_INPUT_TYPES = {
  [BACKUP_PLAN_RULES]: { provider: 'aws', scope: 'regional', description: "A backup plan's rules (GetBackupPlan)" },
  [BACKUP_SELECTIONS]: { provider: 'aws', scope: 'regional', description: "A backup plan's resource selections (ListBackupSelections, GetBackupSelection)" },
} as const satisfies Record<string, InputTypeInfo>;
