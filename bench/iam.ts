/**
 * Benchmark: IAM collection and least-privilege analysis.
 *
 * 1. Collection: starts moto_server on a free 127.0.0.1 port, creates 2,000 roles, 1,000 users and 500
 *    customer-managed policies (concurrently; seeding time is printed apart), then collects IAM with
 *    collectAws() and prints the IAM API calls made and the wall time. Calls must stay O(pages): moto
 *    ignores MaxItems, so here it is one GAAD page whatever the size (AWS: one per 1,000 entries).
 * 2. Analysis: evaluates every AWS least-privilege rule over 10,000 synthetic identities (users in groups,
 *    roles with trust policies, shared managed policies with wildcards, NotAction, Denies and conditions).
 *    Target: < 3 s on 2 cores.
 *
 * moto answers ~100 calls/s here: treat collection times as relative, not as AWS latency.
 * `npx tsx bench/iam.ts [--scale 0.1] [--skip-collection] [--identities 10000]`
 */
import { AttachRolePolicyCommand, AttachUserPolicyCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import pLimit from 'p-limit';
import { builtinRules } from '../policies/index.js';
import { collectAws } from '../src/collectors/aws/index.js';
import { evaluate } from '../src/engine/evaluate.js';
import type { IamGroupData, IamManagedPolicyData, IamPolicyDocument, IamRoleData, IamUserData } from '../src/model/aws/iam.js';
import { SNAPSHOT_SCHEMA_VERSION, type Resource, type Snapshot } from '../src/model/types.js';
import { awsClients } from '../src/testing/aws-clients.js';
import { startMoto } from '../src/testing/moto-server.js';

const ACCOUNT = '123456789012';
const doc = (...Statement: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement });

export interface IamBenchResult {
  collection?: { roles: number; users: number; policies: number; seedMs: number; collectMs: number; iamCalls: Record<string, number>; resources: number };
  /** `cpuMs`: user + system CPU of the process during evaluate (GC threads included): steadier than wall time on a shared machine. */
  analysis: { identities: number; findings: number; evaluateMs: number; cpuMs: number; byStatus: Record<string, number> };
}

async function benchCollection(scale: number): Promise<NonNullable<IamBenchResult['collection']>> {
  const roles = Math.round(2000 * scale);
  const users = Math.round(1000 * scale);
  const policies = Math.round(500 * scale);
  const moto = await startMoto();
  const clients = awsClients(moto.endpoint, 'us-east-1', { maxAttempts: 10 });
  const { iam } = clients;
  try {
    const limit = pLimit(16);
    const t0 = performance.now();
    const arns = await Promise.all(
      Array.from({ length: policies }, (_, i) =>
        limit(
          async () =>
            (
              await iam.send(
                new CreatePolicyCommand({
                  PolicyName: `bench-policy-${i}`,
                  PolicyDocument: doc({ Effect: 'Allow', Action: [`s3:Get*`, `dynamodb:Query`], Resource: `arn:aws:s3:::bucket-${i}/*` }),
                }),
              )
            ).Policy!.Arn!,
        ),
      ),
    );
    const trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    await Promise.all([
      ...Array.from({ length: roles }, (_, i) =>
        limit(async () => {
          await iam.send(new CreateRoleCommand({ RoleName: `bench-role-${i}`, AssumeRolePolicyDocument: trust }));
          if (i % 4 === 0 && arns.length) await iam.send(new AttachRolePolicyCommand({ RoleName: `bench-role-${i}`, PolicyArn: arns[i % arns.length] }));
        }),
      ),
      ...Array.from({ length: users }, (_, i) =>
        limit(async () => {
          await iam.send(new CreateUserCommand({ UserName: `bench-user-${i}` }));
          if (i % 4 === 0 && arns.length) await iam.send(new AttachUserPolicyCommand({ UserName: `bench-user-${i}`, PolicyArn: arns[i % arns.length] }));
        }),
      ),
    ]);
    const seedMs = performance.now() - t0;

    const t1 = performance.now();
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: ['us-east-1'], services: ['iam'] });
    const collectMs = performance.now() - t1;
    const iamCalls = Object.fromEntries(Object.entries(out.apiCalls ?? {}).filter(([k]) => k.startsWith('iam:')));
    const gaps = out.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
    if (gaps.length) throw new Error(`collection had gaps: ${JSON.stringify(gaps)}`);
    return { roles, users, policies, seedMs, collectMs, iamCalls, resources: out.resources.length };
  } finally {
    clients.destroy();
    await moto.stop();
  }
}

// ---------------------------------------------------------------- synthetic account for the analysis

