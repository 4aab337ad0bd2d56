/**
 * DynamoDB collector (per region): tables with their encryption key and point-in-time recovery.
 *
 * ListTables is paged and returns names only; each table costs DescribeTable (encryption, status) and
 * DescribeContinuousBackups (PITR) under the shared per-resource cap. A failed call leaves its fields
 * `null` with a coverage entry for that table, so only the rules reading them become `unknown`.
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { DYNAMODB_CONTINUOUS_BACKUPS, DYNAMODB_TABLE, type DynamoDbTableData } from '../../model/aws/dynamodb.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

export interface RegionScope {
  partition: string;
  account: string;
  region: string;
}

/** Pure: one table from what DescribeTable (`undefined`: failed) and DescribeContinuousBackups (`undefined`: failed) said. */
export function tableToModel(name: string, table: TableDescription | undefined, pitr: boolean | undefined, scope: RegionScope): Resource<DynamoDbTableData> {
  const arn = table?.TableArn ?? `arn:${scope.partition}:dynamodb:${scope.region}:${scope.account}:table/${name}`;
  const sse = table?.SSEDescription;
  const sseType = table === undefined ? null : sse?.SSEType === 'KMS' ? 'KMS' : sse?.SSEType === 'AES256' ? 'AES256' : 'AWS_OWNED';
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: DYNAMODB_TABLE, id: name, arn, name },
    data: {
      name,
      arn,
      status: table?.TableStatus ?? null,
      sseType,
      sseStatus: sse?.Status ?? null,
      kmsKeyArn: sse?.KMSMasterKeyArn ?? null,
      billingMode: table?.BillingModeSummary?.BillingMode ?? (table ? 'PROVISIONED' : null),
      deletionProtection: table?.DeletionProtectionEnabled ?? (table ? false : null),
      pointInTimeRecovery: pitr ?? null,
    },
  };
}

export const dynamodb: AwsServiceCollector = {
  service: 'dynamodb',
  scope: 'regional',
  resourceTypes: [DYNAMODB_TABLE, DYNAMODB_CONTINUOUS_BACKUPS],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, paginateListTables } = await import('@aws-sdk/client-dynamodb');
    const client = ctx.client(DynamoDBClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const names = await ctx.attempt({ service: 'dynamodb', region, operation: 'ListTables', resourceTypes: [DYNAMODB_TABLE] }, () =>
      allPages(paginateListTables({ client, pageSize: 100, stopOnSameToken: true }, {}), (p) => p.TableNames),
    );
    if (!names) return [];
    const id = (n: string) => n;
    const [tables, backups] = await Promise.all([
      perResource(
        ctx,
        { service: 'dynamodb', region, operation: 'DescribeTable', resourceTypes: [DYNAMODB_TABLE] },
        names,
        id,
        async (n) => (await client.send(new DescribeTableCommand({ TableName: n }))).Table,
      ),
      perResource(
        ctx,
        { service: 'dynamodb', region, operation: 'DescribeContinuousBackups', resourceTypes: [DYNAMODB_CONTINUOUS_BACKUPS] },
        names,
        id,
        async (n) => {
          const d = (await client.send(new DescribeContinuousBackupsCommand({ TableName: n }))).ContinuousBackupsDescription;
          return d?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED';
        },
      ),
    ]);
    return names.map((n) => tableToModel(n, tables.get(n), backups.get(n), scope));
  },
};
