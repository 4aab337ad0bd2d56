/**
 * The registry of resource types: the contract between collectors and rules.
 *
 * Each model file declares its types once, beside their data interfaces: a `…DataByType` interface (type
 * name → data shape, with TSDoc) and a runtime table (`provider`, `scope`, `version`). This file only
 * aggregates them. From it follow:
 * - the TypeScript types: {@link ResourceType} (a typo in a type name is a compile error) and
 *   {@link DataOf} (the data a rule over that type reads, without casts);
 * - the per-type JSON Schema, generated from {@link ResourceDataMap} by `npm run schema` into
 *   `src/model/generated/`, with which every resource of a snapshot is validated on load;
 * - the keys of a rule's `resourceTypes` and `inputs`.
 *
 * To add a type: declare it in its model file (constant, interface, table entry), extend the two aggregates
 * below, run `npm run schema`. Changing an existing type's data needs its `version` and
 * `SNAPSHOT_SCHEMA_VERSION` bumped (`test/model/registry.test.ts` says so).
 */
import { CLOUDTRAIL_INPUT_TYPES, CLOUDTRAIL_TYPES, type CloudTrailDataByType } from './aws/cloudtrail.js';
import { EBS_INPUT_TYPES, EBS_TYPES, type EbsDataByType } from './aws/ebs.js';
import { EC2_TYPES, type Ec2DataByType } from './aws/ec2.js';
import { ELBV2_INPUT_TYPES, ELBV2_TYPES, type Elbv2DataByType } from './aws/elbv2.js';
import { IAM_INPUT_TYPES, IAM_TYPES, type IamDataByType } from './aws/iam.js';
import { KMS_INPUT_TYPES, KMS_TYPES, type KmsDataByType } from './aws/kms.js';
import { RDS_TYPES, type RdsDataByType } from './aws/rds.js';
import { S3_INPUT_TYPES, S3_TYPES, type S3DataByType } from './aws/s3.js';
import { DYNAMODB_INPUT_TYPES, DYNAMODB_TYPES, type DynamoDbDataByType } from './aws/dynamodb.js';
import { EFS_TYPES, type EfsDataByType } from './aws/efs.js';
import { LAMBDA_INPUT_TYPES, LAMBDA_TYPES, type LambdaDataByType } from './aws/lambda.js';
import { SECRETSMANAGER_TYPES, type SecretsManagerDataByType } from './aws/secretsmanager.js';
import { CLOUDWATCH_TYPES, type CloudWatchDataByType } from './aws/cloudwatch.js';
import { CONFIG_TYPES, type ConfigDataByType } from './aws/config.js';
import { GUARDDUTY_TYPES, type GuardDutyDataByType } from './aws/guardduty.js';
import { LOGS_TYPES, type LogsDataByType } from './aws/logs.js';
import { SECURITYHUB_INPUT_TYPES, SECURITYHUB_TYPES, type SecurityHubDataByType } from './aws/securityhub.js';
import { SNS_INPUT_TYPES, SNS_TYPES, type SnsDataByType } from './aws/sns.js';
import { ELB_INPUT_TYPES, ELB_TYPES, type ElbDataByType } from './aws/elb.js';
import { OPENSEARCH_TYPES, type OpenSearchDataByType } from './aws/opensearch.js';
import { ELASTICACHE_TYPES, type ElastiCacheDataByType } from './aws/elasticache.js';
import { REDSHIFT_TYPES, type RedshiftDataByType } from './aws/redshift.js';
import { CLOUDFRONT_INPUT_TYPES, CLOUDFRONT_TYPES, type CloudFrontDataByType } from './aws/cloudfront.js';
import { ACM_INPUT_TYPES, ACM_TYPES, type AcmDataByType } from './aws/acm.js';
import { APIGATEWAY_TYPES, type ApiGatewayDataByType } from './aws/apigateway.js';
import { SQS_INPUT_TYPES, SQS_TYPES, type SqsDataByType } from './aws/sqs.js';
import { EKS_INPUT_TYPES, EKS_TYPES, type EksDataByType } from './aws/eks.js';
import { BACKUP_INPUT_TYPES, BACKUP_TYPES, type BackupDataByType } from './aws/backup.js';
import { GCP_TYPES, type GcpDataByType } from './gcp.js';
import { TLS_TYPES, type TlsDataByType } from './tls.js';
import type { InputTypeInfo, TypeInfo } from './type-info.js';
import type { Provider, ResourceRef } from './types.js';

