/**
 * Paths of the IAM collector that moto cannot produce: GAAD over several pages (moto ignores MaxItems),
 * credential-report polling (moto completes on the second call), throttling and denial.
 * aws-sdk-client-mock stubs `send`; nothing leaves the machine (the endpoint is a closed loopback port).
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinRules } from '../../../policies/index.js';
import { createAwsContext } from '../../../src/collectors/aws/context.js';
import { fetchCredentialReport, iam } from '../../../src/collectors/aws/iam.js';
import { collectAws } from '../../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../../src/collectors/index.js';
import { evaluate } from '../../../src/engine/evaluate.js';

const ACCOUNT = '123456789012';
const NOWHERE = 'http://127.0.0.1:9';
const iamMock = mockClient(IAMClient);
const stsMock = mockClient(STSClient);
const ec2Mock = mockClient(EC2Client);

const err = (name: string, status: number) =>
  new IAMServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (test)` });
const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const user = (name: string, groups: string[] = []) => ({
  UserName: name,
  UserId: `AIDA${name}`,
  Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  Path: '/',
  GroupList: groups,
  AttachedManagedPolicies: [],
  UserPolicyList: [],
});
const CSV =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n';

const lpRules = builtinRules.filter((r) => r.pack === 'least-privilege' && r.id.startsWith('aws-'));
const collect = async () =>
  mergeOutputs([await collectAws({ endpointUrl: NOWHERE, regions: ['us-east-1'], services: ['iam'], maxAttempts: 1 })], '2026-01-01T00:00:00.000Z');

beforeEach(() => {
  iamMock.reset();
  stsMock.reset();
  ec2Mock.reset();
  stsMock.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:user/test` });
  ec2Mock.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] });
  iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({ IsTruncated: false });
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iamMock.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CSV), GeneratedTime: new Date('2026-01-01T00:00:00Z') });
  iamMock.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
  iamMock.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } });
});

afterAll(() => {
  iamMock.restore();
  stsMock.restore();
  ec2Mock.restore();
});

describe('GetAccountAuthorizationDetails paging', () => {
  it('follows Marker while IsTruncated: calls grow with pages, not identities; a split escalation is still found', async () => {
    const pages: Record<string, object> = {
      first: { UserDetailList: [user('u1', ['g1']), user('u2')], IsTruncated: true, Marker: 'm2' },
      m2: {
        GroupDetailList: [
          {
            GroupName: 'g1',
            GroupId: 'AGPA1',
            Arn: `arn:aws:iam::${ACCOUNT}:group/g1`,
            GroupPolicyList: [{ PolicyName: 'pass', PolicyDocument: enc({ Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' } }) }],
            AttachedManagedPolicies: [],
          },
        ],
        IsTruncated: true,
        Marker: 'm3',
      },
      m3: {
        UserDetailList: [
          {
            ...user('u3'),
            UserPolicyList: [{ PolicyName: 'ec2', PolicyDocument: enc({ Statement: { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' } }) }],
          },
          {
            ...user('u1b', ['g1']),
            UserPolicyList: [{ PolicyName: 'ec2', PolicyDocument: enc({ Statement: { Effect: 'Allow', Action: 'EC2:runinstances', Resource: '*' } }) }],
          },
        ],
        IsTruncated: false,
      },
    };
    const calls: { Marker?: string; MaxItems?: number }[] = [];
    iamMock.on(GetAccountAuthorizationDetailsCommand).callsFake(async (input: { Marker?: string; MaxItems?: number }) => {
      calls.push({ ...input });
      return pages[input.Marker ?? 'first'];
    });
    const snap = await collect();
    expect(calls.map((c) => c.Marker)).toEqual([undefined, 'm2', 'm3']);
    for (const c of calls) expect(c.MaxItems).toBe(1000);
    expect(snap.resources.filter((r) => r.ref.type === 'aws.iam.user').map((r) => r.ref.id)).toEqual(['u1', 'u2', 'u3', 'u1b']);
    expect(iamMock.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(3);
    expect(snap.coverage.filter((c) => c.status !== 'ok')).toEqual([]);

    const result = evaluate(snap, lpRules, { now: new Date('2026-01-02T00:00:00Z') });
    const esc = result.findings.filter((f) => f.ruleId === 'aws-iam-privilege-escalation' && f.status === 'fail').map((f) => f.resource.id);
    expect(esc).toEqual(['u1b']); // PassRole from group g1 + RunInstances inline; u1 and u3 each have half
  });

  it('stops when a page repeats its marker instead of looping forever', async () => {
    iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [user('same')], IsTruncated: true, Marker: 'again' });
    await collect();
    expect(iamMock.commandCalls(GetAccountAuthorizationDetailsCommand).length).toBe(2);
  });
});

describe('credential report polling', () => {
  it('generates until COMPLETE with exponential backoff, retries a not-ready GetCredentialReport, then parses', async () => {
    const states = ['STARTED', 'INPROGRESS', 'COMPLETE', 'COMPLETE'];
    iamMock.on(GenerateCredentialReportCommand).callsFake(async () => ({ State: states.shift() }));
    let gets = 0;
    iamMock.on(GetCredentialReportCommand).callsFake(async () => {
      if (gets++ === 0) throw err('ReportInProgress', 404);
      return {
        Content: new TextEncoder().encode(
          CSV + 'u1,arn:aws:iam::1:user/u1,2026-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n',
        ),
      };
    });
    const sleeps: number[] = [];
    const client = new IAMClient({ region: 'us-east-1', endpoint: NOWHERE });
    const report = await fetchCredentialReport(client, { sleep: async (ms) => void sleeps.push(ms), initialDelayMs: 100, maxDelayMs: 300 });
    expect(report.content).toContain('u1,arn:aws:iam::1:user/u1');
    expect(sleeps).toEqual([100, 200, 300]);
    expect(iamMock.commandCalls(GenerateCredentialReportCommand).length).toBe(4);
  });

  it('gives up after maxWaitMs: a timeout gap, and the rules needing the report are unknown', async () => {
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const client = new IAMClient({ region: 'us-east-1', endpoint: NOWHERE });
    const sleeps: number[] = [];
    await expect(
      fetchCredentialReport(client, { sleep: async (ms) => void sleeps.push(ms), initialDelayMs: 100, maxDelayMs: 1000, maxWaitMs: 1000 }),
    ).rejects.toThrow(/timed out/);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);

    // Through the collector: the same exhaustion is recorded as coverage, never as "no users have keys".
    iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [user('u1')], IsTruncated: false });
    const run = createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts: 1 });
    const { fetchIam, toModel } = await import('../../../src/collectors/aws/iam.js');
    const rawOut = await fetchIam(run.ctx, { polling: { sleep: async () => {}, maxWaitMs: 50, initialDelayMs: 25 } });
    run.destroy();
    expect(rawOut.credentialReport).toBeNull();
    expect(run.coverage.find((c) => c.operation === 'GetCredentialReport')).toMatchObject({
      status: 'timeout',
      errorCode: 'CredentialReportTimeout',
      resourceTypes: ['aws.iam.credential-report'],
    });
    const snap = {
      schemaVersion: 1,
      tool: { name: 'vigil', version: 't' },
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.000Z',
      scopes: [],
      resources: toModel(rawOut).resources,
      coverage: run.coverage,
    };
    const findings = evaluate(snap, lpRules).findings.filter((f) => f.resource.id === 'u1');
    const status = (id: string) => findings.find((f) => f.ruleId === id)?.status;
    for (const id of ['aws-iam-user-console-no-mfa', 'aws-iam-access-key-old', 'aws-iam-credentials-unused', 'aws-iam-user-multiple-active-keys'])
      expect([id, status(id)]).toEqual([id, 'unknown']);
    expect(status('aws-iam-user-direct-policies')).toBe('pass'); // does not need the report
  });
});

describe('errors become coverage gaps, rules become unknown', () => {
  it('AccessDenied on GAAD → denied gap over users/groups/roles/policies; no identity rule passes', async () => {
    iamMock.on(GetAccountAuthorizationDetailsCommand).rejects(err('AccessDenied', 403));
    const snap = await collect();
    expect(snap.coverage.filter((c) => c.status !== 'ok')).toEqual([
      expect.objectContaining({
        service: 'iam',
        region: 'global',
        operation: 'GetAccountAuthorizationDetails',
        status: 'denied',
        errorCode: 'AccessDenied',
        resourceTypes: ['aws.iam.user', 'aws.iam.group', 'aws.iam.role', 'aws.iam.policy'],
      }),
    ]);
    const result = evaluate(snap, lpRules);
    const identityFindings = result.findings.filter((f) => f.resource.type !== 'aws.iam.account');
    expect(identityFindings.length).toBeGreaterThan(0);
    expect(identityFindings.every((f) => f.status === 'unknown')).toBe(true);
    // Account-level rules still run on what was read.
    expect(result.findings.find((f) => f.ruleId === 'aws-iam-root-mfa-disabled')?.status).toBe('pass');
  });

  it('NoSuchEntity on the password policy is recorded ok and fails the rule as "none set"; Throttling is a gap → unknown', async () => {
    iamMock.on(GetAccountPasswordPolicyCommand).rejects(err('NoSuchEntity', 404));
    let snap = await collect();
    expect(snap.coverage.find((c) => c.operation === 'GetAccountPasswordPolicy')?.status).toBe('ok');
    let f = evaluate(snap, lpRules).findings.find((x) => x.ruleId === 'aws-iam-password-policy-weak')!;
    expect([f.status, f.messageId]).toEqual(['fail', 'missing']);

    iamMock.on(GetAccountPasswordPolicyCommand).rejects(err('Throttling', 400));
    snap = await collect();
    expect(snap.coverage.find((c) => c.operation === 'GetAccountPasswordPolicy')).toMatchObject({
      status: 'throttled',
      resourceTypes: ['aws.iam.password-policy'],
    });
    f = evaluate(snap, lpRules).findings.find((x) => x.ruleId === 'aws-iam-password-policy-weak')!;
    expect(f.status).toBe('unknown');
  });

  it('a response of an unexpected shape crashes toModel into a gap over every IAM type, not a pass', async () => {
    iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [{ ...user('odd'), GroupList: 5 as never }], IsTruncated: false });
    const snap = await collect();
    expect(snap.coverage.filter((c) => c.status !== 'ok')).toEqual([
      expect.objectContaining({ service: 'iam', operation: 'collect', status: 'error', resourceTypes: iam.resourceTypes }),
    ]);
    const findings = evaluate(snap, lpRules).findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.status === 'pass')).toEqual([]);
  });
});
