/**
 * AWS Backup collector (per region).
 *
 * - Plans: ListBackupPlans (paged), then per plan under the shared per-resource cap GetBackupPlan (its rules)
 *   and ListBackupSelections (paged) + GetBackupSelection for each selection (the resources it assigns:
 *   ARNs and ARN patterns, exclusions, tag conditions). A failed read leaves `rules` / `selections` `null`
 *   with a coverage entry for that plan, so coverage rules answer `unknown` rather than "not covered".
 * - Vaults: ListBackupVaults (paged): encryption key and Vault Lock.
 * - DescribeRegionSettings: the resource types AWS Backup is opted in to in the region.
 */
import type { BackupRule, BackupSelection, ConditionParameter, Condition, BackupPlansListMember, BackupVaultListMember } from '@aws-sdk/client-backup';
import {
  BACKUP_PLAN,
  BACKUP_PLAN_RULES,
  BACKUP_REGION_SETTINGS,
  BACKUP_SELECTIONS,
  BACKUP_VAULT,
  type BackupPlanData,
  type BackupPlanRuleData,
  type BackupRegionSettingsData,
  type BackupSelectionData,
  type BackupTagCondition,
  type BackupVaultData,
} from '../../model/aws/backup.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, perResource } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

/** `aws:ResourceTag/env` → `env` (ListOfTags also accepts the bare key). */
function tagCondition(c: ConditionParameter | Condition): BackupTagCondition | undefined {
  if (c.ConditionKey === undefined) return undefined;
  return { key: c.ConditionKey.replace(/^aws:ResourceTag\//i, ''), value: c.ConditionValue ?? '' };
}

const conditions = (list: Array<ConditionParameter | Condition> | undefined): BackupTagCondition[] =>
  (list ?? []).map(tagCondition).filter((c): c is BackupTagCondition => c !== undefined);

/** Pure: one GetBackupSelection answer. */
export function selectionToModel(selectionId: string, raw: BackupSelection): BackupSelectionData {
  return {
    selectionId,
    name: raw.SelectionName ?? selectionId,
    resources: raw.Resources ?? [],
    notResources: raw.NotResources ?? [],
    // ListOfTags only supports StringEquals; any other type is not a tag match AWS would apply.
    listOfTags: conditions((raw.ListOfTags ?? []).filter((t) => t.ConditionType === undefined || t.ConditionType === 'STRINGEQUALS')),
    conditions: {
      stringEquals: conditions(raw.Conditions?.StringEquals),
      stringNotEquals: conditions(raw.Conditions?.StringNotEquals),
      stringLike: conditions(raw.Conditions?.StringLike),
      stringNotLike: conditions(raw.Conditions?.StringNotLike),
    },
  };
}

function ruleToModel(r: BackupRule): BackupPlanRuleData {
  return {
    name: r.RuleName ?? '',
    targetVault: r.TargetBackupVaultName ?? null,
    schedule: r.ScheduleExpression ?? null,
    deleteAfterDays: r.Lifecycle?.DeleteAfterDays ?? null,
  };
}

/** Pure: one plan from its listing entry, its rules (`undefined`: not read) and selections (`undefined`: not read). */
export function planToModel(
  listed: BackupPlansListMember & { BackupPlanId: string },
  rules: BackupRule[] | undefined,
  selections: BackupSelectionData[] | undefined,
  scope: RegionScope,
): Resource<BackupPlanData> {
  const id = listed.BackupPlanId;
  const arn = listed.BackupPlanArn ?? `arn:${scope.partition}:backup:${scope.region}:${scope.account}:backup-plan:${id}`;
  const name = listed.BackupPlanName ?? id;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: BACKUP_PLAN, id, arn, name },
    data: {
      planId: id,
      name,
      arn,
      versionId: listed.VersionId ?? null,
      rules: rules === undefined ? null : rules.map(ruleToModel),
      selections: selections ?? null,
    },
  };
}

/** Pure: one ListBackupVaults entry. */
export function vaultToModel(raw: BackupVaultListMember & { BackupVaultName: string }, scope: RegionScope): Resource<BackupVaultData> {
  const name = raw.BackupVaultName;
  const arn = raw.BackupVaultArn ?? `arn:${scope.partition}:backup:${scope.region}:${scope.account}:backup-vault:${name}`;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: BACKUP_VAULT, id: name, arn, name },
    data: {
      name,
      arn,
      encryptionKeyArn: raw.EncryptionKeyArn ?? null,
      locked: raw.Locked ?? null,
      minRetentionDays: raw.MinRetentionDays ?? null,
      maxRetentionDays: raw.MaxRetentionDays ?? null,
      numberOfRecoveryPoints: raw.NumberOfRecoveryPoints ?? null,
    },
  };
}

