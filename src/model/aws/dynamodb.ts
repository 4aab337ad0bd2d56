/**
 * `data` of `aws.dynamodb.table`, written by src/collectors/aws/dynamodb.ts (per region).
 *
 * `ref.id` is the table name, `ref.arn` the table ARN. DynamoDB always encrypts tables at rest; what
 * differs is the key: an AWS owned key (DescribeTable returns no `SSEDescription`), the AWS managed key
 * `aws/dynamodb` or a customer managed key (`SSEType` `KMS`, with the key ARN).
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const DYNAMODB_TABLE = 'aws.dynamodb.table' as const;
/** Virtual input type: a table's continuous backups (DescribeContinuousBackups), read per table. */
export const DYNAMODB_CONTINUOUS_BACKUPS = 'aws.dynamodb.continuous-backups' as const;

/** `aws.dynamodb.table` */
export interface DynamoDbTableData {
  name: string;
  arn: string;
  /** `ACTIVE`, `CREATING`, `UPDATING`, `DELETING`, `ARCHIVED`, …; `null` when DescribeTable failed (coverage entry). */
  status: string | null;
  /**
   * The key that encrypts the table: `AWS_OWNED` (no `SSEDescription`), `KMS` (AWS managed or customer
   * managed KMS key, see `kmsKeyArn`). `null` when DescribeTable failed.
   */
  sseType: 'AWS_OWNED' | 'KMS' | 'AES256' | null;
  /** `ENABLED`, `UPDATING`, `INACCESSIBLE_ENCRYPTION_CREDENTIALS`, …; `null` for an AWS owned key or when not read. */
  sseStatus: string | null;
  kmsKeyArn: string | null;
  /** `PROVISIONED` or `PAY_PER_REQUEST`. */
  billingMode: string | null;
  deletionProtection: boolean | null;
  /** Point-in-time recovery; `null` when DescribeContinuousBackups failed (coverage entry for this table). */
  pointInTimeRecovery: boolean | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface DynamoDbDataByType {
  [DYNAMODB_TABLE]: DynamoDbTableData;
}

export const DYNAMODB_TYPES: TypeTable<DynamoDbDataByType> = {
  [DYNAMODB_TABLE]: { provider: 'aws', scope: 'regional', version: 1, description: 'DynamoDB tables' },
};

export const DYNAMODB_INPUT_TYPES = {
  [DYNAMODB_CONTINUOUS_BACKUPS]: { provider: 'aws', scope: 'regional', description: "A table's point-in-time recovery status (DescribeContinuousBackups)" },
} as const satisfies Record<string, InputTypeInfo>;
