/**
 * Lambda collector (per region): functions (ListFunctions, every page), then per function its resource
 * policy (GetPolicy; `ResourceNotFoundException` means it has none) and its function URLs
 * (ListFunctionUrlConfigs, every page) under the shared per-resource cap.
 *
 * ListFunctions returns environment variable values. They are looked at here, in memory, only to tell
 * whether each looks like a secret, and dropped: the model keeps names and reasons, never values.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { LAMBDA_FUNCTION, LAMBDA_FUNCTION_POLICY, LAMBDA_FUNCTION_URL, type LambdaFunctionData, type SecretLikeVariable } from '../../model/aws/lambda.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, errorCode, perResource } from './per-resource.js';
import { parsePolicyDocument } from './resource-policy.js';

/** Value shapes of well-known credentials (the gitleaks / GitHub secret-scanning formats). */
const VALUE_PATTERNS: Array<[reason: string, pattern: RegExp]> = [
  ['aws-access-key-id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['private-key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['github-token', /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}\b/],
  ['slack-token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['stripe-secret-key', /\b[sr]k_live_[A-Za-z0-9]{20,}\b/],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['jwt', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ['url-with-password', /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i],
];

/** Names that say "secret" (`DB_PASSWORD`, `API_KEY`, `STRIPE_SECRET`, `AUTH_TOKEN`, …). */
const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth[_-]?key|access[_-]?key)/i;

/** A value that points at a secret store rather than holding the secret (or is a flag / empty). */
function isReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value) ||
    /^\{\{resolve:/.test(value) ||
    /^(true|false|yes|no|on|off|none|null|\d{1,6})$/i.test(value) ||
    value.trim().length < 8
  );
}

/**
 * Whether an environment variable's value looks like a secret, and why. Pure; the value is not returned.
 * A credential-shaped value is a secret whatever the name; a secret-sounding name with a literal value
 * (not a Secrets Manager / Parameter Store reference, a flag or a short word) is one too.
 */
export function secretReason(name: string, value: string): string | null {
  for (const [reason, pattern] of VALUE_PATTERNS) if (pattern.test(value)) return reason;
  if (SECRET_NAME.test(name) && !isReference(value)) return 'secret-name-with-literal-value';
  return null;
}

export function secretLikeVariables(vars: Record<string, string> | undefined): SecretLikeVariable[] {
  const out: SecretLikeVariable[] = [];
  for (const [name, value] of Object.entries(vars ?? {})) {
    const reason = secretReason(name, value ?? '');
    if (reason) out.push({ name, reason });
  }
  return out;
}

export interface FunctionExtras {
  /** `undefined`: GetPolicy failed; `null`: no policy; else the policy text. */
  policy: string | null | undefined;
  /** `undefined`: ListFunctionUrlConfigs failed. */
  urls: Array<{ FunctionUrl?: string; AuthType?: string }> | undefined;
}

/** Pure: one function, without its environment values. */
export function functionToModel(raw: FunctionConfiguration, extras: FunctionExtras, scope: RegionScope): Resource<LambdaFunctionData> {
  const name = raw.FunctionName!;
  const arn = raw.FunctionArn ?? `arn:${scope.partition}:lambda:${scope.region}:${scope.account}:function:${name}`;
  let policy: LambdaFunctionData['policy'];
  if (extras.policy === undefined) policy = null;
  else if (extras.policy === null) policy = { exists: false, document: null };
  else {
    try {
      policy = { exists: true, document: parsePolicyDocument(extras.policy) };
    } catch {
      policy = null;
    }
  }
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: LAMBDA_FUNCTION, id: name, arn, name },
    data: {
      name,
      arn,
      runtime: raw.Runtime ?? null,
      packageType: raw.PackageType ?? null,
      lastModified: raw.LastModified ?? null,
      environmentVariableNames: Object.keys(raw.Environment?.Variables ?? {}).sort(),
      secretLikeVariables: secretLikeVariables(raw.Environment?.Variables),
      kmsKeyArn: raw.KMSKeyArn ?? null,
      policy,
      functionUrls:
        extras.urls === undefined ? null : extras.urls.filter((u) => u.FunctionUrl).map((u) => ({ url: u.FunctionUrl!, authType: u.AuthType ?? null })),
    },
  };
}

export const lambda: AwsServiceCollector = {
  service: 'lambda',
  scope: 'regional',
  resourceTypes: [LAMBDA_FUNCTION, LAMBDA_FUNCTION_POLICY, LAMBDA_FUNCTION_URL],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { GetPolicyCommand, LambdaClient, paginateListFunctions, paginateListFunctionUrlConfigs } = await import('@aws-sdk/client-lambda');
    const client = ctx.client(LambdaClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const step = (operation: string, type: typeof LAMBDA_FUNCTION | typeof LAMBDA_FUNCTION_POLICY | typeof LAMBDA_FUNCTION_URL) => ({
      service: 'lambda',
      region,
      operation,
      resourceTypes: [type],
    });
    const functions = await ctx.attempt(step('ListFunctions', LAMBDA_FUNCTION), () =>
      allPages(paginateListFunctions({ client, pageSize: 50, stopOnSameToken: true }, {}), (p) => p.Functions),
    );
    if (!functions) return [];
    const list = functions.filter((f) => f.FunctionName);
    const id = (f: FunctionConfiguration) => f.FunctionName!;
    const [policies, urls] = await Promise.all([
      perResource(ctx, step('GetPolicy', LAMBDA_FUNCTION_POLICY), list, id, async (f) => {
        try {
          return (await client.send(new GetPolicyCommand({ FunctionName: f.FunctionName }))).Policy ?? null;
        } catch (err) {
          if (errorCode(err) === 'ResourceNotFoundException') return null;
          throw err;
        }
      }),
      perResource(ctx, step('ListFunctionUrlConfigs', LAMBDA_FUNCTION_URL), list, id, (f) =>
        allPages(
          paginateListFunctionUrlConfigs({ client, pageSize: 50, stopOnSameToken: true }, { FunctionName: f.FunctionName }),
          (p) => p.FunctionUrlConfigs,
        ),
      ),
    ]);
    return list.map((f) => functionToModel(f, { policy: policies.get(f.FunctionName!), urls: urls.get(f.FunctionName!) }, scope));
  },
};