/** Pure: DescribeRegionSettings' `ResourceTypeOptInPreference`. */
export function regionSettingsToModel(optIn: Record<string, boolean>, scope: RegionScope): Resource<BackupRegionSettingsData> {
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: BACKUP_REGION_SETTINGS, id: scope.region, name: scope.region },
    data: { region: scope.region, resourceTypeOptIn: { ...optIn } },
  };
}

// ------------------------------------------------------------------ fetch

export const backup: AwsServiceCollector = {
  service: 'backup',
  scope: 'regional',
  resourceTypes: [BACKUP_PLAN, BACKUP_PLAN_RULES, BACKUP_SELECTIONS, BACKUP_VAULT, BACKUP_REGION_SETTINGS],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const {
      BackupClient,
      GetBackupPlanCommand,
      GetBackupSelectionCommand,
      DescribeRegionSettingsCommand,
      paginateListBackupPlans,
      paginateListBackupSelections,
      paginateListBackupVaults,
    } = await import('@aws-sdk/client-backup');
    const client = ctx.client(BackupClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const [plans, vaults, settings] = await Promise.all([
      ctx.attempt({ service: 'backup', region, operation: 'ListBackupPlans', resourceTypes: [BACKUP_PLAN] }, () =>
        allPages(paginateListBackupPlans({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.BackupPlansList),
      ),
      ctx.attempt({ service: 'backup', region, operation: 'ListBackupVaults', resourceTypes: [BACKUP_VAULT] }, () =>
        allPages(paginateListBackupVaults({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.BackupVaultList),
      ),
      ctx.attempt({ service: 'backup', region, operation: 'DescribeRegionSettings', resourceTypes: [BACKUP_REGION_SETTINGS] }, async () => {
        const r = await client.send(new DescribeRegionSettingsCommand({}));
        if (!r.ResourceTypeOptInPreference)
          throw Object.assign(new Error('DescribeRegionSettings answered without ResourceTypeOptInPreference'), { name: 'IncompleteResponse' });
        return r.ResourceTypeOptInPreference;
      }),
    ]);
    const out: Resource<any>[] = (vaults ?? [])
      .filter((v): v is BackupVaultListMember & { BackupVaultName: string } => !!v.BackupVaultName)
      .map((v) => vaultToModel(v, scope));
    if (settings) out.push(regionSettingsToModel(settings, scope));
    if (plans === undefined) return out;
    const listed = plans.filter((p): p is BackupPlansListMember & { BackupPlanId: string } => !!p.BackupPlanId && !p.DeletionDate);
    if (listed.length === 0) {
      // The listing succeeded and is empty: nothing to read per plan. Recorded here rather than by perResource,
      // whose "none to read" is withheld after any failure of the service in the region (DescribeRegionSettings
      // failing must not make "no plan" look like "plans not read").
      ctx.record({ service: 'backup', region, operation: 'GetBackupPlan', resourceTypes: [BACKUP_PLAN_RULES], status: 'ok', message: 'none to read' });
      ctx.record({ service: 'backup', region, operation: 'ListBackupSelections', resourceTypes: [BACKUP_SELECTIONS], status: 'ok', message: 'none to read' });
      return out;
    }
    const id = (p: { BackupPlanId: string }) => p.BackupPlanId;
    const [rules, selections] = await Promise.all([
      perResource(ctx, { service: 'backup', region, operation: 'GetBackupPlan', resourceTypes: [BACKUP_PLAN_RULES] }, listed, id, async (p) => {
        const plan = (await client.send(new GetBackupPlanCommand({ BackupPlanId: p.BackupPlanId }))).BackupPlan;
        if (!plan) throw Object.assign(new Error('GetBackupPlan answered without a plan'), { name: 'IncompleteResponse' });
        return plan.Rules ?? [];
      }),
      perResource(
        ctx,
        { service: 'backup', region, operation: 'ListBackupSelections+GetBackupSelection', resourceTypes: [BACKUP_SELECTIONS] },
        listed,
        id,
        async (p) => {
          const list = await allPages(
            paginateListBackupSelections({ client, pageSize: 100, stopOnSameToken: true }, { BackupPlanId: p.BackupPlanId }),
            (page) => page.BackupSelectionsList,
          );
          const selected: BackupSelectionData[] = [];
          for (const s of list) {
            if (!s.SelectionId) continue;
            const got = await client.send(new GetBackupSelectionCommand({ BackupPlanId: p.BackupPlanId, SelectionId: s.SelectionId }));
            if (!got.BackupSelection) throw Object.assign(new Error('GetBackupSelection answered without a selection'), { name: 'IncompleteResponse' });
            selected.push(selectionToModel(s.SelectionId, got.BackupSelection));
          }
          return selected;
        },
      ),
    ]);
    for (const p of listed) out.push(planToModel(p, rules.get(p.BackupPlanId), selections.get(p.BackupPlanId), scope));
    return out;
  },
};
