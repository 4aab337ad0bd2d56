import { defineRule } from '../../src/api/rule.js';
import { BACKUP_PLAN, BACKUP_PLAN_RULES, BACKUP_REGION_SETTINGS, BACKUP_SELECTIONS } from '../../src/model/aws/backup.js';
import { DYNAMODB_TABLE } from '../../src/model/aws/dynamodb.js';
import { EFS_FILE_SYSTEM } from '../../src/model/aws/efs.js';
import { RDS_DB_CLUSTER, RDS_DB_INSTANCE } from '../../src/model/aws/rds.js';
import type { Resource } from '../../src/model/types.js';
import { backupCoverage } from '../_lib/aws-backup.js';

/** The fields of the four data types this rule reads. */
type Target = Resource<{ arn: string | null; engine?: string | null; clusterIdentifier?: string | null }>;

/** The DescribeRegionSettings opt-in key and label of each resource, and whether the collector read its tags. */
function backupKind(r: Target): { optIn: string; tagsRead: boolean; kind: string } {
  // ListTables / DescribeTable carry no tags: a tag-based selection cannot be resolved for a table.
  if (r.ref.type === DYNAMODB_TABLE) return { optIn: 'DynamoDB', tagsRead: false, kind: 'DynamoDB table' };
  if (r.ref.type === EFS_FILE_SYSTEM) return { optIn: 'EFS', tagsRead: true, kind: 'EFS file system' };
  const optIn = (r.data.engine ?? '').startsWith('aurora') ? 'Aurora' : 'RDS';
  return { optIn, tagsRead: true, kind: r.ref.type === RDS_DB_CLUSTER ? 'RDS DB cluster' : 'RDS DB instance' };
}

export default defineRule({
  id: 'aws-backup-resource-not-covered',
  title: 'Data store not covered by an AWS Backup plan',
  severity: 'medium',
  resourceTypes: [RDS_DB_INSTANCE, RDS_DB_CLUSTER, DYNAMODB_TABLE, EFS_FILE_SYSTEM],
  inputs: [BACKUP_PLAN, BACKUP_SELECTIONS, BACKUP_PLAN_RULES],
  description:
    "Flags RDS databases, DynamoDB tables and EFS file systems that no AWS Backup plan of their account and region selects: by ARN, ARN pattern (`*`, `arn:aws:rds:*:*:db:*`), tag (`ListOfTags`) and `Conditions`, minus `NotResources`, for a plan with at least one rule and a resource type opted in to AWS Backup in the region. Unknown when a plan's selections could not be read, when the answer depends on tags that were not collected (DynamoDB), or when the region's opt-in settings could not be read for a selected resource.",
  risk: "Without a backup plan the only copies are the service's own short-term ones (RDS automated backups, PITR), deleted with the resource or by whoever compromises the account; ransomware, a mistaken delete or a region-wide problem can lose the data for good, and there is no evidence of the backup policy auditors ask for.",
  remediation: [
    'Assign the resource to a backup plan (by tag, by resource type or by ARN), with copies in a locked vault.',
    '',
    '- Console: AWS Backup → Backup plans → the plan → Assign resources.',
    '- CLI: `aws backup create-backup-selection --backup-plan-id PLAN --backup-selection file://selection.json` (e.g. `"Resources": ["arn:aws:rds:*:*:db:*"]` or a `Conditions` tag match).',
    '- Terraform: `aws_backup_selection` with `resources` or `condition`/`selection_tag`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html',
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html',
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/service-opt-in.html',
  ],
  messages: {
    notCovered: '{{kind}} {{name}} is not selected by any AWS Backup plan in {{region}}.',
    covered: '{{kind}} {{name}} is backed up by plan {{plan}} ({{how}}).',
    optedOut: '{{kind}} {{name}} is selected by plan {{plan}}, but AWS Backup is opted out of {{service}} in {{region}}.',
    member: 'RDS DB instance {{name}} belongs to cluster {{cluster}}; AWS Backup protects the cluster.',
    plansUnreadable: '{{kind}} {{name}}: not selected by any readable plan, and the selections of {{plans}} could not be read.',
    tagsUnknown: "{{kind}} {{name}}: plan {{plans}} selects by tags, and the resource's tags were not collected.",
    optInUnknown: '{{kind}} {{name}} is selected by plan {{plan}}, but whether AWS Backup is opted in to {{service}} in {{region}} could not be read.',
  },
  evaluate(resource, ctx) {
    const res: Target = resource;
    const { account, region } = res.ref;
    if (res.ref.type === RDS_DB_INSTANCE && res.data.clusterIdentifier)
      return { status: 'not_applicable', messageId: 'member', data: { name: res.ref.id, cluster: res.data.clusterIdentifier } };
    const { optIn, tagsRead, kind } = backupKind(res);
    const kindName = { kind, name: res.ref.name ?? res.ref.id };
    const arn = res.ref.arn ?? res.data.arn ?? res.ref.id;
    const plans = ctx.index.inScope(BACKUP_PLAN, account, region);
    const cov = backupCoverage(plans, { arn, tags: tagsRead ? (res.ref.tags ?? {}) : undefined });
    if (cov.verdict === 'not-covered')
      return { status: 'fail', messageId: 'notCovered', data: { ...kindName, region }, evidence: { arn, plansInRegion: plans.map((p) => p.data.name) } };
    if (cov.verdict === 'unknown') {
      if (cov.unreadablePlans.length > 0)
        return { status: 'unknown', messageId: 'plansUnreadable', data: { ...kindName, plans: cov.unreadablePlans.join(', ') } };
      return { status: 'unknown', messageId: 'tagsUnknown', data: { ...kindName, plans: cov.tagDependent.map((t) => t.plan).join(', ') } };
    }
    const [first] = cov.coveredBy;
    if (!first) return { status: 'unknown', messageId: 'plansUnreadable', data: { ...kindName, plans: 'none' } };
    const settings = ctx.index.inScope(BACKUP_REGION_SETTINGS, account, region)[0];
    const optedIn = settings?.data.resourceTypeOptIn[optIn];
    const data = { ...kindName, plan: first.plan, service: optIn, region };
    if (optedIn === false) return { status: 'fail', messageId: 'optedOut', data, evidence: { arn, coveredBy: cov.coveredBy, optIn: { [optIn]: false } } };
    if (optedIn === undefined) return { status: 'unknown', messageId: 'optInUnknown', data };
    return { status: 'pass', messageId: 'covered', data: { ...kindName, plan: first.plan, how: first.how }, evidence: { coveredBy: cov.coveredBy } };
  },
});
