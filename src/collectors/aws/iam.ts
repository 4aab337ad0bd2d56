import type { IAMClient, GetAccountAuthorizationDetailsCommandOutput, PasswordPolicy } from '@aws-sdk/client-iam';
import {
  IAM_ACCOUNT,
  IAM_ACCOUNT_SUMMARY,
  IAM_CREDENTIAL_REPORT,
  IAM_GROUP,
  IAM_PASSWORD_POLICY,
  IAM_POLICY,
  IAM_ROLE,
  IAM_USER,
  type IamAccessKeyFacts,
  type IamAccountData,
  type IamAttachedPolicy,
  type IamCondition,
  type IamCredentialFacts,
  type IamGroupData,
  type IamInlinePolicy,
  type IamManagedPolicyData,
  type IamPasswordPolicy,
  type IamPolicyDocument,
  type IamPrincipal,
  type IamRoleData,
  type IamStatement,
  type IamUserData,
} from '../../model/aws/iam.js';
import type { CoverageEntry, Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { InputType, ResourceType } from '../../model/registry.js';

// ---------------------------------------------------------------------------------------------------------------
// Raw input of toModel: the API responses, as the SDK returns them (minus transport metadata).

type Gaad = Omit<GetAccountAuthorizationDetailsCommandOutput, '$metadata'>;

export interface IamRaw {
  account: string;
  partition: string;
  /** Every page of GetAccountAuthorizationDetails; `null` when it could not be read. */
  authorizationDetails: Gaad[] | null;
  /** The credential report CSV; `null` when it could not be read. */
  credentialReport: { content: string; generatedTime: string | null } | null;
  /** GetAccountSummary's SummaryMap; `null` when it could not be read. */
  accountSummary: Record<string, number> | null;
  /** `'none'`: GetAccountPasswordPolicy answered NoSuchEntity; `null`: it could not be read. */
  passwordPolicy: PasswordPolicy | 'none' | null;
}

export interface IamModel {
  resources: Resource[];
  /** Per-resource problems found while normalizing (e.g. an unparseable document). */
  gaps: Omit<CoverageEntry, 'provider' | 'account'>[];
}

// ---------------------------------------------------------------------------------------------------------------
// Policy documents: URL-decoded once, normalized to arrays.

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const strList = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(str) : [str(v)]);

function normalizePrincipal(p: unknown): IamPrincipal {
  if (p === '*') return { AWS: ['*'] };
  // Only "*" is valid as a bare string; read any other string as an AWS principal rather than reject it.
  if (typeof p === 'string') return { AWS: [p] };
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new Error(`Principal must be "*" or an object, got ${JSON.stringify(p)}`);
  const out: IamPrincipal = {};
  for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
    if (k === 'AWS' || k === 'Service' || k === 'Federated' || k === 'CanonicalUser') out[k] = strList(v);
    else throw new Error(`unknown principal type "${k}"`);
  }
  return out;
}

function normalizeCondition(c: unknown): IamCondition {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new Error('Condition must be an object');
  const out: IamCondition = {};
  for (const [op, block] of Object.entries(c as Record<string, unknown>)) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw new Error(`Condition operator ${op} must map keys to values`);
    out[op] = {};
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) out[op][key] = strList(values);
  }
  return out;
}

function normalizeStatement(s: unknown, i: number): IamStatement {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new Error(`statement ${i} is not an object`);
  const r = s as Record<string, unknown>;
  const effect = String(r.Effect ?? '').toLowerCase();
  if (effect !== 'allow' && effect !== 'deny') throw new Error(`statement ${i}: Effect must be Allow or Deny`);
  const out: IamStatement = { Effect: effect === 'allow' ? 'Allow' : 'Deny' };
  if (typeof r.Sid === 'string' && r.Sid !== '') out.Sid = r.Sid;
  for (const k of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) if (r[k] !== undefined) out[k] = strList(r[k]);
  if (r.Principal !== undefined) out.Principal = normalizePrincipal(r.Principal);
  if (r.NotPrincipal !== undefined) out.NotPrincipal = normalizePrincipal(r.NotPrincipal);
  if (r.Condition !== undefined) out.Condition = normalizeCondition(r.Condition);
  return out;
}

