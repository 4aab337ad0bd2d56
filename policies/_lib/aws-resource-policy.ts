/**
 * Resource-based policies (S3 bucket policies, KMS key policies): who they open a resource to, and whether
 * they deny requests that do not use TLS. Works on documents the collector already parsed and normalized.
 *
 * "Public" follows S3's published meaning: an Allow to every principal (`*`, or `NotPrincipal`) is public
 * unless a condition pins the request to fixed values of a key that identifies the caller or its source
 * (account, organization, ARN, VPC / VPC endpoint, a CIDR set other than the whole internet, …).
 */
import type { IamCondition, IamPolicyDocument, IamPrincipal, IamStatement } from '../../src/model/aws/iam.js';

/** Keys whose fixed values narrow who can make the request (S3 "The meaning of public", plus principal/org keys). */
const RESTRICTING_KEYS = [
  'aws:SourceArn',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceOwner',
  'aws:SourceAccount',
  'aws:SourceIp',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:userid',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  's3:DataAccessPointAccount',
  's3:DataAccessPointArn',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
];

/** Positive operators only: `…Not…`, `…IfExists`, `Null` and `ForAllValues:` (vacuously true) do not narrow. */
function narrowingOperator(op: string): boolean {
  return !/Not|IfExists$|^Null$|^ForAllValues:/i.test(op);
}

const WHOLE_INTERNET = /^(0\.0\.0\.0\/0|::\/0)$/;

/** The condition keys of a block that pin the caller to fixed values (empty: the condition does not narrow). */
export function restrictingConditionKeys(condition: IamCondition | undefined, extraKeys: string[] = []): string[] {
  const keys = new Set([...RESTRICTING_KEYS, ...extraKeys].map((k) => k.toLowerCase()));
  const out: string[] = [];
  for (const [op, block] of Object.entries(condition ?? {})) {
    if (!narrowingOperator(op)) continue;
    for (const [key, values] of Object.entries(block)) {
      const k = key.toLowerCase();
      if (!keys.has(k) || values.length === 0) continue;
      if (k === 'aws:sourceip') {
        if (values.every((v) => !WHOLE_INTERNET.test(v.trim()))) out.push(key);
        continue;
      }
      // "Fixed": no wildcard (aws:userid `AROLEID:*` and `arn:aws:iam::*:…` are open).
      if (values.every((v) => !/[*?]/.test(v))) out.push(key);
    }
  }
  return out;
}

function principalIsEveryone(p: IamPrincipal | undefined): boolean {
  if (!p) return false;
  return [...(p.AWS ?? []), ...(p.CanonicalUser ?? [])].some((v) => v === '*' || /^arn:[^:]+:iam::\*:/.test(v));
}

export function statementLabel(s: IamStatement, index: number): string {
  return s.Sid ? s.Sid : `statement[${index}]`;
}

export interface PublicGrant {
  /** `Sid` or `statement[i]`. */
  statement: string;
  principal: string;
  actions: string[];
}

/** Allow statements open to everyone with no narrowing condition. */
export function publicGrants(doc: IamPolicyDocument, extraRestrictingKeys: string[] = []): PublicGrant[] {
  const out: PublicGrant[] = [];
  doc.Statement.forEach((s, i) => {
    if (s.Effect !== 'Allow') return;
    const everyone = s.NotPrincipal !== undefined || principalIsEveryone(s.Principal);
    if (!everyone) return;
    if (restrictingConditionKeys(s.Condition, extraRestrictingKeys).length > 0) return;
    out.push({
      statement: statementLabel(s, i),
      principal: s.NotPrincipal ? `NotPrincipal ${JSON.stringify(s.NotPrincipal)}` : '*',
      actions: s.Action ?? (s.NotAction ? s.NotAction.map((a) => `NotAction ${a}`) : []),
    });
  });
  return out;
}

/** IAM glob match (`*`, `?`); case-insensitive for actions. */
export function globMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's').test(value);
}

/** `aws:SecureTransport` compared to false by a Bool operator (the documented TLS-only pattern). */
function deniesWithoutTls(condition: IamCondition | undefined): boolean {
  for (const [op, block] of Object.entries(condition ?? {})) {
    if (!/^Bool(IfExists)?$/i.test(op)) continue;
    for (const [key, values] of Object.entries(block))
      if (key.toLowerCase() === 'aws:securetransport' && values.some((v) => v.toLowerCase() === 'false')) return true;
  }
  return false;
}

export interface TlsDenial {
  statement: string;
  /** The Deny covers every S3 action on every object of the bucket, for every principal. */
  complete: boolean;
  actions: string[];
  resources: string[];
}

/** Deny statements on `aws:SecureTransport = false`, and whether each covers the whole bucket. */
export function tlsDenials(doc: IamPolicyDocument, bucket: string): TlsDenial[] {
  const out: TlsDenial[] = [];
  doc.Statement.forEach((s, i) => {
    if (s.Effect !== 'Deny' || !deniesWithoutTls(s.Condition)) return;
    const everyone = principalIsEveryone(s.Principal) && !s.NotPrincipal;
    const allActions = (s.Action ?? []).some((a) => a === '*' || a.toLowerCase() === 's3:*');
    const objects = (s.Resource ?? []).some(
      (r) =>
        globMatch(r, `arn:aws:s3:::${bucket}/any-object-key`) || globMatch(r.replace(/^arn:aws-[a-z-]+:/, 'arn:aws:'), `arn:aws:s3:::${bucket}/any-object-key`),
    );
    out.push({ statement: statementLabel(s, i), complete: everyone && allActions && objects, actions: s.Action ?? [], resources: s.Resource ?? [] });
  });
  return out;
}
