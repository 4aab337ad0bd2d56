/** Builders for SQS queues, EKS clusters and AWS Backup plans in rule tests (compliant unless overridden). */
import { BACKUP_PLAN, BACKUP_REGION_SETTINGS, type BackupPlanData, type BackupSelectionData } from '../../src/model/aws/backup.js';
import { EKS_CLUSTER, type EksClusterData } from '../../src/model/aws/eks.js';
import { SQS_QUEUE, type SqsQueueData } from '../../src/model/aws/sqs.js';
import type { Resource, ResourceRef } from '../../src/model/types.js';
import { ACCOUNT } from './aws-data.js';
import { TEST_REGION, resource } from './rule-tester.js';

const r = <D>(type: Parameters<typeof resource>[0], id: string, data: D, extra: Partial<ResourceRef> = {}): Resource =>
  resource(type, id, data as never, extra) as unknown as Resource;

export function queue(name: string, data: Partial<SqsQueueData> = {}): Resource {
  const arn = `arn:aws:sqs:${TEST_REGION}:${ACCOUNT}:${name}`;
  return r<SqsQueueData>(
    SQS_QUEUE,
    arn,
    {
      name,
      arn,
      url: `https://sqs.${TEST_REGION}.amazonaws.com/${ACCOUNT}/${name}`,
      sqsManagedSse: true,
      kmsMasterKeyId: null,
      policy: { exists: false, document: null },
      fifo: false,
      ...data,
    },
    { arn, name },
  );
}

export function eksCluster(name: string, data: Partial<EksClusterData> = {}): Resource {
  return r<EksClusterData>(EKS_CLUSTER, name, {
    name,
    arn: `arn:aws:eks:${TEST_REGION}:${ACCOUNT}:cluster/${name}`,
    version: '1.31',
    status: 'ACTIVE',
    endpointPublicAccess: false,
    endpointPrivateAccess: true,
    publicAccessCidrs: [],
    encryption: [{ resources: ['secrets'], keyArn: `arn:aws:kms:${TEST_REGION}:${ACCOUNT}:key/k1` }],
    enabledLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    ...data,
  });
}

export function selection(name: string, data: Partial<BackupSelectionData> = {}): BackupSelectionData {
  return {
    selectionId: `sel-${name}`,
    name,
    resources: [],
    notResources: [],
    listOfTags: [],
    conditions: { stringEquals: [], stringNotEquals: [], stringLike: [], stringNotLike: [] },
    ...data,
  };
}

export function backupPlan(name: string, selections: BackupSelectionData[] | null, data: Partial<BackupPlanData> = {}): Resource {
  const id = `plan-${name}`;
  return r<BackupPlanData>(BACKUP_PLAN, id, {
    planId: id,
    name,
    arn: `arn:aws:backup:${TEST_REGION}:${ACCOUNT}:backup-plan:${id}`,
    versionId: 'v1',
    rules: [{ name: 'daily', targetVault: 'Default', schedule: 'cron(0 5 ? * * *)', deleteAfterDays: 35 }],
    selections,
    ...data,
  });
}

export function backupOptIn(optIn: Record<string, boolean> = { RDS: true, Aurora: true, DynamoDB: true, EFS: true }): Resource {
  return r(BACKUP_REGION_SETTINGS, TEST_REGION, { region: TEST_REGION, resourceTypeOptIn: optIn });
}
