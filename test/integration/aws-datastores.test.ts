/**
 * End to end against a real moto_server: seed DynamoDB tables, EFS file systems, Lambda functions and Secrets
 * Manager secrets in two regions through the AWS SDK, collect them with collectAws(), evaluate the built-in
 * rules, and check every expected pass and fail — and that no environment variable value reaches the snapshot.
 *
 * moto lacks ListFunctionUrlConfigs: the fault proxy answers it in AWS's shape from moto's own
 * GetFunctionUrlConfig (the function's unqualified URL), so the collector's real call and normalizer run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTableCommand, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateFileSystemCommand } from '@aws-sdk/client-efs';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, type Runtime } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Status } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { awsClients } from '../../src/testing/aws-clients.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const SERVICES = ['dynamodb', 'efs', 'lambda', 'secretsmanager'];
/** An empty zip archive (end-of-central-directory record only): moto stores the code, it never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
/** Fake, well-formed credential shapes: they must be detected and must never reach the snapshot. */
const FAKE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const FAKE_PASSWORD = 'correct-horse-battery-staple';

let moto: MotoServer;
let proxy: FaultProxy;

/** ListFunctionUrlConfigs (`GET /2021-10-31/functions/{name}/urls`), built from moto's GetFunctionUrlConfig. */
async function listFunctionUrls(path: string, headers: Record<string, string>) {
  const name = /^\/2021-10-31\/functions\/([^/?]+)\/urls(\?|$)/.exec(path)?.[1];
  if (!name) return undefined;
  const one = await fetch(`${moto.endpoint}/2021-10-31/functions/${name}/url`, {
    headers: { authorization: headers.authorization ?? '', 'x-amz-date': headers['x-amz-date'] ?? '' },
    signal: AbortSignal.timeout(10000),
  });
  const configs = one.ok ? [await one.json()] : [];
  return { status: 200, type: 'application/json', body: JSON.stringify({ FunctionUrlConfigs: configs }) };
}

async function seedRegion(endpoint: string, region: string, home: boolean): Promise<void> {
  const c = awsClients(endpoint, region);
  try {
    // DynamoDB
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

    // EFS
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: `enc-${region}`, Encrypted: true, Tags: [{ Key: 'Name', Value: 'enc-fs' }] }));
    await c.efs.send(new CreateFileSystemCommand({ CreationToken: `plain-${region}`, Encrypted: false, Tags: [{ Key: 'Name', Value: 'plain-fs' }] }));

    // Secrets Manager
    await c.secretsmanager.send(new CreateSecretCommand({ Name: 'app/unrotated', SecretString: 'integration-only-value' }));
    if (home) {
      await c.secretsmanager.send(new CreateSecretCommand({ Name: 'app/rotated', SecretString: 'integration-only-value' }));
      await c.secretsmanager.send(
        new RotateSecretCommand({ SecretId: 'app/rotated', RotationRules: { AutomaticallyAfterDays: 30 }, RotateImmediately: false }),
      );
    }

    // Lambda
    if (home) {
      const role = (
        await c.iam.send(
          new CreateRoleCommand({
            RoleName: 'lambda-exec',
            AssumeRolePolicyDocument: JSON.stringify({
              Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
            }),
          }),
        )
      ).Role!.Arn!;
      const fn = (FunctionName: string, Runtime: Runtime, Variables: Record<string, string> = {}) =>
        c.lambda.send(
          new CreateFunctionCommand({ FunctionName, Runtime, Role: role, Handler: 'index.handler', Code: { ZipFile: EMPTY_ZIP }, Environment: { Variables } }),
        );
      await fn('private-fn', 'nodejs22.x', { LOG_LEVEL: 'info', DB_PASSWORD_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' });
      await fn('leaky-fn', 'nodejs16.x', { AWS_KEY: FAKE_KEY_ID, DB_PASSWORD: FAKE_PASSWORD, LOG_LEVEL: 'debug' });
      await fn('url-fn', 'python3.12');
      await c.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'url-fn', AuthType: 'NONE' }));
      await fn('policy-fn', 'python3.12');
      await c.lambda.send(new AddPermissionCommand({ FunctionName: 'policy-fn', StatementId: 'everyone', Action: 'lambda:InvokeFunction', Principal: '*' }));
      await fn('s3-fn', 'python3.12');
      await c.lambda.send(
        new AddPermissionCommand({
          FunctionName: 's3-fn',
          StatementId: 'from-bucket',
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
          SourceArn: 'arn:aws:s3:::it-uploads',
          SourceAccount: '123456789012',
        }),
      );
    }
  } finally {
    c.destroy();
  }
}

function statusOf(result: EvaluationResult, rule: string, name: string, region: string): Status | undefined {
  const hits = result.findings.filter((f) => f.ruleId === rule && (f.resource.name === name || f.resource.id === name) && f.resource.region === region);
  if (hits.length > 1) throw new Error(`${rule}: ${hits.length} findings for ${name} in ${region}`);
  return hits[0]?.status;
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy({
    target: moto.endpoint,
    respond: async (r) => (r.service === 'lambda' && r.operation.startsWith('GET ') ? listFunctionUrls(r.path, r.headers) : undefined),
  });
}, 60000);
afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
});

