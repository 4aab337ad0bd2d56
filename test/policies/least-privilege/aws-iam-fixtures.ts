/** Builders for the AWS IAM rule tests: resources shaped exactly as the collector's toModel writes them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicyDocument, toModel } from '../../../src/collectors/aws/iam.js';
import type {
  IamAccountData,
  IamCredentialFacts,
  IamGroupData,
  IamManagedPolicyData,
  IamPolicyDocument,
  IamRoleData,
  IamUserData,
} from '../../../src/model/aws/iam.js';
import type { CoverageEntry, Resource } from '../../../src/model/types.js';
import { PACKAGE_ROOT } from '../../../src/version.js';
import { gap, resource, type ExpectedResult } from '../../support/rule-tester.js';

export const ACCOUNT = '123456789012';
export const NOW = new Date('2026-06-01T00:00:00.000Z');
const G = { region: 'global' };

/** A policy document from statements written as in IAM (strings or arrays), normalized like the collector does. */
export const doc = (...statements: Record<string, unknown>[]): IamPolicyDocument =>
  parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});

export const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

export function creds(c: Partial<IamCredentialFacts> = {}): IamCredentialFacts {
  return { createdAt: daysAgo(400), passwordEnabled: false, passwordLastUsed: null, passwordLastChanged: null, mfaActive: false, accessKeys: [], ...c };
}
export const key = (slot: 1 | 2, active: boolean, lastRotated: string | null, lastUsed: string | null = null) => ({
  slot,
  active,
  lastRotated,
  lastUsed,
  lastUsedService: null,
  lastUsedRegion: null,
});

export function user(name: string, d: Partial<IamUserData> = {}): Resource<IamUserData> {
  return resource(
    'aws.iam.user',
    name,
    {
      name,
      id: `AIDA${name}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
      path: '/',
      createDate: null,
      inlinePolicies: [],
      attachedPolicies: [],
      groups: [],
      permissionsBoundary: null,
      credentials: creds(),
      ...d,
    },
    { ...G, name },
  );
}
export function group(name: string, d: Partial<IamGroupData> = {}): Resource<IamGroupData> {
  return resource(
    'aws.iam.group',
    name,
    {
      name,
      id: `AGPA${name}`,
      arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
      path: '/',
      createDate: null,
      inlinePolicies: [],
      attachedPolicies: [],
      members: [],
      ...d,
    },
    { ...G, name },
  );
}
export function role(name: string, d: Partial<IamRoleData> = {}): Resource<IamRoleData> {
  return resource(
    'aws.iam.role',
    name,
    {
      name,
      id: `AROA${name}`,
      arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      path: '/',
      createDate: null,
      inlinePolicies: [],
      attachedPolicies: [],
      trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      permissionsBoundary: null,
      instanceProfiles: [],
      lastUsed: null,
      serviceLinked: false,
      maxSessionDuration: 3600,
      ...d,
    },
    { ...G, name },
  );
}
export function managed(name: string, document: IamPolicyDocument | null, d: Partial<IamManagedPolicyData> = {}): Resource<IamManagedPolicyData> {
  const awsManaged = d.awsManaged ?? false;
  const arn = awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${ACCOUNT}:policy/${name}`;
  return resource(
    'aws.iam.policy',
    arn,
    {
      name,
      id: `ANPA${name}`,
      arn,
      path: '/',
      awsManaged,
      defaultVersionId: 'v1',
      document,
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
      isAttachable: true,
      createDate: null,
      updateDate: null,
      ...d,
    },
    { ...G, name },
  );
}
export const attach = (p: Resource<IamManagedPolicyData>) => ({ name: p.data.name, arn: p.data.arn });
export const inline = (name: string, document: IamPolicyDocument | null) => ({ name, document });

export function account(d: Partial<IamAccountData> = {}): Resource<IamAccountData> {
  return resource(
    'aws.iam.account',
    ACCOUNT,
    {
      summary: { accountMfaEnabled: true, accountAccessKeysPresent: false, users: 1, roles: 1, groups: 0, policies: 0 },
      credentialReport: { generatedAt: NOW.toISOString(), root: null },
      passwordPolicy: {
        set: true,
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        expirePasswords: false,
        maxPasswordAge: null,
        passwordReusePrevention: 24,
        hardExpiry: false,
      },
      ...d,
    },
    { ...G, name: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root` },
  );
}

/** GetAccountAuthorizationDetails denied: users, groups, roles and policies unknown. */
export const gaadDenied: CoverageEntry = gap(['aws.iam.user', 'aws.iam.group', 'aws.iam.role', 'aws.iam.policy'], {
  service: 'iam',
  region: 'global',
  operation: 'GetAccountAuthorizationDetails',
});
/** What a rule over users, groups and roles reports when GAAD was denied: one coverage unknown per type. */
export const gaadDeniedResults: ExpectedResult<never>[] = [
  { status: 'unknown', messageId: '_coverage' },
  { status: 'unknown', messageId: '_coverage' },
  { status: 'unknown', messageId: '_coverage' },
];
export const reportDenied: CoverageEntry = gap(['aws.iam.credential-report'], { service: 'iam', region: 'global', operation: 'GetCredentialReport' });

/**
 * Resources built by the collector's own toModel from AWS-shaped responses (test/fixtures/aws/iam/aws-*): what
 * moto cannot produce — a `<root_account>` row, keys rotated years ago, `N/A` / `no_information` /
 * `not_supported` cells, and a user created after the report. Dates are relative to {@link NOW}.
 */
export function awsShaped(): { users: Map<string, Resource<IamUserData>>; account: Resource<IamAccountData> } {
  const dir = join(PACKAGE_ROOT, 'test', 'fixtures', 'aws', 'iam');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const { resources, gaps } = toModel({
    account: ACCOUNT,
    partition: 'aws',
    authorizationDetails: [JSON.parse(read('aws-gaad-users.json'))],
    credentialReport: { content: read('aws-credential-report.csv'), generatedTime: '2026-06-01T00:00:00.000Z' },
    accountSummary: JSON.parse(read('aws-account-summary.json')).SummaryMap,
    passwordPolicy: JSON.parse(read('password-policy.json')).PasswordPolicy,
  });
  if (gaps.length) throw new Error(`AWS-shaped fixtures did not normalize cleanly: ${JSON.stringify(gaps)}`);
  const users = new Map(resources.filter((r) => r.ref.type === 'aws.iam.user').map((r) => [r.ref.id, r as unknown as Resource<IamUserData>]));
  const account = resources.find((r) => r.ref.type === 'aws.iam.account') as unknown as Resource<IamAccountData>;
  return { users, account };
}