/** Normalizes a parsed policy document: `Statement` (object or array) → array, strings → arrays. Throws when malformed. */
export function normalizePolicyDocument(parsed: unknown): IamPolicyDocument {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('policy document is not a JSON object');
  const d = parsed as Record<string, unknown>;
  const raw = d.Statement === undefined ? [] : Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  const doc: IamPolicyDocument = { Statement: raw.map(normalizeStatement) };
  if (typeof d.Version === 'string') doc.Version = d.Version;
  if (typeof d.Id === 'string') doc.Id = d.Id;
  return doc;
}

/**
 * Parses a document as IAM returns it: URL-encoded (RFC 3986) JSON. Decoded exactly once; a document that
 * already starts with `{` is taken as-is (moto returns trust policies unencoded, and decoding twice would
 * corrupt a literal `%` in a condition value).
 */
export function parsePolicyDocument(raw: string | Record<string, unknown>): IamPolicyDocument {
  if (typeof raw !== 'string') return normalizePolicyDocument(raw);
  const t = raw.trim();
  return normalizePolicyDocument(JSON.parse(t.startsWith('{') ? t : decodeURIComponent(t)));
}

// ---------------------------------------------------------------------------------------------------------------
// Credential report (CSV).

/** RFC 4180 lines → fields (quotes supported; AWS does not quote today). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/** `N/A`, `no_information`, `not_supported` and anything that is not a date → `null` (unknown, not a date). */
function reportDate(v: string | undefined): string | null {
  if (!v || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
function reportBool(v: string | undefined): boolean | null {
  return v === 'true' ? true : v === 'false' ? false : null;
}
function reportText(v: string | undefined): string | null {
  return !v || v === 'N/A' || v === 'no_information' || v === 'not_supported' ? null : v;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  facts: IamCredentialFacts;
}

/** Parses the report. Rows are keyed by header name, so column order does not matter. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header || !header.includes('user') || !header.includes('arn')) throw new Error('credential report has no header row with user and arn');
  const out: CredentialReportRow[] = [];
  for (let fields of rows) {
    // IAM names may contain commas; the name and the ARN then spill over equally many extra fields.
    const extra = fields.length - header.length;
    if (extra > 0 && extra % 2 === 0 && header[0] === 'user' && header[1] === 'arn') {
      const k = extra / 2 + 1;
      fields = [fields.slice(0, k).join(','), fields.slice(k, 2 * k).join(','), ...fields.slice(2 * k)];
    }
    if (fields.length !== header.length) continue;
    const f = (name: string): string | undefined => fields[header.indexOf(name)];
    const accessKeys: IamAccessKeyFacts[] = [];
    for (const slot of [1, 2] as const) {
      const active = reportBool(f(`access_key_${slot}_active`));
      const lastRotated = reportDate(f(`access_key_${slot}_last_rotated`));
      if (active !== true && lastRotated === null) continue;
      accessKeys.push({
        slot,
        active: active === true,
        lastRotated,
        lastUsed: reportDate(f(`access_key_${slot}_last_used_date`)),
        lastUsedService: reportText(f(`access_key_${slot}_last_used_service`)),
        lastUsedRegion: reportText(f(`access_key_${slot}_last_used_region`)),
      });
    }
    out.push({
      user: f('user') ?? '',
      arn: f('arn') ?? '',
      facts: {
        createdAt: reportDate(f('user_creation_time')),
        passwordEnabled: reportBool(f('password_enabled')),
        passwordLastUsed: reportDate(f('password_last_used')),
        passwordLastChanged: reportDate(f('password_last_changed')),
        mfaActive: reportBool(f('mfa_active')),
        accessKeys,
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// toModel: raw responses → resources. Pure.

const iso = (d: Date | string | undefined): string | null => (d === undefined ? null : new Date(d).toISOString());
const tagsOf = (tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> | undefined =>
  tags && tags.length ? Object.fromEntries(tags.filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? ''])) : undefined;

/** `arn:aws:iam::aws:policy/service-role/Name` → `{ name: 'Name', path: '/service-role/' }` (moto omits PolicyName). */
export function policyNameFromArn(arn: string): { name: string; path: string } {
  const resource = arn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  const name = parts[parts.length - 1] ?? arn;
  const path = parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/';
  return { name, path };
}

export function toModel(raw: IamRaw): IamModel {
  const { account, partition } = raw;
  const resources: Resource[] = [];
  const gaps: IamModel['gaps'] = [];
  const ref = (type: ResourceType, id: string, arn: string | undefined, name: string, tags?: Record<string, string>) => ({
    provider: 'aws' as const,
    account,
    region: 'global',
    type,
    id,
    ...(arn ? { arn } : {}),
    name,
    ...(tags ? { tags } : {}),
  });
  const parse = (rawDoc: string | undefined, type: InputType, id: string, what: string): IamPolicyDocument | null => {
    if (rawDoc === undefined) {
      gaps.push({
        service: 'iam',
        region: 'global',
        operation: 'ParsePolicyDocument',
        resourceTypes: [type],
        status: 'error',
        errorCode: 'MissingPolicyDocument',
        message: `${what}: no document returned`,
        resourceId: id,
      });
      return null;
    }
    try {
      return parsePolicyDocument(rawDoc);
    } catch (err) {
      gaps.push({
        service: 'iam',
        region: 'global',
        operation: 'ParsePolicyDocument',
        resourceTypes: [type],
        status: 'error',
        errorCode: 'MalformedPolicyDocument',
        message: `${what}: ${(err as Error).message}`.slice(0, 300),
        resourceId: id,
      });
      return null;
    }
  };
  const inline = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined, type: InputType, id: string): IamInlinePolicy[] =>
    (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: parse(p.PolicyDocument, type, id, `inline policy ${p.PolicyName}`) }));
  const attached = (list: { PolicyName?: string; PolicyArn?: string }[] | undefined): IamAttachedPolicy[] =>
    (list ?? []).filter((p) => p.PolicyArn).map((p) => ({ name: p.PolicyName ?? policyNameFromArn(p.PolicyArn!).name, arn: p.PolicyArn! }));

  // Credential report rows, by ARN (names can repeat across paths only in theory; ARNs cannot).
  let reportRows: CredentialReportRow[] | null = null;
  if (raw.credentialReport) {
    try {
      reportRows = parseCredentialReport(raw.credentialReport.content);
    } catch (err) {
      gaps.push({
        service: 'iam',
        region: 'global',
        operation: 'ParseCredentialReport',
        resourceTypes: [IAM_CREDENTIAL_REPORT],
        status: 'error',
        errorCode: 'MalformedCredentialReport',
        message: (err as Error).message,
      });
    }
  }
  const rowByArn = new Map((reportRows ?? []).map((r) => [r.arn, r]));
  const rootRow = reportRows?.find((r) => r.user === '<root_account>') ?? null;

  if (raw.authorizationDetails) {
    const users = raw.authorizationDetails.flatMap((p) => p.UserDetailList ?? []);
    const groups = raw.authorizationDetails.flatMap((p) => p.GroupDetailList ?? []);
    const roles = raw.authorizationDetails.flatMap((p) => p.RoleDetailList ?? []);
    const policies = raw.authorizationDetails.flatMap((p) => p.Policies ?? []);

    const members = new Map<string, string[]>();
    const attachments = new Map<string, number>();
    const boundaryUses = new Map<string, number>();
    const count = (m: Map<string, number>, k: string | undefined) => k && m.set(k, (m.get(k) ?? 0) + 1);

    for (const u of users) {
      const name = u.UserName ?? '';
      for (const g of u.GroupList ?? []) members.set(g, [...(members.get(g) ?? []), name]);
      for (const p of u.AttachedManagedPolicies ?? []) count(attachments, p.PolicyArn);
      count(boundaryUses, u.PermissionsBoundary?.PermissionsBoundaryArn);
      const row = reportRows ? (rowByArn.get(u.Arn ?? '') ?? reportRows.find((r) => r.user === name)) : undefined;
      const data: IamUserData = {
        name,
        id: u.UserId ?? null,
        arn: u.Arn ?? '',
        path: u.Path ?? '/',
        createDate: iso(u.CreateDate),
        inlinePolicies: inline(u.UserPolicyList, IAM_USER, name),
        attachedPolicies: attached(u.AttachedManagedPolicies),
        groups: [...(u.GroupList ?? [])],
        permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
        credentials: row?.facts ?? null,
      };
      resources.push({ ref: ref(IAM_USER, name, u.Arn, name, tagsOf(u.Tags)), data: data as unknown as Record<string, unknown> });
    }
    for (const g of groups) {
      const name = g.GroupName ?? '';
      for (const p of g.AttachedManagedPolicies ?? []) count(attachments, p.PolicyArn);
      const data: IamGroupData = {
        name,
        id: g.GroupId ?? null,
        arn: g.Arn ?? '',
        path: g.Path ?? '/',
        createDate: iso(g.CreateDate),
        inlinePolicies: inline(g.GroupPolicyList, IAM_GROUP, name),
        attachedPolicies: attached(g.AttachedManagedPolicies),
        members: members.get(name) ?? [],
      };
      resources.push({ ref: ref(IAM_GROUP, name, g.Arn, name), data: data as unknown as Record<string, unknown> });
    }
    for (const r of roles) {
      const name = r.RoleName ?? '';
      for (const p of r.AttachedManagedPolicies ?? []) count(attachments, p.PolicyArn);
      count(boundaryUses, r.PermissionsBoundary?.PermissionsBoundaryArn);
      const path = r.Path ?? '/';
      const lu = r.RoleLastUsed;
      const data: IamRoleData = {
        name,
        id: r.RoleId ?? null,
        arn: r.Arn ?? '',
        path,
        createDate: iso(r.CreateDate),
        inlinePolicies: inline(r.RolePolicyList, IAM_ROLE, name),
        attachedPolicies: attached(r.AttachedManagedPolicies),
        trustPolicy: parse(r.AssumeRolePolicyDocument, IAM_ROLE, name, 'trust policy'),
        permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
        instanceProfiles: (r.InstanceProfileList ?? []).map((ip) => ({ name: ip.InstanceProfileName ?? '', arn: ip.Arn ?? '' })),
        lastUsed: lu ? { date: iso(lu.LastUsedDate), region: lu.Region ?? null } : null,
        serviceLinked: path.startsWith('/aws-service-role/'),
        maxSessionDuration: (r as { MaxSessionDuration?: number }).MaxSessionDuration ?? null,
      };
      resources.push({ ref: ref(IAM_ROLE, name, r.Arn, name, tagsOf(r.Tags)), data: data as unknown as Record<string, unknown> });
    }
    for (const p of policies) {
      const arn = p.Arn ?? '';
      const awsManaged = /^arn:[^:]+:iam::aws:policy\//.test(arn);
      const attachmentCount = p.AttachmentCount ?? attachments.get(arn) ?? 0;
      const boundaryCount = p.PermissionsBoundaryUsageCount ?? boundaryUses.get(arn) ?? 0;
      // GAAD may list every AWS-managed policy (moto does); only those in use concern this account.
      if (awsManaged && attachmentCount === 0 && boundaryCount === 0 && !attachments.has(arn) && !boundaryUses.has(arn)) continue;
      const derived = policyNameFromArn(arn);
      const version =
        (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? []).find((v) => v.VersionId === p.DefaultVersionId);
      const data: IamManagedPolicyData = {
        name: p.PolicyName ?? derived.name,
        id: p.PolicyId ?? null,
        arn,
        path: p.Path ?? derived.path,
        awsManaged,
        defaultVersionId: p.DefaultVersionId ?? null,
        document: parse(version?.Document, IAM_POLICY, arn, `managed policy ${p.PolicyName ?? derived.name} version ${p.DefaultVersionId}`),
        attachmentCount,
        permissionsBoundaryUsageCount: boundaryCount,
        isAttachable: p.IsAttachable ?? null,
        createDate: iso(p.CreateDate),
        updateDate: iso(p.UpdateDate),
      };
      resources.push({ ref: ref(IAM_POLICY, arn, arn, data.name), data: data as unknown as Record<string, unknown> });
    }
  }

  const s = raw.accountSummary;
  const num = (k: string): number | null => (s && typeof s[k] === 'number' ? s[k] : null);
  const flag = (k: string): boolean | null => (num(k) === null ? null : num(k)! > 0);
  const account_: IamAccountData = {
    summary: s
      ? {
          accountMfaEnabled: flag('AccountMFAEnabled'),
          accountAccessKeysPresent: flag('AccountAccessKeysPresent'),
          users: num('Users'),
          roles: num('Roles'),
          groups: num('Groups'),
          policies: num('Policies'),
        }
      : null,
    credentialReport: reportRows ? { generatedAt: raw.credentialReport?.generatedTime ?? null, root: rootRow?.facts ?? null } : null,
    passwordPolicy: passwordPolicyOf(raw.passwordPolicy),
  };
  resources.push({ ref: ref(IAM_ACCOUNT, account, `arn:${partition}:iam::${account}:root`, account), data: account_ as unknown as Record<string, unknown> });
  return { resources, gaps };
}

