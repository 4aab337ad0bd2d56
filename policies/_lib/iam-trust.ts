/**
 * Role trust policies: who may assume a role, and whether a condition narrows it.
 */
import type { RuleResult } from '../../src/engine/types.js';
import type { IamCondition, IamPolicyDocument, IamPrincipal, IamRoleData, IamStatement } from '../../src/model/aws/iam.js';
import type { Resource } from '../../src/model/types.js';
import { actionMatches } from './iam-actions.js';
import { statementLabel } from './iam-policy.js';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/** Condition keys that tie a request to specific principals, accounts, organizations, sources or networks. */
const RESTRICTING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:userid',
    'aws:username',
    'aws:SourceIdentity',
    'sts:ExternalId',
    'aws:PrincipalServiceName',
    // Network origin: only callers from these addresses / VPC endpoints.
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
  ].map((k) => k.toLowerCase()),
);

export interface TrustStatement {
  /** `Sid` or `statement[i]`. */
  statement: string;
  statementIndex: number;
  principal: IamPrincipal;
  /** `NotPrincipal` with Allow: everyone except the listed principals. */
  notPrincipal: boolean;
  condition?: IamCondition;
}

const assumes = (s: IamStatement) =>
  ASSUME_ACTIONS.some((a) => (s.Action ? s.Action.some((p) => actionMatches(p, a)) : s.NotAction ? !s.NotAction.some((p) => actionMatches(p, a)) : false));

/** Allow statements that let a principal assume the role. */
export function assumeStatements(doc: IamPolicyDocument): TrustStatement[] {
  const out: TrustStatement[] = [];
  doc.Statement.forEach((s, i) => {
    if (s.Effect !== 'Allow' || !assumes(s)) return;
    out.push({
      statement: statementLabel(s, i),
      statementIndex: i,
      principal: s.NotPrincipal ?? s.Principal ?? {},
      notPrincipal: !!s.NotPrincipal,
      ...(s.Condition ? { condition: s.Condition } : {}),
    });
  });
  return out;
}

/**
 * Keys of a condition that really narrow who can assume: a positive operator (not `…Not…`, not `…IfExists`,
 * not `Null`) on a restricting key, with at least one value that is not just wildcards.
 */
export function restrictingKeys(condition: IamCondition | undefined): string[] {
  const keys: string[] = [];
  for (const [op, block] of Object.entries(condition ?? {})) {
    if (/Not|IfExists$|^Null$/i.test(op)) continue;
    for (const [key, values] of Object.entries(block)) {
      const k = key.toLowerCase();
      // OIDC / SAML federation keys such as token.actions.githubusercontent.com:sub also pin the caller.
      const federated = /:(sub|aud|oaud|amr)$/.test(k) && !k.startsWith('aws:');
      if (!RESTRICTING_KEYS.has(k) && !federated) continue;
      if (values.some((v) => !/^[*?]*$/.test(v))) keys.push(key);
    }
  }
  return keys;
}

/** A Deny statement that restricts assumption to callers matching a condition (e.g. `StringNotEquals aws:PrincipalOrgID`). */
export function denyRestrictions(doc: IamPolicyDocument): string[] {
  const out: string[] = [];
  doc.Statement.forEach((s, i) => {
    if (s.Effect !== 'Deny' || !assumes(s) || !s.Condition) return;
    for (const [op, block] of Object.entries(s.Condition)) {
      if (!/Not/i.test(op)) continue;
      for (const key of Object.keys(block)) if (RESTRICTING_KEYS.has(key.toLowerCase())) out.push(`${statementLabel(s, i)}: ${op} ${key}`);
    }
  });
  return out;
}

export function hasExternalId(condition: IamCondition | undefined): boolean {
  return restrictingKeys(condition).some((k) => k.toLowerCase() === 'sts:externalid');
}

/** Account of an AWS principal (`123456789012`, `arn:aws:iam::123456789012:root`, `…:role/x`, `…:assumed-role/…`); null for `*` and unique ids. */
export function principalAccount(p: string): string | null {
  if (/^\d{12}$/.test(p)) return p;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(p)?.[1] ?? null;
}

/** Is this trust statement open to any AWS principal? */
export function anyPrincipal(t: TrustStatement): boolean {
  return t.notPrincipal || (t.principal.AWS ?? []).includes('*') || (t.principal.Federated ?? []).includes('*');
}

/** Other-account AWS principals of a trust statement, by account. */
export function foreignAccounts(t: TrustStatement, ownAccount: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of t.principal.AWS ?? []) {
    const acct = principalAccount(p);
    if (!acct || acct === ownAccount) continue;
    out.set(acct, [...(out.get(acct) ?? []), p]);
  }
  return out;
}

/** One other-account trust of a role: which statement lets which principals of which account assume it. */
export interface ForeignTrust {
  statement: string;
  account: string;
  principals: string[];
  condition: IamCondition | null;
}

/**
 * Other-account AWS principals that may assume a role (not `*`: that is aws-iam-role-trust-any-principal's),
 * leaving out the accounts in `allowed` and the statements `accepted` approves (e.g. an external id).
 */
export function foreignTrusts(
  doc: IamPolicyDocument,
  ownAccount: string,
  allowed: ReadonlySet<string>,
  accepted: (t: TrustStatement) => boolean = () => false,
): ForeignTrust[] {
  const hits: ForeignTrust[] = [];
  for (const t of assumeStatements(doc)) {
    if (anyPrincipal(t) || accepted(t)) continue;
    for (const [account, principals] of foreignAccounts(t, ownAccount)) {
      if (!allowed.has(account)) hits.push({ statement: t.statement, account, principals, condition: t.condition ?? null });
    }
  }
  return hits;
}

/** Result of a trust rule over {@link foreignTrusts}: `fail` with the trusts as evidence, else `pass`. */
export function foreignTrustResult<F extends string>(role: Resource<IamRoleData>, hits: ForeignTrust[], failMessageId: F): RuleResult<'ok' | F> {
  const data = { role: role.data.name };
  if (!hits.length) return { status: 'pass', messageId: 'ok', data };
  return {
    status: 'fail',
    messageId: failMessageId,
    data: { ...data, accounts: [...new Set(hits.map((h) => h.account))].join(', ') },
    evidence: { identity: `role/${role.data.name}`, policy: 'trust policy', trusts: hits },
  };
}
