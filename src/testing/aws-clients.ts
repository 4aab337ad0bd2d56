/**
 * AWS SDK clients for an emulator endpoint (moto, or a fault proxy in front of it), configured exactly as
 * the collectors configure theirs (src/collectors/aws/context.ts `createClient`: endpoint override,
 * path-style S3, host prefixes pinned to the endpoint), with the emulator's fixed test credentials, so a
 * developer's real credentials are never sent to it. Used by the demo seeders, the integration tests and
 * the benchmarks.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EFSClient } from '@aws-sdk/client-efs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { OpenSearchClient } from '@aws-sdk/client-opensearch';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { ACMClient } from '@aws-sdk/client-acm';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { SQSClient } from '@aws-sdk/client-sqs';
import { EKSClient } from '@aws-sdk/client-eks';
import { BackupClient } from '@aws-sdk/client-backup';
import { type AwsCollectOptions, type ClientCtor, createClient } from '../collectors/aws/context.js';

/** The access key moto (and the fault proxy) accept; moto maps unknown keys to account 123456789012. */
export const TEST_CREDENTIALS: { readonly accessKeyId: string; readonly secretAccessKey: string } = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly s3: S3Client;
  readonly s3control: S3ControlClient;
  readonly kms: KMSClient;
  readonly rds: RDSClient;
  readonly cloudtrail: CloudTrailClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  readonly dynamodb: DynamoDBClient;
  readonly efs: EFSClient;
  readonly lambda: LambdaClient;
  readonly secretsmanager: SecretsManagerClient;
  readonly elb: ElasticLoadBalancingClient;
  readonly opensearch: OpenSearchClient;
  readonly elasticache: ElastiCacheClient;
  readonly redshift: RedshiftClient;
  readonly acm: ACMClient;
  readonly apigateway: APIGatewayClient;
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly cloudfront: CloudFrontClient;
  readonly sqs: SQSClient;
  readonly eks: EKSClient;
  readonly backup: BackupClient;
  /** Closes every client that was created. */
  destroy(): void;
}

/**
 * Clients for one region of an emulator. Each client is created on first use and reused;
 * `options` tunes retries and timeouts as for a collection (e.g. `{ maxAttempts: 1 }`).
 */
export function awsClients(endpoint: string, region = 'us-east-1', options: Omit<AwsCollectOptions, 'endpointUrl'> = {}): AwsClients {
  const made = new Map<string, { destroy(): void }>();
  const lazy = <C extends { destroy(): void }>(ctor: ClientCtor<C>): C => {
    let c = made.get(ctor.name) as C | undefined;
    if (!c) {
      c = createClient(ctor, region, { maxAttempts: 3, ...options, endpointUrl: endpoint }, { credentials: { ...TEST_CREDENTIALS } });
      made.set(ctor.name, c);
    }
    return c;
  };
  return {
    get ec2() {
      return lazy(EC2Client);
    },
    get elbv2() {
      return lazy(ElasticLoadBalancingV2Client);
    },
    get s3() {
      return lazy(S3Client);
    },
    get s3control() {
      return lazy(S3ControlClient);
    },
    get kms() {
      return lazy(KMSClient);
    },
    get rds() {
      return lazy(RDSClient);
    },
    get cloudtrail() {
      return lazy(CloudTrailClient);
    },
    get iam() {
      return lazy(IAMClient);
    },
    get sts() {
      return lazy(STSClient);
    },
    get dynamodb() {
      return lazy(DynamoDBClient);
    },
    get efs() {
      return lazy(EFSClient);
    },
    get lambda() {
      return lazy(LambdaClient);
    },
    get secretsmanager() {
      return lazy(SecretsManagerClient);
    },
    get elb() {
      return lazy(ElasticLoadBalancingClient);
    },
    get opensearch() {
      return lazy(OpenSearchClient);
    },
    get elasticache() {
      return lazy(ElastiCacheClient);
    },
    get redshift() {
      return lazy(RedshiftClient);
    },
    get acm() {
      return lazy(ACMClient);
    },
    get apigateway() {
      return lazy(APIGatewayClient);
    },
    get apigatewayv2() {
      return lazy(ApiGatewayV2Client);
    },
    get cloudfront() {
      return lazy(CloudFrontClient);
    },
    get sqs() {
      return lazy(SQSClient);
    },
    get eks() {
      return lazy(EKSClient);
    },
    get backup() {
      return lazy(BackupClient);
    },
    destroy: () => {
      for (const c of made.values()) c.destroy();
      made.clear();
    },
  };
}