function passwordPolicyOf(p: IamRaw['passwordPolicy']): IamPasswordPolicy | null {
  if (p === null) return null;
  if (p === 'none') return { set: false };
  return {
    set: true,
    minimumPasswordLength: p.MinimumPasswordLength ?? null,
    requireSymbols: p.RequireSymbols ?? null,
    requireNumbers: p.RequireNumbers ?? null,
    requireUppercaseCharacters: p.RequireUppercaseCharacters ?? null,
    requireLowercaseCharacters: p.RequireLowercaseCharacters ?? null,
    allowUsersToChangePassword: p.AllowUsersToChangePassword ?? null,
    expirePasswords: p.ExpirePasswords ?? null,
    // AWS omits MaxPasswordAge when passwords do not expire; moto sends 0.
    maxPasswordAge: p.MaxPasswordAge ? p.MaxPasswordAge : null,
    passwordReusePrevention: p.PasswordReusePrevention ?? null,
    hardExpiry: p.HardExpiry ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Fetch: the only I/O. A fixed handful of calls plus one per GAAD page.

/** IAM is global; its signing region depends on the partition. */
export function iamRegion(partition: string): string {
  return partition === 'aws-cn' ? 'cn-north-1' : partition === 'aws-us-gov' ? 'us-gov-west-1' : 'us-east-1';
}

/**
 * Every page of GetAccountAuthorizationDetails (the paginator follows Marker while IsTruncated). A server that
 * repeats its marker would otherwise be paged forever: the paginator stops on a repeated token.
 */
export async function fetchAuthorizationDetails(client: IAMClient, pageSize = 1000): Promise<Gaad[]> {
  const { paginateGetAccountAuthorizationDetails } = await import('@aws-sdk/client-iam');
  const pages: Gaad[] = [];
  for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize, stopOnSameToken: true }, {})) {
    const { $metadata: _, ...rest } = page;
    pages.push(rest);
  }
  return pages;
}

