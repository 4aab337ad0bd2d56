/** Builders for DynamoDB, EFS, Lambda and Secrets Manager resources in rule tests (compliant unless overridden). */
import { DYNAMODB_TABLE, type DynamoDbTableData } from '../../src/model/aws/dynamodb.js';
import { EFS_FILE_SYSTEM, type EfsFileSystemData } from '../../src/model/aws/efs.js';
import { LAMBDA_FUNCTION, type LambdaFunctionData } from '../../src/model/aws/lambda.js';
import { SECRETSMANAGER_SECRET, type SecretData } from '../../src/model/aws/secretsmanager.js';
import type { Resource } from '../../src/model/types.js';
import { ACCOUNT } from './aws-data.js';
import { resource } from './rule-tester.js';

const arn = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${rest}`;

export function dynamoTable(name: string, data: Partial<DynamoDbTableData> = {}): Resource {
  return resource(DYNAMODB_TABLE, name, {
    name,
    arn: arn('dynamodb', `table/${name}`),
    status: 'ACTIVE',
    sseType: 'KMS',
    sseStatus: 'ENABLED',
    kmsKeyArn: arn('kms', 'key/k1'),
    billingMode: 'PAY_PER_REQUEST',
    deletionProtection: true,
    pointInTimeRecovery: true,
    ...data,
  } as never) as unknown as Resource;
}

export function efsFileSystem(id: string, data: Partial<EfsFileSystemData> = {}): Resource {
  return resource(EFS_FILE_SYSTEM, id, {
    fileSystemId: id,
    arn: arn('elasticfilesystem', `file-system/${id}`),
    encrypted: true,
    kmsKeyId: 'k1',
    lifeCycleState: 'available',
    performanceMode: 'generalPurpose',
    throughputMode: 'bursting',
    numberOfMountTargets: 0,
    ...data,
  } as never) as unknown as Resource;
}

export function lambdaFunction(name: string, data: Partial<LambdaFunctionData> = {}): Resource {
  return resource(LAMBDA_FUNCTION, name, {
    name,
    arn: arn('lambda', `function:${name}`),
    runtime: 'nodejs22.x',
    packageType: 'Zip',
    lastModified: null,
    environmentVariableNames: [],
    secretLikeVariables: [],
    kmsKeyArn: null,
    policy: { exists: false, document: null },
    functionUrls: [],
    ...data,
  } as never) as unknown as Resource;
}

export function secret(name: string, data: Partial<SecretData> = {}): Resource {
  return resource(SECRETSMANAGER_SECRET, name, {
    name,
    arn: arn('secretsmanager', `secret:${name}-AbCdEf`),
    rotationEnabled: true,
    rotationIntervalDays: 30,
    rotationSchedule: null,
    lastRotatedDate: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    lastChangedDate: null,
    createdDate: '2024-01-01T00:00:00.000Z',
    kmsKeyId: null,
    deletedDate: null,
    owningService: null,
    ...data,
  } as never) as unknown as Resource;
}