/** Data interface of every resource type, by type name. The schema generator reads this interface. */
export interface ResourceDataMap
  extends
    Ec2DataByType,
    EbsDataByType,
    Elbv2DataByType,
    IamDataByType,
    KmsDataByType,
    RdsDataByType,
    S3DataByType,
    CloudTrailDataByType,
    DynamoDbDataByType,
    EfsDataByType,
    LambdaDataByType,
    SecretsManagerDataByType,
    GuardDutyDataByType,
    ConfigDataByType,
    SecurityHubDataByType,
    LogsDataByType,
    CloudWatchDataByType,
    SnsDataByType,
    GcpDataByType,
    TlsDataByType,
    ElbDataByType,
    OpenSearchDataByType,
    ElastiCacheDataByType,
    RedshiftDataByType,
    CloudFrontDataByType,
    AcmDataByType,
    ApiGatewayDataByType,
    SqsDataByType,
    EksDataByType,
    BackupDataByType {}

/** Every resource type's provider, scope and version. */
export const RESOURCE_TYPES: { readonly [K in ResourceType]: TypeInfo } = {
  ...EC2_TYPES,
  ...EBS_TYPES,
  ...ELBV2_TYPES,
  ...IAM_TYPES,
  ...KMS_TYPES,
  ...RDS_TYPES,
  ...S3_TYPES,
  ...CLOUDTRAIL_TYPES,
  ...DYNAMODB_TYPES,
  ...EFS_TYPES,
  ...LAMBDA_TYPES,
  ...SECRETSMANAGER_TYPES,
  ...GUARDDUTY_TYPES,
  ...CONFIG_TYPES,
  ...SECURITYHUB_TYPES,
  ...LOGS_TYPES,
  ...CLOUDWATCH_TYPES,
  ...SNS_TYPES,
  ...GCP_TYPES,
  ...TLS_TYPES,
  ...ELB_TYPES,
  ...OPENSEARCH_TYPES,
  ...ELASTICACHE_TYPES,
  ...REDSHIFT_TYPES,
  ...CLOUDFRONT_TYPES,
  ...ACM_TYPES,
  ...APIGATEWAY_TYPES,
  ...SQS_TYPES,
  ...EKS_TYPES,
  ...BACKUP_TYPES,
};

/** Virtual input types (coverage entries only). */
export const INPUT_TYPES = {
  ...EBS_INPUT_TYPES,
  ...ELBV2_INPUT_TYPES,
  ...IAM_INPUT_TYPES,
  ...KMS_INPUT_TYPES,
  ...S3_INPUT_TYPES,
  ...CLOUDTRAIL_INPUT_TYPES,
  ...DYNAMODB_INPUT_TYPES,
  ...LAMBDA_INPUT_TYPES,
  ...SECURITYHUB_INPUT_TYPES,
  ...SNS_INPUT_TYPES,
  ...ELB_INPUT_TYPES,
  ...CLOUDFRONT_INPUT_TYPES,
  ...ACM_INPUT_TYPES,
  ...SQS_INPUT_TYPES,
  ...EKS_INPUT_TYPES,
  ...BACKUP_INPUT_TYPES,
} as const satisfies Record<string, InputTypeInfo>;

/** A resource type name, e.g. `aws.ec2.security-group`. */
export type ResourceType = keyof ResourceDataMap;
/** A virtual input type name, e.g. `aws.s3.bucket-policy`. */
export type VirtualInputType = keyof typeof INPUT_TYPES;
/** Anything a rule may list in `inputs`, and a coverage entry in `resourceTypes`. */
export type InputType = ResourceType | VirtualInputType;

/** The data of a resource of type `T`. */
export type DataOf<T extends ResourceType> = ResourceDataMap[T];

/** A resource whose `ref.type` is `T` and whose data is `T`'s; distributes over unions, so `ref.type` narrows `data`. */
export type ResourceOf<T extends ResourceType> = T extends ResourceType ? { ref: ResourceRef & { type: T }; data: ResourceDataMap[T] } : never;

export function isResourceType(name: string): name is ResourceType {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, name);
}

export function isInputType(name: string): name is InputType {
  return isResourceType(name) || Object.prototype.hasOwnProperty.call(INPUT_TYPES, name);
}

/** Provider, scope (and version for resource types) of any known type. */
export function typeInfo(name: InputType): TypeInfo | InputTypeInfo {
  return isResourceType(name) ? RESOURCE_TYPES[name] : INPUT_TYPES[name as VirtualInputType];
}

/** Every type of a provider (resource and virtual input types). */
export function typesOf(provider: Provider): InputType[] {
  return [...Object.keys(RESOURCE_TYPES), ...Object.keys(INPUT_TYPES)].filter((t) => typeInfo(t as InputType).provider === provider) as InputType[];
}
