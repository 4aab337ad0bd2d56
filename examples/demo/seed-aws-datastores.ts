/**
 * Seeds DynamoDB, EFS, Secrets Manager and Lambda into an emulator (moto) for the demo. What the scan should
 * find, in the home region (the first one):
 * - DynamoDB: `orders` with PITR and a KMS key; `sessions` without point-in-time recovery;
 * - EFS: `shared-home` encrypted; `scratch` unencrypted;
 * - Secrets Manager: `prod/db-password` never rotated (the value is a throwaway demo string, never read back);
 * - Lambda: `thumbnailer` on nodejs22.x with clean environment names; `legacy-webhook` on nodejs16.x
 *   (deprecated) with an AWS-key-shaped value and a literal `SLACK_TOKEN` in its environment (fake values:
 *   the scan reports the names only).
 * moto lacks ListFunctionUrlConfigs: the public-function rule is then unknown for the functions, shown as a
 * coverage gap, never a pass.
 */
import { CreateTableCommand, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateFileSystemCommand } from '@aws-sdk/client-efs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, type Runtime } from '@aws-sdk/client-lambda';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { awsClients } from '../../src/testing/aws-clients.js';

/** An empty zip archive: moto stores the code and never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

export async function seedAwsDatastores(endpoint: string, regions: string[]): Promise<void> {
  const c = awsClients(endpoint, regions[0]);
  try {
    const table = (TableName: string, extra: Record<string, unknown> = {}) =>
      c.dynamodb.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          ...extra,
        }),
      );
    await table('orders', { SSESpecification: { Enabled: true, SSEType: 'KMS' } });
    await c.dynamodb.send(new UpdateContinuousBackupsCommand({ TableName: 'orders', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
    await table('sessions');

    await c.efs.send(new CreateFileSystemCommand({ CreationToken: 'shared-home', Encrypted: true, Tags: [{ Key: 'Name', Value: 'shared-home' }] }));
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: 'scratch', Encrypted: false, Tags: [{ Key: 'Name', Value: 'scratch' }] }));

    await c.secretsmanager.send(new CreateSecretCommand({ Name: 'prod/db-password', SecretString: 'demo-only-not-a-secret' }));

    const role = (
      await c.iam.send(
        new CreateRoleCommand({
          RoleName: 'demo-lambda-exec',
          AssumeRolePolicyDocument: JSON.stringify({
            Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      )
    ).Role!.Arn!;
    const fn = (FunctionName: string, Runtime: Runtime, Variables: Record<string, string>) =>
      c.lambda.send(
        new CreateFunctionCommand({ FunctionName, Runtime, Role: role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP }, Environment: { Variables } }),
      );
    await fn('thumbnailer', 'nodejs22.x', { BUCKET: 'acme-app-uploads', LOG_LEVEL: 'info' });
    await fn('legacy-webhook', 'nodejs16.x', { UPSTREAM_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', SLACK_TOKEN: 'demo-literal-token-value', LOG_LEVEL: 'debug' });
  } finally {
    c.destroy();
  }
}
