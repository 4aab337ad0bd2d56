/**
 * GCP IAM concepts shared by the `gcp-iam-*` rules: member kinds, domains, Google service agents,
 * and "which grants of a policy match" with evidence strings.
 */
import type { GcpIamBinding, GcpIamPolicy } from '../../src/model/gcp.js';

export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Basic (primitive) roles: project-wide power over almost every service. */
export const BASIC_ROLES = ['roles/owner', 'roles/editor'] as const;

/** Roles that let a principal act as any service account in the scope they are granted on. */
export const IMPERSONATION_ROLES = ['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator'] as const;

export type MemberKind = 'public' | 'user' | 'group' | 'serviceAccount' | 'domain' | 'principal' | 'deleted' | 'convenience' | 'other';

/** `user:a@x` → `user`; `allUsers` → `public`; `deleted:user:…` → `deleted`; `projectOwner:p` → `convenience`. */
export function memberKind(member: string): MemberKind {
  if (PUBLIC_MEMBERS.has(member)) return 'public';
  const prefix = member.slice(0, member.indexOf(':'));
  switch (prefix) {
    case 'user':
    case 'group':
    case 'serviceAccount':
    case 'domain':
    case 'deleted':
      return prefix;
    case 'principal':
    case 'principalSet':
      return 'principal';
    case 'projectOwner':
    case 'projectEditor':
    case 'projectViewer':
      return 'convenience';
    default:
      return 'other';
  }
}

/** E-mail or domain part of a member (`user:a@Example.com` → `example.com`, `domain:x.org` → `x.org`); `null` for others. */
export function memberDomain(member: string): string | null {
  const kind = memberKind(member);
  const value = member.slice(member.indexOf(':') + 1).split('?')[0] ?? '';
  if (kind === 'domain') return value.toLowerCase();
  if (kind === 'user' || kind === 'group' || kind === 'serviceAccount') {
    const at = value.lastIndexOf('@');
    return at < 0 ? null : value.slice(at + 1).toLowerCase();
  }
  return null;
}

/**
 * Google-managed service agents (`service-123@gcp-sa-…`, `service-123@compute-system…`,
 * `123@cloudservices.gserviceaccount.com`): Google grants them their roles to run its services.
 * The default compute (`…-compute@developer…`) and App Engine accounts are user-controlled, not agents.
 */
export function isServiceAgent(member: string): boolean {
  if (memberKind(member) !== 'serviceAccount') return false;
  const email = member.slice('serviceAccount:'.length).toLowerCase();
  return /^service-\d+@[a-z0-9-]+\.iam\.gserviceaccount\.com$/.test(email) || /^\d+@cloudservices\.gserviceaccount\.com$/.test(email);
}

export interface Grant {
  role: string;
  member: string;
  condition?: string;
}

/** Every (role, member) of the policy for which `match` is true. */
export function grants(policy: GcpIamPolicy, match: (member: string, binding: GcpIamBinding) => boolean): Grant[] {
  const out: Grant[] = [];
  for (const b of policy.bindings) {
    for (const m of b.members)
      if (match(m, b)) out.push({ role: b.role, member: m, ...(b.condition ? { condition: b.condition.title ?? b.condition.expression } : {}) });
  }
  return out;
}

/** `roles/owner → user:alice@example.com (if: expires-2026)` */
export function describeGrant(g: Grant): string {
  return `${g.role} → ${g.member}${g.condition ? ` (if: ${g.condition})` : ''}`;
}

/** Evidence and message data for a list of offending grants. */
export function grantsResult(g: Grant[]): { evidence: Record<string, unknown>; data: { grant: string; more: string } } {
  return {
    evidence: { grants: g.map(describeGrant) },
    data: { grant: g[0] ? describeGrant(g[0]) : '', more: g.length > 1 ? ` (and ${g.length - 1} more)` : '' },
  };
}

/** A readable name of the policy's resource: `project acme-prod`, `bucket logs`, `organization 123`. */
export function policyLabel(policy: GcpIamPolicy, name: string | undefined): string {
  const kind = policy.level === 'resource' ? (policy.assetType.split('/').pop() ?? 'resource').toLowerCase() : policy.level;
  return `${kind} ${name ?? policy.resource}`;
}

/** JSON Schema for a list of member strings. */
export const MEMBER_LIST_SCHEMA = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } as const;
/** JSON Schema for a list of role names. */
export const ROLE_LIST_SCHEMA = { type: 'array', items: { type: 'string', pattern: '^(roles/|projects/|organizations/)' }, uniqueItems: true } as const;
