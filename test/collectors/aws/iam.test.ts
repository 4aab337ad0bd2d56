/**
 * IAM collector: pure toModel on responses recorded from moto (test/fixtures/aws/iam/, see record.ts there) and
 * on AWS-shaped responses for what moto does not produce (root row, permissions boundary, role last use).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCredentialReport, parseCsv, policyNameFromArn, toModel, type IamRaw } from '../../../src/collectors/aws/iam.js';
import type { IamAccountData, IamGroupData, IamManagedPolicyData, IamRoleData, IamUserData } from '../../../src/model/aws/iam.js';
import type { Resource } from '../../../src/model/types.js';
import { PACKAGE_ROOT } from '../../../src/version.js';

const dir = join(PACKAGE_ROOT, 'test', 'fixtures', 'aws', 'iam');
const json = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
const ACCOUNT = '123456789012';

const recorded = (): IamRaw => ({
  account: ACCOUNT,
  partition: 'aws',
  authorizationDetails: [json('gaad-page.json')],
  credentialReport: { content: readFileSync(join(dir, 'credential-report.csv'), 'utf8'), generatedTime: '2015-02-02T20:02:02.000Z' },
  accountSummary: json('account-summary.json').SummaryMap,
  passwordPolicy: json('password-policy.json').PasswordPolicy,
});

const byType = <D>(rs: Resource[], type: string) => new Map(rs.filter((r) => r.ref.type === type).map((r) => [r.ref.id, r as unknown as Resource<D>]));

describe('iam toModel on moto responses', () => {
  const { resources, gaps } = toModel(recorded());
  const users = byType<IamUserData>(resources, 'aws.iam.user');
  const groups = byType<IamGroupData>(resources, 'aws.iam.group');
  const roles = byType<IamRoleData>(resources, 'aws.iam.role');
  const policies = byType<IamManagedPolicyData>(resources, 'aws.iam.policy');
  const account = byType<IamAccountData>(resources, 'aws.iam.account').get(ACCOUNT)!;

  it('normalizes every identity and keeps raw dictionaries out', () => {
    expect(gaps).toEqual([]);
    expect([...users.keys()].sort()).toEqual(['alice-admin', 'bounded-dev', 'carol-auditor', 'dave-dev', 'erin-reports', 'old-ci-bot']);
    expect([...groups.keys()].sort()).toEqual(['auditors', 'developers', 'report-readers']);
    expect([...roles.keys()].sort()).toEqual(['lambda-exec', 'partner-readonly', 'public-assume-role', 'vendor-integration']);
    for (const r of resources) {
      expect(r.ref).toMatchObject({ provider: 'aws', account: ACCOUNT, region: 'global' });
      expect(JSON.stringify(r.data)).not.toMatch(/"(UserName|PolicyDocument|AttachedManagedPolicies|UserPolicyList)"/);
    }
  });

  it("parses URL-encoded inline documents and moto's unencoded trust documents", () => {
    const dave = users.get('dave-dev')!.data;
    expect(dave.groups).toEqual(['developers']);
    expect(dave.inlinePolicies).toEqual([
      {
        name: 'lambda-dev',
        document: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'LambdaDev', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:Get*'], Resource: ['*'] }],
        },
      },
    ]);
    expect(roles.get('public-assume-role')!.data.trustPolicy!.Statement[0]).toEqual({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['sts:AssumeRole'] });
    expect(roles.get('partner-readonly')!.data.trustPolicy!.Statement[0]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': ['acme-partner-7f3c'] } });
    expect(groups.get('developers')!.data.members).toEqual(['dave-dev']);
  });

  it('keeps customer policies and AWS-managed policies in use, names them from the ARN (moto omits PolicyName)', () => {
    expect([...policies.keys()].sort()).toEqual([
      'arn:aws:iam::123456789012:policy/legacy-full-access',
      'arn:aws:iam::123456789012:policy/read-reports-bucket',
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/SecurityAudit',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    const lambda = policies.get('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')!;
    expect(lambda.ref.name).toBe('AWSLambdaBasicExecutionRole');
    expect(lambda.data).toMatchObject({
      name: 'AWSLambdaBasicExecutionRole',
      path: '/service-role/',
      awsManaged: true,
      attachmentCount: 1,
      defaultVersionId: 'v1',
    });
    expect(lambda.data.document!.Statement[0]!.Action).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(policies.get('arn:aws:iam::123456789012:policy/legacy-full-access')!.data).toMatchObject({
      awsManaged: false,
      attachmentCount: 0,
      document: { Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] },
    });
  });

  it('turns credential-report rows into facts; N/A and no_information are null, not dates', () => {
    const alice = users.get('alice-admin')!.data.credentials!;
    expect(alice.passwordEnabled).toBe(true);
    expect(alice.passwordLastUsed).toBeNull(); // no_information
    expect(alice.mfaActive).toBe(false);
    expect(alice.accessKeys).toHaveLength(1);
    expect(alice.accessKeys[0]).toMatchObject({ slot: 1, active: true, lastUsed: null, lastUsedService: null });
    expect(Date.parse(alice.accessKeys[0]!.lastRotated!)).not.toBeNaN();
    expect(users.get('old-ci-bot')!.data.credentials!.accessKeys.map((k) => k.active)).toEqual([true, true]);
    expect(users.get('carol-auditor')!.data.credentials!.mfaActive).toBe(true);
    expect(users.get('erin-reports')!.data.credentials).toMatchObject({ passwordEnabled: false, passwordLastUsed: null, accessKeys: [] });
  });

  it('fills the account: summary, password policy, and no root row from moto', () => {
    expect(account.ref.arn).toBe('arn:aws:iam::123456789012:root');
    expect(account.data.summary).toEqual({ accountMfaEnabled: false, accountAccessKeysPresent: false, users: 6, roles: 4, groups: 3, policies: 2 });
    expect(account.data.credentialReport).toEqual({ generatedAt: '2015-02-02T20:02:02.000Z', root: null });
    expect(account.data.passwordPolicy).toMatchObject({
      set: true,
      minimumPasswordLength: 8,
      passwordReusePrevention: null,
      maxPasswordAge: null,
      requireNumbers: true,
    });
  });

  it('NoSuchEntity on the password policy is the fact "none set"', () => {
    expect(json('password-policy-none.json').errorName).toBe('NoSuchEntityException');
    const m = toModel({ ...recorded(), passwordPolicy: 'none' });
    expect(byType<IamAccountData>(m.resources, 'aws.iam.account').get(ACCOUNT)!.data.passwordPolicy).toEqual({ set: false });
  });
});

describe('iam toModel: pieces that could not be read are null, never defaults', () => {
  it('no GAAD → only the account resource', () => {
    const m = toModel({ ...recorded(), authorizationDetails: null });
    expect(m.resources.map((r) => r.ref.type)).toEqual(['aws.iam.account']);
  });

  it('no credential report → credentials null on users, credentialReport null on the account', () => {
    const m = toModel({ ...recorded(), credentialReport: null, accountSummary: null, passwordPolicy: null });
    for (const u of byType<IamUserData>(m.resources, 'aws.iam.user').values()) expect(u.data.credentials).toBeNull();
    expect(byType<IamAccountData>(m.resources, 'aws.iam.account').get(ACCOUNT)!.data).toEqual({ summary: null, credentialReport: null, passwordPolicy: null });
  });

  it('an unparseable document becomes null plus a coverage gap naming the identity', () => {
    const page = json('gaad-page.json');
    page.UserDetailList[1].UserPolicyList[0].PolicyDocument = '%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Maybe%22%7D%5D%7D';
    const m = toModel({ ...recorded(), authorizationDetails: [page] });
    const dave = byType<IamUserData>(m.resources, 'aws.iam.user').get('dave-dev')!;
    expect(dave.data.inlinePolicies[0]!.document).toBeNull();
    expect(m.gaps).toEqual([
      expect.objectContaining({
        operation: 'ParsePolicyDocument',
        resourceTypes: ['aws.iam.user'],
        resourceId: 'dave-dev',
        status: 'error',
        errorCode: 'MalformedPolicyDocument',
      }),
    ]);
  });
});

describe('iam toModel on AWS-shaped responses (what moto does not produce)', () => {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const csv = [
    header,
    '<root_account>,arn:aws:iam::123456789012:root,2019-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,true,2020-01-01T00:00:00+00:00,2024-06-01T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    'ops,bot,arn:aws:iam::123456789012:user/ops,bot,2021-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2021-01-01T00:00:00+00:00,N/A,N/A,N/A,false,2021-02-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  ].join('\n');
  const raw: IamRaw = {
    account: ACCOUNT,
    partition: 'aws',
    authorizationDetails: [
      {
        UserDetailList: [
          {
            UserName: 'ops,bot',
            UserId: 'AIDA1',
            Arn: 'arn:aws:iam::123456789012:user/ops,bot',
            Path: '/',
            GroupList: [],
            AttachedManagedPolicies: [],
            UserPolicyList: [],
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' },
            Tags: [{ Key: 'team', Value: 'ops' }],
          },
        ],
        IsTruncated: true,
        Marker: 'm1',
      },
      {
        RoleDetailList: [
          {
            RoleName: 'svc',
            RoleId: 'AROA1',
            Arn: 'arn:aws:iam::123456789012:role/aws-service-role/x/svc',
            Path: '/aws-service-role/x/',
            AssumeRolePolicyDocument: '%7B%22Statement%22%3A%5B%5D%7D',
            RoleLastUsed: { LastUsedDate: new Date('2024-06-01T00:00:00Z'), Region: 'eu-west-1' },
          },
        ],
        Policies: [
          {
            PolicyName: 'boundary',
            PolicyId: 'ANPA1',
            Arn: 'arn:aws:iam::123456789012:policy/boundary',
            DefaultVersionId: 'v2',
            AttachmentCount: 0,
            PermissionsBoundaryUsageCount: 1,
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: false, Document: '%7B%22Statement%22%3A%5B%5D%7D' },
              {
                VersionId: 'v2',
                IsDefaultVersion: true,
                Document: '%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%7D',
              },
            ],
          },
        ],
        IsTruncated: false,
      },
    ],
    credentialReport: { content: csv, generatedTime: '2024-06-02T00:00:00.000Z' },
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 1 },
    passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: true, MaxPasswordAge: 90 },
  };
  const { resources } = toModel(raw);

  it('reads the root row, comma names, boundaries, tags and role last use across pages', () => {
    const acct = byType<IamAccountData>(resources, 'aws.iam.account').get(ACCOUNT)!.data;
    expect(acct.credentialReport!.root).toMatchObject({
      passwordEnabled: null,
      passwordLastUsed: '2024-05-01T10:00:00.000Z',
      mfaActive: true,
      accessKeys: [{ slot: 1, active: true, lastUsed: '2024-06-01T00:00:00.000Z', lastUsedService: 's3', lastUsedRegion: 'us-east-1' }],
    });
    expect(acct.summary).toMatchObject({ accountMfaEnabled: true, accountAccessKeysPresent: true, users: null });
    expect(acct.passwordPolicy).toMatchObject({ minimumPasswordLength: 14, passwordReusePrevention: 24, maxPasswordAge: 90 });
    const user = byType<IamUserData>(resources, 'aws.iam.user').get('ops,bot')!;
    expect(user.ref.tags).toEqual({ team: 'ops' });
    expect(user.data.permissionsBoundary).toBe('arn:aws:iam::123456789012:policy/boundary');
    expect(user.data.credentials!.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2021-01-01T00:00:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null },
      { slot: 2, active: false, lastRotated: '2021-02-01T00:00:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null },
    ]);
    const role = byType<IamRoleData>(resources, 'aws.iam.role').get('svc')!.data;
    expect(role).toMatchObject({ serviceLinked: true, lastUsed: { date: '2024-06-01T00:00:00.000Z', region: 'eu-west-1' }, trustPolicy: { Statement: [] } });
    const boundary = byType<IamManagedPolicyData>(resources, 'aws.iam.policy').get('arn:aws:iam::123456789012:policy/boundary')!.data;
    expect(boundary).toMatchObject({ name: 'boundary', id: 'ANPA1', permissionsBoundaryUsageCount: 1, document: { Statement: [{ Action: ['s3:*'] }] } });
  });

  it('AWS-shaped fixture (test/fixtures/aws/iam/aws-*): root row, not_supported / N/A / no_information → null', () => {
    const m = toModel({
      account: ACCOUNT,
      partition: 'aws',
      authorizationDetails: [json('aws-gaad-users.json')],
      credentialReport: { content: readFileSync(join(dir, 'aws-credential-report.csv'), 'utf8'), generatedTime: '2026-06-01T00:00:00.000Z' },
      accountSummary: json('aws-account-summary.json').SummaryMap,
      passwordPolicy: 'none',
    });
    expect(m.gaps).toEqual([]);
    const acct = byType<IamAccountData>(m.resources, 'aws.iam.account').get(ACCOUNT)!.data;
    expect(acct.summary).toMatchObject({ accountMfaEnabled: false, accountAccessKeysPresent: true });
    // Root: password_enabled / password_last_changed are `not_supported` → null, never false or a date.
    expect(acct.credentialReport!.root).toEqual({
      createdAt: '2019-03-04T09:12:45.000Z',
      passwordEnabled: null,
      passwordLastUsed: '2026-05-20T08:01:02.000Z',
      passwordLastChanged: null,
      mfaActive: false,
      accessKeys: [
        {
          slot: 1,
          active: true,
          lastRotated: '2019-03-04T09:30:11.000Z',
          lastUsed: '2026-05-30T11:00:00.000Z',
          lastUsedService: 's3',
          lastUsedRegion: 'us-east-1',
        },
      ],
    });
    const u = byType<IamUserData>(m.resources, 'aws.iam.user');
    expect([...u.keys()].sort()).toEqual(['active-human', 'after-report', 'ancient-console', 'forgotten-key', 'legacy-deployer', 'new-hire']);
    expect(u.get('ancient-console')!.data.credentials).toMatchObject({
      passwordEnabled: true,
      passwordLastUsed: null,
      passwordLastChanged: '2013-05-01T09:00:00.000Z',
      accessKeys: [],
    });
    expect(u.get('forgotten-key')!.data.credentials!.accessKeys).toEqual([
      { slot: 1, active: true, lastRotated: '2025-06-01T12:01:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null },
    ]);
    expect(u.get('new-hire')!.data.credentials).toMatchObject({ passwordEnabled: true, passwordLastUsed: null, mfaActive: false });
    expect(u.get('active-human')!.data.credentials!.accessKeys.map((k) => [k.slot, k.active])).toEqual([
      [1, true],
      [2, false],
    ]);
    // In GAAD but created after the report was generated: unknown, not "no credentials".
    expect(u.get('after-report')!.data.credentials).toBeNull();
  });

  it('parses quoted CSV and derives policy names and paths from ARNs', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
    expect(parseCredentialReport(`${header}\n"q,x",arn:aws:iam::1:user/q,x,N/A`)).toEqual([]); // wrong column count: skipped, not misread
    expect(policyNameFromArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toEqual({ name: 'ViewOnlyAccess', path: '/job-function/' });
    expect(policyNameFromArn('arn:aws:iam::123456789012:policy/p')).toEqual({ name: 'p', path: '/' });
  });
});
