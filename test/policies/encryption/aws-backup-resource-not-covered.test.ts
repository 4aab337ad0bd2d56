import rule from '../../../policies/encryption/aws-backup-resource-not-covered.js';
import type { Resource } from '../../../src/model/types.js';
import { dbCluster, dbInstance } from '../../support/aws-data.js';
import { dynamoTable, efsFileSystem } from '../../support/aws-datastores.js';
import { backupOptIn, backupPlan, selection } from '../../support/aws-queues.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const tagged = (r: Resource, tags: Record<string, string>): Resource => ({ ...r, ref: { ...r.ref, tags } });
const optIn = backupOptIn();
const EFS_ARN = 'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1';
const tagEq = (key: string, value: string) => ({ key, value });
const conditions = (c: Partial<ReturnType<typeof selection>['conditions']>) => ({
  conditions: { stringEquals: [], stringNotEquals: [], stringLike: [], stringNotLike: [], ...c },
});

ruleTester(rule, {
  valid: [
    {
      name: 'by exact ARN',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('daily', [selection('one', { resources: [EFS_ARN] })]), optIn],
      messageId: 'covered',
    },
    {
      name: 'by resource-type wildcard arn:aws:rds:*:*:db:*',
      resource: dbInstance('db1'),
      others: [backupPlan('rds', [selection('all-db', { resources: ['arn:aws:rds:*:*:db:*'] })]), optIn],
      results: [
        { status: 'pass', messageId: 'covered', data: { kind: 'RDS DB instance', name: 'db1', plan: 'rds', how: 'by ARN pattern arn:aws:rds:*:*:db:*' } },
      ],
    },
    { name: 'by *', resource: dynamoTable('orders'), others: [backupPlan('all', [selection('everything', { resources: ['*'] })]), optIn] },
    {
      name: 'by ListOfTags (any tag matches)',
      resource: tagged(efsFileSystem('fs-1'), { backup: 'daily' }),
      others: [backupPlan('tags', [selection('t', { listOfTags: [tagEq('backup', 'weekly'), tagEq('backup', 'daily')] })]), optIn],
    },
    {
      name: 'by resource type AND a Conditions tag',
      resource: tagged(dbCluster('c1'), { env: 'prod' }),
      others: [
        backupPlan('prod', [selection('p', { resources: ['arn:aws:rds:*:*:cluster:*'], ...conditions({ stringEquals: [tagEq('env', 'prod')] }) })]),
        optIn,
      ],
    },
    {
      name: 'StringLike condition alone selects every matching resource',
      resource: tagged(efsFileSystem('fs-1'), { team: 'payments-core' }),
      others: [backupPlan('teams', [selection('t', conditions({ stringLike: [tagEq('team', 'payments-*')] }))]), optIn],
    },
    { name: 'Aurora member instance: judged on the cluster', resource: dbInstance('c1-i1', { clusterIdentifier: 'c1' }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'no plan at all',
      resource: efsFileSystem('fs-1'),
      others: [optIn],
      messageId: 'notCovered',
      data: { kind: 'EFS file system', name: 'fs-1', region: 'us-east-1' },
    },
    {
      name: 'a plan selecting other resources only',
      resource: dbInstance('db1'),
      others: [backupPlan('efs', [selection('efs', { resources: ['arn:aws:elasticfilesystem:*:*:file-system/*'] })]), optIn],
      messageId: 'notCovered',
      evidence: { plansInRegion: ['efs'] },
    },
    {
      name: 'excluded by NotResources',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('all', [selection('all', { resources: ['*'], notResources: [EFS_ARN] })]), optIn],
      messageId: 'notCovered',
    },
    {
      name: 'tag condition not met (StringNotEquals env=dev)',
      resource: tagged(efsFileSystem('fs-1'), { env: 'dev' }),
      others: [backupPlan('all', [selection('not-dev', { resources: ['*'], ...conditions({ stringNotEquals: [tagEq('env', 'dev')] }) })]), optIn],
      messageId: 'notCovered',
    },
    {
      name: 'untagged resource, tag-based plan',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('tags', [selection('t', { listOfTags: [tagEq('backup', 'daily')] })]), optIn],
      messageId: 'notCovered',
    },
    {
      name: 'a plan with no rules backs up nothing',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('empty', [selection('all', { resources: ['*'] })], { rules: [] }), optIn],
      messageId: 'notCovered',
    },
    {
      name: 'selected, but the service is opted out in the region',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('all', [selection('all', { resources: ['*'] })]), backupOptIn({ EFS: false, RDS: true })],
      messageId: 'optedOut',
    },
  ],
  unknown: [
    {
      name: "a plan's selections could not be read",
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('locked', null), optIn],
      messageId: 'plansUnreadable',
    },
    {
      name: 'DynamoDB table and a tag-based selection (table tags are not collected)',
      resource: dynamoTable('orders'),
      others: [backupPlan('tags', [selection('t', { listOfTags: [tagEq('backup', 'daily')] })]), optIn],
      messageId: 'tagsUnknown',
    },
    {
      name: 'selected, opt-in settings not read',
      resource: efsFileSystem('fs-1'),
      others: [backupPlan('all', [selection('all', { resources: ['*'] })])],
      coverage: [gap(['aws.backup.region-settings'])],
      messageId: 'optInUnknown',
    },
    { name: 'plans could not be listed', resource: efsFileSystem('fs-1'), coverage: [gap(['aws.backup.plan'])], messageId: '_coverage' },
    { name: 'Backup never collected', resource: dbInstance('db1'), notCollected: ['aws.backup.plan', 'aws.backup.selections', 'aws.backup.plan-rules'] },
  ],
});
