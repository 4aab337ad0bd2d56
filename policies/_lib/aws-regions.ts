/**
 * "A region in use": the detection rules (GuardDuty, Config, Security Hub) judge every scanned region by
 * default, as the CIS benchmark asks, and with `onlyRegionsInUse: true` only the regions that hold
 * workloads. A region is in use when the snapshot holds, in it, one of the workload resources below. It is
 * unused only when all of those types were read there and none was found; otherwise "in use" is unknown.
 */
import type { RuleContext } from '../../src/engine/types.js';
import { EBS_VOLUME } from '../../src/model/aws/ebs.js';
import { EC2_INSTANCE, EC2_VPC } from '../../src/model/aws/ec2.js';
import { KMS_KEY } from '../../src/model/aws/kms.js';
import { LOGS_LOG_GROUP } from '../../src/model/aws/logs.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import { SNS_TOPIC } from '../../src/model/aws/sns.js';
import type { ResourceType } from '../../src/model/registry.js';

/** Workload types that make a region "in use" (a non-default VPC counts; the default VPC exists everywhere). */
export const WORKLOAD_TYPES = [
  EC2_INSTANCE,
  EBS_VOLUME,
  RDS_DB_INSTANCE,
  RDS_DB_CLUSTER,
  KMS_KEY,
  LOGS_LOG_GROUP,
  SNS_TOPIC,
  EC2_VPC,
] as const satisfies readonly ResourceType[];

export type RegionUse = { inUse: true; workloads: Record<string, number> } | { inUse: false } | { inUse: 'unknown'; unread: string[] };

export function regionUse(ctx: RuleContext<unknown>, account: string, region: string): RegionUse {
  const workloads: Record<string, number> = {};
  const unread: string[] = [];
  for (const t of WORKLOAD_TYPES) {
    const found = ctx.index.inScope(t, account, region).filter((r) => t !== EC2_VPC || !(r.data as { isDefault?: boolean }).isDefault);
    if (found.length > 0) workloads[t] = found.length;
    else if (!ctx.index.collected(t, account, region) || ctx.index.gaps(t, account, region).length > 0) unread.push(t);
  }
  if (Object.keys(workloads).length > 0) return { inUse: true, workloads };
  return unread.length > 0 ? { inUse: 'unknown', unread } : { inUse: false };
}

/** The options every per-region detection rule shares. */
export const REGION_SCOPE_DEFAULTS = { onlyRegionsInUse: false };
export const REGION_SCOPE_SCHEMA = {
  type: 'object',
  properties: { onlyRegionsInUse: { type: 'boolean' } },
  additionalProperties: false,
} as const;

/** What a failing region's result becomes under the region scope option. */
export type RegionScope =
  { skip: { status: 'not_applicable' | 'unknown'; messageId: 'unused' | 'useUnknown'; data: Record<string, string> } } | { workloads?: Record<string, number> };

/**
 * For a failing region: with `onlyRegionsInUse`, a region without workloads is not applicable and one whose
 * use is unknown is unknown (`skip`); otherwise (the default) the region fails, with its workloads as
 * evidence when known.
 */
export function regionScope(ctx: RuleContext<{ onlyRegionsInUse: boolean }>, account: string, region: string): RegionScope {
  if (!ctx.options.onlyRegionsInUse) return {};
  const use = regionUse(ctx, account, region);
  if (use.inUse === true) return { workloads: use.workloads };
  if (use.inUse === false) return { skip: { status: 'not_applicable', messageId: 'unused', data: { region } } };
  return { skip: { status: 'unknown', messageId: 'useUnknown', data: { region, unread: use.unread.join(', ') } } };
}

/** Messages of the region scope results, spread into a rule's `messages`. */
export const REGION_SCOPE_MESSAGES = {
  unused: 'Region {{region}} holds no workload (onlyRegionsInUse).',
  useUnknown: 'Region {{region}} may be in use: {{unread}} could not be read there (onlyRegionsInUse).',
} as const;