export interface CredentialReportPolling {
  /** Give up after this long (default 60 s). */
  maxWaitMs: number;
  /** First delay between polls; doubles up to `maxDelayMs` (defaults 250 ms / 4 s). */
  initialDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const defaultPolling: CredentialReportPolling = {
  maxWaitMs: 60_000,
  initialDelayMs: 250,
  maxDelayMs: 4_000,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const NOT_READY = new Set(['ReportInProgress', 'CredentialReportNotReadyException', 'ReportNotPresent', 'CredentialReportNotPresentException']);

/**
 * GenerateCredentialReport until COMPLETE (bounded, exponential backoff), then GetCredentialReport.
 * GenerateCredentialReport is the one write-like call Vigil makes: it only (re)builds the report AWS keeps for 4 h.
 */
export async function fetchCredentialReport(
  client: IAMClient,
  polling: Partial<CredentialReportPolling> = {},
): Promise<NonNullable<IamRaw['credentialReport']>> {
  const { GenerateCredentialReportCommand, GetCredentialReportCommand } = await import('@aws-sdk/client-iam');
  const p = { ...defaultPolling, ...polling };
  let waited = 0;
  let delay = p.initialDelayMs;
  for (;;) {
    const gen = await client.send(new GenerateCredentialReportCommand({}));
    if (gen.State === 'COMPLETE') {
      try {
        const r = await client.send(new GetCredentialReportCommand({}));
        const content = r.Content === undefined ? '' : typeof r.Content === 'string' ? r.Content : new TextDecoder().decode(r.Content);
        return { content, generatedTime: r.GeneratedTime ? new Date(r.GeneratedTime).toISOString() : null };
      } catch (err) {
        const e = err as { name?: string; Code?: string };
        if (!NOT_READY.has(e.name ?? '') && !NOT_READY.has(e.Code ?? '')) throw err;
      }
    }
    if (waited + delay > p.maxWaitMs) {
      const err = new Error(`credential report still not complete after ${waited} ms: timed out`);
      err.name = 'CredentialReportTimeout';
      throw err;
    }
    await p.sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, p.maxDelayMs);
  }
}

async function fetchPasswordPolicy(client: IAMClient): Promise<PasswordPolicy | 'none'> {
  const { GetAccountPasswordPolicyCommand } = await import('@aws-sdk/client-iam');
  try {
    return (await client.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? 'none';
  } catch (err) {
    // "No policy set" is a fact about the account, not a failure to read it.
    if ((err as { name?: string }).name === 'NoSuchEntity' || (err as { name?: string }).name === 'NoSuchEntityException') return 'none';
    throw err;
  }
}

export interface IamCollectorOptions {
  pageSize?: number;
  polling?: Partial<CredentialReportPolling>;
}

/** Fetches everything the IAM model needs, recording coverage for each step. */
export async function fetchIam(ctx: AwsContext, opts: IamCollectorOptions = {}): Promise<IamRaw> {
  const { GetAccountSummaryCommand, IAMClient } = await import('@aws-sdk/client-iam');
  const client = ctx.client(IAMClient, iamRegion(ctx.partition));
  const step = (operation: string, resourceTypes: InputType[]) => ({ service: 'iam', region: 'global', operation, resourceTypes });
  const [gaad, report, summary, password] = await Promise.all([
    ctx.attempt(step('GetAccountAuthorizationDetails', [IAM_USER, IAM_GROUP, IAM_ROLE, IAM_POLICY]), () => fetchAuthorizationDetails(client, opts.pageSize)),
    ctx.attempt(step('GetCredentialReport', [IAM_CREDENTIAL_REPORT]), () => fetchCredentialReport(client, opts.polling)),
    ctx.attempt(step('GetAccountSummary', [IAM_ACCOUNT_SUMMARY]), async () => (await client.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {}),
    ctx.attempt(step('GetAccountPasswordPolicy', [IAM_PASSWORD_POLICY]), () => fetchPasswordPolicy(client)),
  ]);
  return {
    account: ctx.account,
    partition: ctx.partition,
    authorizationDetails: gaad ?? null,
    credentialReport: report ?? null,
    accountSummary: summary ?? null,
    passwordPolicy: password ?? null,
  };
}

/** Global IAM collector: users, groups, roles, managed policies and account-level facts. */
export const iam: AwsServiceCollector = {
  service: 'iam',
  scope: 'global',
  resourceTypes: [IAM_USER, IAM_GROUP, IAM_ROLE, IAM_POLICY, IAM_ACCOUNT],
  async collect(ctx) {
    const model = toModel(await fetchIam(ctx));
    for (const g of model.gaps) ctx.record(g);
    // The account resource is always assembled; the parts that could not be read are null with their own entries.
    ctx.record({
      service: 'iam',
      region: 'global',
      operation: 'AssembleAccount',
      resourceTypes: [IAM_ACCOUNT],
      status: 'ok',
      message: 'from the account summary, credential report and password policy reads',
    });
    return model.resources;
  },
};