describe('DynamoDB, EFS, Lambda and Secrets Manager against moto (two regions)', () => {
  let result: EvaluationResult;
  let snapshot: Snapshot;
  beforeAll(async () => {
    await moto.reset();
    for (const [i, region] of REGIONS.entries()) await seedRegion(moto.endpoint, region, i === 0);
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, services: SERVICES });
    snapshot = mergeOutputs([out], new Date().toISOString());
    result = evaluate(snapshot, builtinRules);
  }, 120000);

  it('the recorded ListFunctionUrlConfigs answers went through the proxy', () => {
    expect(proxy.log.filter((l) => l.outcome === 'answered').length).toBe(5);
  });

  it('reads everything (positive coverage for every type, no gap) and the snapshot passes the schema', () => {
    expect(snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    for (const type of [
      'aws.dynamodb.table',
      'aws.dynamodb.continuous-backups',
      'aws.efs.file-system',
      'aws.lambda.function',
      'aws.lambda.function-policy',
      'aws.lambda.function-url',
      'aws.secretsmanager.secret',
    ]) {
      for (const region of REGIONS)
        expect([type, region, snapshot.coverage.some((c) => c.region === region && c.status === 'ok' && c.resourceTypes.includes(type as never))]).toEqual([
          type,
          region,
          true,
        ]);
    }
    expect(parseSnapshot(JSON.stringify(snapshot)).resources).toHaveLength(snapshot.resources.length);
  });

  it.each(REGIONS)('DynamoDB PITR and EFS encryption in %s', (region) => {
    expect(statusOf(result, 'aws-dynamodb-pitr-off', 'orders', region)).toBe('pass');
    expect(statusOf(result, 'aws-dynamodb-pitr-off', 'sessions', region)).toBe('fail');
    const orders = snapshot.resources.find((r) => r.ref.type === 'aws.dynamodb.table' && r.ref.id === 'orders' && r.ref.region === region)!;
    const sessions = snapshot.resources.find((r) => r.ref.type === 'aws.dynamodb.table' && r.ref.id === 'sessions' && r.ref.region === region)!;
    expect(orders.data).toMatchObject({ sseType: 'KMS', pointInTimeRecovery: true });
    expect(sessions.data).toMatchObject({ sseType: 'AWS_OWNED', kmsKeyArn: null, pointInTimeRecovery: false });
    expect(statusOf(result, 'aws-efs-unencrypted', 'enc-fs', region)).toBe('pass');
    expect(statusOf(result, 'aws-efs-unencrypted', 'plain-fs', region)).toBe('fail');
  });

  it('Secrets Manager rotation', () => {
    expect(statusOf(result, 'aws-secretsmanager-rotation-off', 'app/unrotated', 'us-east-1')).toBe('fail');
    expect(statusOf(result, 'aws-secretsmanager-rotation-off', 'app/unrotated', 'eu-west-1')).toBe('fail');
    expect(statusOf(result, 'aws-secretsmanager-rotation-off', 'app/rotated', 'us-east-1')).toBe('pass');
  });

  it('Lambda: public through a URL or a policy, secret-looking environment, deprecated runtime', () => {
    const r = 'us-east-1';
    expect(statusOf(result, 'aws-lambda-function-public', 'private-fn', r)).toBe('pass');
    expect(statusOf(result, 'aws-lambda-function-public', 's3-fn', r)).toBe('pass');
    expect(statusOf(result, 'aws-lambda-function-public', 'url-fn', r)).toBe('fail');
    expect(statusOf(result, 'aws-lambda-function-public', 'policy-fn', r)).toBe('fail');
    expect(statusOf(result, 'aws-lambda-env-secrets', 'private-fn', r)).toBe('pass');
    expect(statusOf(result, 'aws-lambda-env-secrets', 'leaky-fn', r)).toBe('fail');
    const leak = result.findings.find((f) => f.ruleId === 'aws-lambda-env-secrets' && f.resource.id === 'leaky-fn')!;
    expect(leak.evidence).toMatchObject({
      variables: [
        { name: 'AWS_KEY', reason: 'aws-access-key-id' },
        { name: 'DB_PASSWORD', reason: 'secret-name-with-literal-value' },
      ],
    });
    expect(statusOf(result, 'aws-lambda-runtime-deprecated', 'leaky-fn', r)).toBe('fail');
    expect(statusOf(result, 'aws-lambda-runtime-deprecated', 'private-fn', r)).toBe('pass');
  });

  it('never stores or reports an environment variable value', () => {
    const text = JSON.stringify({ snapshot, result });
    for (const v of [FAKE_KEY_ID, FAKE_PASSWORD, 'integration-only-value']) expect(text).not.toContain(v);
    expect(text).toContain('DB_PASSWORD');
  });
});
