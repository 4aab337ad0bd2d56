/**
 * Shared plumbing of the AWS IAM least-privilege rules: the identity-policy rule skeleton (service-linked
 * roles, unresolved policies → unknown, never pass), action lists, evidence helpers and date arithmetic.
 */
import type { RuleContext, RuleResult } from '../../src/engine/types.js';
import { IAM_GROUP, IAM_POLICY, IAM_ROLE, IAM_USER } from '../../src/model/aws/iam.js';
import type { Resource } from '../../src/model/types.js';
import { IAM_IDENTITIES, isServiceLinkedRole, type ResolvedIdentity } from './iam-identity.js';
import type { Grant, PermissionSet } from './iam-policy.js';

export const IDENTITY_TYPES = [IAM_USER, IAM_GROUP, IAM_ROLE] as const;
/** Identity rules read managed policies (documents) and groups (a user's group policies). */
export const IDENTITY_INPUTS = [IAM_POLICY, IAM_GROUP] as const;
/** Identity rules read the identities resolved once per evaluation. */
export const IDENTITY_DERIVES = [IAM_IDENTITIES] as const;

export interface IdentityRuleOptions {
  /** Evaluate AWS service-linked roles too (their policies are owned by AWS and cannot be edited). */
  includeServiceLinkedRoles: boolean;
}

export const identityDefaults: IdentityRuleOptions = { includeServiceLinkedRoles: false };
export const identityOptionsProps = { includeServiceLinkedRoles: { type: 'boolean' } } as const;

/** The messages every identity-policy rule needs besides its own `fail`. */
export type IdentityMessageId = 'fail' | 'ok' | 'incomplete' | 'serviceLinked';

export function identityMessages(fail: string, ok: string): Record<IdentityMessageId, string> {
  return {
    fail,
    ok,
    incomplete: 'Not evaluated in full: {{identity}} has policies that could not be read ({{missing}}).',
    serviceLinked: '{{identity}} is an AWS service-linked role (its policies are owned by AWS).',
  };
}

/**
 * Skeleton of a rule over an identity's effective permissions: `find` returns the offending items; any →
 * `fail(...)`; none but unresolved policies → `unknown`; none → `pass`.
 */
export function checkIdentity<T, O extends IdentityRuleOptions, F extends string>(
  resource: Resource,
  ctx: RuleContext<O>,
  find: (id: ResolvedIdentity) => T[],
  fail: (id: ResolvedIdentity, hits: [T, ...T[]]) => RuleResult<F>,
): RuleResult<F | 'serviceLinked' | 'incomplete' | 'ok'> {
  const identity = `${resource.ref.type.split('.').pop()}/${resource.ref.id}`;
  if (isServiceLinkedRole(resource) && !ctx.options.includeServiceLinkedRoles)
    return { status: 'not_applicable', messageId: 'serviceLinked', data: { identity } };
  const id = ctx.derived(IAM_IDENTITIES).resolve(resource);
  const [first, ...rest] = find(id);
  if (first !== undefined) {
    const r = fail(id, [first, ...rest]);
    if (id.missing.length) r.evidence = { ...r.evidence, unresolvedPolicies: id.missing };
    return r;
  }
  if (id.missing.length)
    return {
      status: 'unknown',
      messageId: 'incomplete',
      data: { identity: id.label, missing: id.missing.join('; ') },
      evidence: { identity: id.label, unresolvedPolicies: id.missing },
    };
  return { status: 'pass', messageId: 'ok', data: { identity: id.label } };
}

/** Cloudsplaining's data-exfiltration actions (plus the RDS snapshot copies its docs mention). */
export const DATA_EXFILTRATION_ACTIONS = [
  's3:GetObject',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'rds:CopyDBSnapshot',
  'rds:CreateDBSnapshot',
];

/** Actions that return credentials (cloudsplaining's credentials-exposure glossary). */
export const CREDENTIALS_EXPOSURE_ACTIONS = [
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UploadSSHPublicKey',
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
  'sso:GetRoleCredentials',
  'ecr:GetAuthorizationToken',
  'ec2:GetPasswordData',
  'redshift:GetClusterCredentials',
  'rds-db:connect',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:DownloadDefaultKeyPair',
  'cognito-identity:GetCredentialsForIdentity',
  'codecommit:GetCredentials',
  'chime:CreateApiKey',
  'gamelift:GetInstanceAccess',
  'mediapackage:RotateChannelCredentials',
];

/** Actions of a list that the set grants on unconstrained resources (every resource of the action). */
export function unconstrainedHits(set: PermissionSet, actions: string[]): { action: string; grantedBy: Grant[] }[] {
  const out: { action: string; grantedBy: Grant[] }[] = [];
  for (const a of actions) {
    const g = set.unconstrainedGrants(a);
    if (g.length) out.push({ action: a, grantedBy: g });
  }
  return out;
}

/**
 * Body of the action-list rules (data exfiltration, credentials exposure): fails when the identity is granted
 * any of `ctx.options.actions` on every resource, naming up to `shown` of them in the message and all of
 * them, each with the identity, policy and statement granting it, in the evidence.
 */
export function checkUnconstrainedActions<O extends IdentityRuleOptions & { actions: string[] }>(
  resource: Resource,
  ctx: RuleContext<O>,
  shown = Number.POSITIVE_INFINITY,
): RuleResult<IdentityMessageId> {
  return checkIdentity(
    resource,
    ctx,
    (id) => unconstrainedHits(id.set, ctx.options.actions),
    (id, hits) => ({
      status: 'fail' as const,
      messageId: 'fail' as const,
      data: {
        identity: id.label,
        actions:
          hits
            .slice(0, shown)
            .map((h) => h.action)
            .join(', ') + (hits.length > shown ? `, … (${hits.length})` : ''),
        conditional: hits.every((h) => anyConditional(h.grantedBy)) ? ' (only under a condition)' : '',
      },
      evidence: { identity: id.label, actions: hits },
    }),
  );
}

/** Keeps evidence readable and bounded: the first `n` items and how many there were. */
export function capped<T>(list: T[], n = 20): { items: T[]; total: number } {
  return { items: list.slice(0, n), total: list.length };
}

/** The first `n` items of an iterable (a Map's entries) without copying the rest. */
export function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of items) {
    yield x;
    if (++i >= n) return;
  }
}

export const anyConditional = (grants: Grant[]): boolean => grants.every((g) => g.condition !== undefined || g.conditionalDenies !== undefined);

const DAY = 86_400_000;

/** Whole days from an ISO date to `now`. */
export function ageInDays(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY);
}
