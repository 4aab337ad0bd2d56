/**
 * Which AWS Backup plans protect a resource, resolved the way AWS Backup assigns resources to a plan
 * (BackupSelection, AWS Backup developer guide "Assigning resources programmatically"):
 *
 * - `Resources` (ARNs, `*` wildcards: `*`, `arn:aws:rds:*:*:db:*`) and `ListOfTags` (StringEquals, any of
 *   them) select a resource when any of them matches (OR); a selection with neither selects every supported
 *   resource;
 * - `Conditions` (StringEquals / StringNotEquals / StringLike / StringNotLike on `aws:ResourceTag/…`) must all
 *   hold (AND);
 * - `NotResources` excludes;
 * - a plan only backs up resources of its own account and region, and only resource types AWS Backup is
 *   opted in to in that region (DescribeRegionSettings).
 *
 * Three-valued: a resource whose tags were not collected (DynamoDB tables) matches a tag condition as
 * `undefined`, and a selection that then depends on tags gives `undefined`, never a guess.
 */
import type { BackupPlanData, BackupSelectionData, BackupTagCondition } from '../../src/model/aws/backup.js';
import type { Resource } from '../../src/model/types.js';
import { globMatch } from './aws-resource-policy.js';

type Tri = boolean | undefined;

const or = (xs: Tri[]): Tri => (xs.some((x) => x === true) ? true : xs.every((x) => x === false) ? false : undefined);
const and = (xs: Tri[]): Tri => (xs.some((x) => x === false) ? false : xs.every((x) => x === true) ? true : undefined);
const not = (x: Tri): Tri => (x === undefined ? undefined : !x);

/** What a selection is matched against. `tags` is `undefined` when the resource's tags were not collected. */
export interface BackupTarget {
  arn: string;
  tags: Record<string, string> | undefined;
}

function tagEquals(t: BackupTarget, c: BackupTagCondition): Tri {
  if (t.tags === undefined) return undefined;
  return t.tags[c.key] === c.value;
}

function tagLike(t: BackupTarget, c: BackupTagCondition): Tri {
  if (t.tags === undefined) return undefined;
  const v = t.tags[c.key];
  return v !== undefined && globMatch(c.value, v);
}

/** Whether one selection assigns the target to its plan (`undefined`: depends on tags that were not read). */
export function selectionMatches(s: BackupSelectionData, t: BackupTarget): Tri {
  const byArn = s.resources.map((p) => globMatch(p, t.arn));
  const byTag = s.listOfTags.map((c) => tagEquals(t, c));
  const base: Tri = byArn.length === 0 && byTag.length === 0 ? true : or([...byArn, ...byTag]);
  const c = s.conditions;
  const conditions = and([
    ...c.stringEquals.map((x) => tagEquals(t, x)),
    ...c.stringNotEquals.map((x) => not(tagEquals(t, x))),
    ...c.stringLike.map((x) => tagLike(t, x)),
    ...c.stringNotLike.map((x) => not(tagLike(t, x))),
  ]);
  const excluded = s.notResources.some((p) => globMatch(p, t.arn));
  return and([base, conditions, !excluded]);
}

/** How a selection matched, for the evidence: the ARN pattern or tag that selected the resource. */
export function matchReason(s: BackupSelectionData, t: BackupTarget): string {
  const arn = s.resources.find((p) => globMatch(p, t.arn));
  if (arn) return arn === t.arn ? 'by ARN' : `by ARN pattern ${arn}`;
  const tag = s.listOfTags.find((c) => tagEquals(t, c) === true);
  if (tag) return `by tag ${tag.key}=${tag.value}`;
  if (s.resources.length === 0 && s.listOfTags.length === 0) return 'every supported resource';
  return 'by conditions';
}

export interface BackupCoverage {
  /** `covered`: a readable plan with a rule selects it; `unknown`: it might be, but something was not read. */
  verdict: 'covered' | 'not-covered' | 'unknown';
  coveredBy: Array<{ plan: string; selection: string; how: string }>;
  /** Plans whose selections or rules could not be read. */
  unreadablePlans: string[];
  /** Selections that would match depending on tags that were not collected. */
  tagDependent: Array<{ plan: string; selection: string }>;
}

/** Resolves a target against the plans of its own account and region. */
export function backupCoverage(plans: ReadonlyArray<Resource<BackupPlanData>>, target: BackupTarget): BackupCoverage {
  const out: BackupCoverage = { verdict: 'not-covered', coveredBy: [], unreadablePlans: [], tagDependent: [] };
  for (const p of plans) {
    const { name, selections, rules } = p.data;
    // A plan without rules never runs a backup; with unread rules we cannot tell.
    if (rules !== null && rules.length === 0) continue;
    if (selections === null) {
      out.unreadablePlans.push(name);
      continue;
    }
    for (const s of selections) {
      const m = selectionMatches(s, target);
      if (m === true && rules !== null) out.coveredBy.push({ plan: name, selection: s.name, how: matchReason(s, target) });
      else if (m === true) out.unreadablePlans.push(name);
      else if (m === undefined) out.tagDependent.push({ plan: name, selection: s.name });
    }
  }
  if (out.coveredBy.length > 0) out.verdict = 'covered';
  else if (out.unreadablePlans.length > 0 || out.tagDependent.length > 0) out.verdict = 'unknown';
  return out;
}
