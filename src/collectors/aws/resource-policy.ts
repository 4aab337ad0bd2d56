/**
 * Parses a resource-based policy (S3 bucket policy, KMS key policy) once, in the collector, into the
 * normalized {@link IamPolicyDocument} shape the IAM model uses: single strings become arrays,
 * `"Principal": "*"` becomes `{ AWS: ['*'] }`, condition values become string arrays.
 */
import type { IamCondition, IamPolicyDocument, IamPrincipal, IamStatement } from '../../model/aws/iam.js';

const arr = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
};

function principalOf(v: unknown): IamPrincipal | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '*' ? { AWS: ['*'] } : { AWS: [v] };
  if (typeof v !== 'object') return undefined;
  const out: IamPrincipal = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const list = arr(val);
    if (list && (k === 'AWS' || k === 'Service' || k === 'Federated' || k === 'CanonicalUser')) out[k] = list;
  }
  return out;
}

function conditionOf(v: unknown): IamCondition | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const out: IamCondition = {};
  for (const [op, block] of Object.entries(v as Record<string, unknown>)) {
    if (!block || typeof block !== 'object') continue;
    out[op] = {};
    for (const [key, val] of Object.entries(block as Record<string, unknown>)) out[op][key] = arr(val) ?? [];
  }
  return out;
}

function statementOf(raw: Record<string, unknown>): IamStatement {
  const s: IamStatement = { Effect: String(raw.Effect ?? '').toLowerCase() === 'allow' ? 'Allow' : 'Deny' };
  if (typeof raw.Sid === 'string') s.Sid = raw.Sid;
  for (const k of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const list = arr(raw[k]);
    if (list) s[k] = list;
  }
  const p = principalOf(raw.Principal);
  if (p) s.Principal = p;
  const np = principalOf(raw.NotPrincipal);
  if (np) s.NotPrincipal = np;
  const c = conditionOf(raw.Condition);
  if (c) s.Condition = c;
  return s;
}

/**
 * Parses a policy document (JSON text, URL-encoded or not). Throws on text that is not a policy,
 * so the caller can record the failure instead of inventing an empty policy.
 */
export function parsePolicyDocument(text: string): IamPolicyDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = JSON.parse(decodeURIComponent(text));
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('policy document is not a JSON object');
  const doc = raw as Record<string, unknown>;
  const statements = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const out: IamPolicyDocument = {
    Statement: statements.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object').map(statementOf),
  };
  if (typeof doc.Version === 'string') out.Version = doc.Version;
  if (typeof doc.Id === 'string') out.Id = doc.Id;
  return out;
}
