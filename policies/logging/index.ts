import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsVpcFlowLogsMissing from './aws-vpc-flow-logs-missing.js';
import awsCloudtrailMultiRegionMissing from './aws-cloudtrail-multi-region-missing.js';
import awsCloudtrailLogValidationOff from './aws-cloudtrail-log-validation-off.js';
import awsCloudtrailNotKmsEncrypted from './aws-cloudtrail-not-kms-encrypted.js';
import awsCloudtrailBucketPublic from './aws-cloudtrail-bucket-public.js';
import awsS3BucketAccessLoggingOff from './aws-s3-bucket-access-logging-off.js';

/** The logging pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsVpcFlowLogsMissing,
  awsCloudtrailMultiRegionMissing,
  awsCloudtrailLogValidationOff,
  awsCloudtrailNotKmsEncrypted,
  awsCloudtrailBucketPublic,
  awsS3BucketAccessLoggingOff,
];
