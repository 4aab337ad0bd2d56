import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsLambdaEnvSecrets from './aws-lambda-env-secrets.js';
import awsLambdaFunctionPublic from './aws-lambda-function-public.js';
import awsLambdaRuntimeDeprecated from './aws-lambda-runtime-deprecated.js';
import awsEksEndpointPublic from './aws-eks-endpoint-public.js';
import awsEksSecretsUnencrypted from './aws-eks-secrets-unencrypted.js';

/** The compute pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsLambdaFunctionPublic,
  awsLambdaEnvSecrets,
  awsLambdaRuntimeDeprecated,
  awsEksEndpointPublic,
  awsEksSecretsUnencrypted,
];
