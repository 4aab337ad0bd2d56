/**
 * `data` of `aws.lambda.function`, written by src/collectors/aws/lambda.ts (per region).
 *
 * `ref.id` is the function name, `ref.arn` its unqualified ARN. Environment variable **values are never
 * stored**: the collector keeps the names, and for each name whose value looks like a secret, the reason
 * (a pattern name such as `aws-access-key-id`), never the value or a part of it.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';
import type { IamPolicyDocument } from './iam.js';

export const LAMBDA_FUNCTION = 'aws.lambda.function' as const;
/** Virtual input types (coverage entries only): a function's resource policy and its function URLs, read per function. */
export const LAMBDA_FUNCTION_POLICY = 'aws.lambda.function-policy' as const;
export const LAMBDA_FUNCTION_URL = 'aws.lambda.function-url' as const;

/** An environment variable whose value looks like a secret. */
export interface SecretLikeVariable {
  name: string;
  /** Why: `aws-access-key-id`, `private-key`, `github-token`, `slack-token`, `secret-name-with-literal-value`, … */
  reason: string;
}

/** `aws.lambda.function` */
export interface LambdaFunctionData {
  name: string;
  arn: string;
  /** `nodejs20.x`, `python3.12`, …; `null` for container images (`packageType` `Image`). */
  runtime: string | null;
  /** `Zip` or `Image`. */
  packageType: string | null;
  lastModified: string | null;
  /** Names of the environment variables (attacker-controlled text: escape on output). Values are never kept. */
  environmentVariableNames: string[];
  secretLikeVariables: SecretLikeVariable[];
  /** Environment encrypted with a customer managed key (`KMSKeyArn`); `null`: the AWS managed key. */
  kmsKeyArn: string | null;
  /**
   * The resource-based policy (GetPolicy), parsed. `{ exists: false }` when the function has none;
   * `null` when it could not be read (coverage entry for this function).
   */
  policy: { exists: boolean; document: IamPolicyDocument | null } | null;
  /** Function URLs (ListFunctionUrlConfigs); `null` when they could not be read (coverage entry for this function). */
  functionUrls: Array<{ url: string; authType: string | null }> | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface LambdaDataByType {
  [LAMBDA_FUNCTION]: LambdaFunctionData;
}

export const LAMBDA_TYPES: TypeTable<LambdaDataByType> = {
  [LAMBDA_FUNCTION]: { provider: 'aws', scope: 'regional', version: 1, description: 'Lambda functions (environment variable names only, never values)' },
};

export const LAMBDA_INPUT_TYPES = {
  [LAMBDA_FUNCTION_POLICY]: { provider: 'aws', scope: 'regional', description: "A function's resource-based policy (GetPolicy)" },
  [LAMBDA_FUNCTION_URL]: { provider: 'aws', scope: 'regional', description: "A function's URLs and their auth type (ListFunctionUrlConfigs)" },
} as const satisfies Record<string, InputTypeInfo>;