/** Deterministic pseudo-random numbers (mulberry32), so every run analyses the same account. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const st = (Effect: 'Allow' | 'Deny', Action: string[] | undefined, Resource: string[], extra: Partial<IamPolicyDocument['Statement'][number]> = {}) => ({
  Effect,
  ...(Action ? { Action } : {}),
  Resource,
  ...extra,
});
const SERVICES = ['s3', 'ec2', 'dynamodb', 'lambda', 'sqs', 'sns', 'logs', 'kms', 'ssm', 'secretsmanager', 'cloudwatch', 'ecr', 'ecs', 'rds', 'glue'];

/** Policy documents of the kinds real accounts hold: scoped app policies, read-only sweeps, service wildcards, risky ones. */
function policyDocument(i: number, r: () => number): IamPolicyDocument {
  const svc = SERVICES[i % SERVICES.length];
  switch (i % 10) {
    case 0: // broad read-only, like ReadOnlyAccess (many patterns)
      return {
        Version: '2012-10-17',
        Statement: [
          st(
            'Allow',
            SERVICES.flatMap((s) => [`${s}:Get*`, `${s}:List*`, `${s}:Describe*`]),
            ['*'],
          ),
        ],
      };
    case 1: // service wildcard on one resource
      return { Version: '2012-10-17', Statement: [st('Allow', [`${svc}:*`], [`arn:aws:${svc}:us-east-1:${ACCOUNT}:app-${i}*`])] };
    case 2: // PassRole with a condition
      return {
        Version: '2012-10-17',
        Statement: [
          st('Allow', ['iam:PassRole'], ['*'], { Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } } }),
          st('Allow', ['lambda:CreateFunction', 'lambda:InvokeFunction'], ['*']),
        ],
      };
    case 3: // NotAction "power user"
      return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: ['*'] }] };
    case 4: // policy admin kept in check by a Deny
      return {
        Version: '2012-10-17',
        Statement: [st('Allow', ['iam:*Policy*'], ['*']), st('Deny', ['iam:Put*', 'iam:Attach*', 'iam:CreatePolicyVersion'], ['*'])],
      };
    default: // scoped application policy
      return {
        Version: '2012-10-17',
        Statement: [
          st('Allow', [`${svc}:Get*`, `${svc}:Put*`, `${svc}:${r() < 0.5 ? 'Describe*' : 'List*'}`], [`arn:aws:${svc}:us-east-1:${ACCOUNT}:app-${i}/*`]),
        ],
      };
  }
}

