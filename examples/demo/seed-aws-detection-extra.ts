/**
 * Seeds the detection, logging and messaging services and the issue-14 additions (SQS, EKS, AWS Backup) into an
 * emulator (moto) for the demo, each problem next to a look-alike that is fine. What the scan should find:
 * - GuardDuty, AWS Config, Security Hub: on in the home region (first), off in the second;
 * - CloudWatch Logs: `/acme/audit` kept 400 days with a KMS key; `/acme/app` kept 7 days without a key;
 * - SNS: `security-alerts` encrypted with an email subscriber; `build-events` unencrypted;
 * - SQS: `orders-queue` (SSE-KMS) and `sns-fanout` (policy pinned to a topic by aws:SourceArn) are fine;
 *   `legacy-jobs` has no encryption at rest and `partner-inbox` a policy that lets any AWS principal send;
 * - EKS: `prod-cluster` private, secrets encrypted, audit logs on; `dev-cluster` open to 0.0.0.0/0, no
 *   secrets encryption, no control-plane logs;
 * - AWS Backup: a locked vault in each region; a `daily` plan in the second region only. moto lacks the
 *   selection and region-settings calls, so the home region's databases, tables and file systems are "not
 *   covered" (no plan), and the second region's are unknown (the plan's selections could not be read), never
 *   a pass.
 * The CIS monitoring chain stays incomplete (the home trail does not deliver to CloudWatch Logs): its alarms fail.
 */
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  ConfigServiceClient,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type ClientCtor, createClient } from '../../src/collectors/aws/context.js';
import { TEST_CREDENTIALS, awsClients } from '../../src/testing/aws-clients.js';
import { createBucket } from './seed-aws-data.js';

const ACCOUNT = '123456789012';

export async function seedAwsDetectionExtra(endpoint: string, regions: string[]): Promise<void> {
  const made: Array<{ destroy(): void }> = [];
  const client = <C extends { destroy(): void }>(ctor: ClientCtor<C>, region: string): C => {
    const c = createClient(ctor, region, { maxAttempts: 3, endpointUrl: endpoint }, { credentials: { ...TEST_CREDENTIALS } });
    made.push(c);
    return c;
  };
  const [home, second] = regions as [string, string];
  try {
    // Detection services: on in the home region only.
    await client(GuardDutyClient, home).send(new CreateDetectorCommand({ Enable: true }));
    const base = awsClients(endpoint, home);
    made.push(base);
    await createBucket(base.s3, 'acme-config-history', home);
    const cfg = client(ConfigServiceClient, home);
    await cfg.send(
      new PutConfigurationRecorderCommand({
        ConfigurationRecorder: {
          name: 'default',
          roleARN: `arn:aws:iam::${ACCOUNT}:role/config`,
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      }),
    );
    await cfg.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'acme-config-history' } }));
    await cfg.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: 'default' }));
    await client(SecurityHubClient, home).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));

    // CloudWatch Logs
    const logs = client(CloudWatchLogsClient, home);
    const key = await base.kms.send(new CreateKeyCommand({ Description: 'acme log groups' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/acme/audit', kmsKeyId: key.KeyMetadata?.Arn }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/acme/audit', retentionInDays: 400 }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/acme/app' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/acme/app', retentionInDays: 7 }));

    // SNS
    const sns = client(SNSClient, home);
    const alerts = await sns.send(new CreateTopicCommand({ Name: 'security-alerts', Attributes: { KmsMasterKeyId: 'alias/aws/sns' } }));
    await sns.send(new SubscribeCommand({ TopicArn: alerts.TopicArn, Protocol: 'email', Endpoint: 'secops@example.com' }));
    await sns.send(new CreateTopicCommand({ Name: 'build-events' }));

    // SQS
    const sqs = client(SQSClient, home);
    const allow = (extra: Record<string, unknown>) =>
      JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', ...extra }] });
    await sqs.send(new CreateQueueCommand({ QueueName: 'orders-queue', Attributes: { KmsMasterKeyId: 'alias/aws/sqs' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'legacy-jobs', Attributes: { SqsManagedSseEnabled: 'false' } }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'partner-inbox', Attributes: { Policy: allow({ Sid: 'partners' }) } }));
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'sns-fanout',
        Attributes: { Policy: allow({ Condition: { ArnEquals: { 'aws:SourceArn': alerts.TopicArn } } }) },
      }),
    );

    // EKS
    const eks = client(EKSClient, home);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
    await eks.send(
      new CreateClusterCommand({
        name: 'prod-cluster',
        roleArn,
        resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d'], endpointPublicAccess: false, endpointPrivateAccess: true },
        encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: key.KeyMetadata?.Arn } }],
        logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: true }] },
      }),
    );
    await eks.send(
      new CreateClusterCommand({
        name: 'dev-cluster',
        roleArn,
        resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d'], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] },
      }),
    );

    // AWS Backup
    for (const region of regions) {
      const backup = client(BackupClient, region);
      await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'acme-vault' }));
      await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'acme-vault', MinRetentionDays: 7 }));
    }
    await client(BackupClient, second).send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'daily',
          Rules: [{ RuleName: 'daily', TargetBackupVaultName: 'acme-vault', ScheduleExpression: 'cron(0 5 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }],
        },
      }),
    );
  } finally {
    for (const c of made) c.destroy();
  }
}
