import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsVpcFlowLogsMissing from './aws-vpc-flow-logs-missing.js';
import awsCloudtrailMultiRegionMissing from './aws-cloudtrail-multi-region-missing.js';
import awsCloudtrailLogValidationOff from './aws-cloudtrail-log-validation-off.js';
import awsCloudtrailNotKmsEncrypted from './aws-cloudtrail-not-kms-encrypted.js';
import awsCloudtrailBucketPublic from './aws-cloudtrail-bucket-public.js';
import awsS3BucketAccessLoggingOff from './aws-s3-bucket-access-logging-off.js';
import awsGuarddutyDisabled from './aws-guardduty-disabled.js';
import awsConfigNotRecording from './aws-config-not-recording.js';
import awsSecurityhubDisabled from './aws-securityhub-disabled.js';
import awsLogGroupRetentionShort from './aws-log-group-retention-short.js';
import awsLogGroupNotKmsEncrypted from './aws-log-group-not-kms-encrypted.js';
import awsCisAlarmUnauthorizedApiCalls from './aws-cis-alarm-unauthorized-api-calls.js';
import awsCisAlarmConsoleSigninNoMfa from './aws-cis-alarm-console-signin-no-mfa.js';
import awsCisAlarmRootUsage from './aws-cis-alarm-root-usage.js';
import awsCisAlarmIamPolicyChanges from './aws-cis-alarm-iam-policy-changes.js';
import awsCisAlarmCloudtrailChanges from './aws-cis-alarm-cloudtrail-changes.js';
import awsCisAlarmConsoleAuthFailures from './aws-cis-alarm-console-auth-failures.js';
import awsCisAlarmCmkDisableDeletion from './aws-cis-alarm-cmk-disable-deletion.js';
import awsCisAlarmS3BucketPolicyChanges from './aws-cis-alarm-s3-bucket-policy-changes.js';
import awsCisAlarmConfigChanges from './aws-cis-alarm-config-changes.js';
import awsCisAlarmSecurityGroupChanges from './aws-cis-alarm-security-group-changes.js';
import awsCisAlarmNaclChanges from './aws-cis-alarm-nacl-changes.js';
import awsCisAlarmNetworkGatewayChanges from './aws-cis-alarm-network-gateway-changes.js';
import awsCisAlarmRouteTableChanges from './aws-cis-alarm-route-table-changes.js';
import awsCisAlarmVpcChanges from './aws-cis-alarm-vpc-changes.js';
import awsCisAlarmOrganizationsChanges from './aws-cis-alarm-organizations-changes.js';
import awsElbAccessLogsOff from './aws-elb-access-logs-off.js';
import awsCloudfrontLoggingOff from './aws-cloudfront-logging-off.js';
import awsApigatewayStageAccessLoggingOff from './aws-apigateway-stage-access-logging-off.js';
import awsEksAuditLoggingOff from './aws-eks-audit-logging-off.js';

/** The logging pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsVpcFlowLogsMissing,
  awsCloudtrailMultiRegionMissing,
  awsCloudtrailLogValidationOff,
  awsCloudtrailNotKmsEncrypted,
  awsCloudtrailBucketPublic,
  awsS3BucketAccessLoggingOff,
  awsGuarddutyDisabled,
  awsConfigNotRecording,
  awsSecurityhubDisabled,
  awsLogGroupRetentionShort,
  awsLogGroupNotKmsEncrypted,
  awsCisAlarmUnauthorizedApiCalls,
  awsCisAlarmConsoleSigninNoMfa,
  awsCisAlarmRootUsage,
  awsCisAlarmIamPolicyChanges,
  awsCisAlarmCloudtrailChanges,
  awsCisAlarmConsoleAuthFailures,
  awsCisAlarmCmkDisableDeletion,
  awsCisAlarmS3BucketPolicyChanges,
  awsCisAlarmConfigChanges,
  awsCisAlarmSecurityGroupChanges,
  awsCisAlarmNaclChanges,
  awsCisAlarmNetworkGatewayChanges,
  awsCisAlarmRouteTableChanges,
  awsCisAlarmVpcChanges,
  awsCisAlarmOrganizationsChanges,
  awsElbAccessLogsOff,
  awsCloudfrontLoggingOff,
  awsApigatewayStageAccessLoggingOff,
  awsEksAuditLoggingOff,
];