export function syntheticSnapshot(identities: number, seed = 42): Snapshot {
  const r = rng(seed);
  const g = { provider: 'aws' as const, account: ACCOUNT, region: 'global' };
  const resources: Resource[] = [];
  const policies: Resource<IamManagedPolicyData>[] = [];
  for (let i = 0; i < 300; i++) {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/p-${i}`;
    policies.push({
      ref: { ...g, type: 'aws.iam.policy', id: arn, arn, name: `p-${i}` },
      data: {
        name: `p-${i}`,
        id: `ANPA${i}`,
        arn,
        path: '/',
        awsManaged: false,
        defaultVersionId: 'v1',
        document: policyDocument(i, r),
        attachmentCount: i < 290 ? 5 : 0,
        permissionsBoundaryUsageCount: 0,
        isAttachable: true,
        createDate: null,
        updateDate: null,
      },
    });
  }
  const pick = () => {
    const policy = policies[Math.floor(r() * 290)];
    if (!policy) throw new Error('iam bench: fewer than 290 synthetic managed policies');
    return policy.data;
  };
  const attached = (n: number) => Array.from({ length: n }, () => pick()).map((p) => ({ name: p.name, arn: p.arn }));
  const inline = (k: number) => (r() < 0.4 ? [{ name: `inline-${k}`, document: policyDocument(Math.floor(r() * 1000), r) }] : []);
  const groups: Resource<IamGroupData>[] = Array.from({ length: 60 }, (_, i) => ({
    ref: { ...g, type: 'aws.iam.group', id: `g-${i}`, name: `g-${i}` },
    data: {
      name: `g-${i}`,
      id: `AGPA${i}`,
      arn: `arn:aws:iam::${ACCOUNT}:group/g-${i}`,
      path: '/',
      createDate: null,
      inlinePolicies: inline(i),
      attachedPolicies: attached(2),
      members: [],
    },
  }));
  const users = Math.round(identities * 0.4);
  const iso = (days: number) => new Date(Date.UTC(2026, 0, 1) - days * 86_400_000).toISOString();
  for (let i = 0; i < users; i++) {
    const data: IamUserData = {
      name: `u-${i}`,
      id: `AIDA${i}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/u-${i}`,
      path: '/',
      createDate: null,
      inlinePolicies: inline(i),
      attachedPolicies: attached(Math.floor(r() * 3)),
      groups: [`g-${i % 60}`, `g-${(i * 7) % 60}`],
      permissionsBoundary: null,
      credentials: {
        createdAt: iso(500),
        passwordEnabled: r() < 0.5,
        passwordLastUsed: r() < 0.5 ? iso(Math.floor(r() * 200)) : null,
        passwordLastChanged: iso(300),
        mfaActive: r() < 0.7,
        accessKeys:
          r() < 0.5
            ? [
                {
                  slot: 1,
                  active: true,
                  lastRotated: iso(Math.floor(r() * 400)),
                  lastUsed: iso(Math.floor(r() * 150)),
                  lastUsedService: 's3',
                  lastUsedRegion: 'us-east-1',
                },
              ]
            : [],
      },
    };
    resources.push({ ref: { ...g, type: 'aws.iam.user', id: data.name, arn: data.arn, name: data.name }, data: data as unknown as Record<string, unknown> });
  }
  const trusts: IamPolicyDocument[] = [
    { Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }] },
    { Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::999988887777:root'] }, Action: ['sts:AssumeRole'] }] },
    {
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc'] } } }],
    },
  ];
  for (let i = 0; i < identities - users; i++) {
    const trustPolicy = trusts[i % trusts.length];
    if (!trustPolicy) throw new Error('iam bench: no synthetic trust policies');
    const data: IamRoleData = {
      name: `r-${i}`,
      id: `AROA${i}`,
      arn: `arn:aws:iam::${ACCOUNT}:role/r-${i}`,
      path: '/',
      createDate: null,
      inlinePolicies: inline(i),
      attachedPolicies: attached(1 + Math.floor(r() * 3)),
      trustPolicy,
      permissionsBoundary: null,
      instanceProfiles: [],
      lastUsed: null,
      serviceLinked: false,
      maxSessionDuration: 3600,
    };
    resources.push({ ref: { ...g, type: 'aws.iam.role', id: data.name, arn: data.arn, name: data.name }, data: data as unknown as Record<string, unknown> });
  }
  resources.push(...(groups as unknown as Resource[]), ...(policies as unknown as Resource[]));
  resources.push({
    ref: { ...g, type: 'aws.iam.account', id: ACCOUNT, name: ACCOUNT },
    data: { summary: null, credentialReport: null, passwordPolicy: { set: false } },
  });
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'bench' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes: [],
    resources,
    coverage: [],
  };
}

function benchAnalysis(identities: number): IamBenchResult['analysis'] {
  const snapshot = syntheticSnapshot(identities);
  const rules = builtinRules.filter((x) => x.pack === 'least-privilege' && x.id.startsWith('aws-iam-'));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = evaluate(snapshot, rules, { now: new Date('2026-01-01T00:00:00Z') });
  const evaluateMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { identities, findings: result.findings.length, evaluateMs, cpuMs: (cpu.user + cpu.system) / 1000, byStatus: result.summary.byStatus };
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<IamBenchResult> {
  const arg = (name: string, dflt: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : dflt);
  const out: IamBenchResult = { analysis: undefined as never };
  if (!argv.includes('--skip-collection')) {
    const c = await benchCollection(arg('--scale', 1));
    out.collection = c;
    const total = Object.values(c.iamCalls).reduce((a, b) => a + b, 0);
    console.log(`collection: ${c.roles} roles, ${c.users} users, ${c.policies} managed policies (+ attachments for 1 in 4 identities)`);
    console.log(`  seeding (moto, 16 concurrent): ${(c.seedMs / 1000).toFixed(1)} s`);
    console.log(
      `  IAM API calls: ${total} (${Object.entries(c.iamCalls)
        .map(([k, v]) => `${k.slice(4)} ${v}`)
        .join(', ')})`,
    );
    console.log(`  collection wall time: ${(c.collectMs / 1000).toFixed(2)} s, ${c.resources} resources`);
  }
  const a = benchAnalysis(arg('--identities', 10000));
  out.analysis = a;
  const cores = (await import('node:os')).availableParallelism();
  console.log(
    `analysis: ${a.identities} identities, 19 rules, ${a.findings} findings (${Object.entries(a.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  const load = (await import('node:os')).loadavg()[0] ?? 0;
  console.log(
    `  evaluate wall time: ${(a.evaluateMs / 1000).toFixed(2)} s on ${cores} cores (target < 3 s) ${a.evaluateMs < 3000 ? 'OK' : 'OVER TARGET'}; CPU ${(a.cpuMs / 1000).toFixed(2)} s; load average ${load.toFixed(1)} (a busy machine inflates wall time)`,
  );
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
