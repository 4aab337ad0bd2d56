/**
 * Fleet scans end to end against a real moto_server: moto's Organizations API creates the organization,
 * OUs and member accounts; each member account gets the audit role and an SSH-open security group through
 * a role session in that account (moto keeps each account's state apart). One account has no audit role:
 * the fault proxy answers its AssumeRole as STS does (AccessDenied), from moto's own IAM state.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { builtinRules } from '../../policies/index.js';
import { assumeRoleProvider } from '../../src/collectors/aws/assume-role.js';
import { createClient } from '../../src/collectors/aws/context.js';
import { awsResourceTypes } from '../../src/collectors/aws/index.js';
import { listOrganizationAccounts } from '../../src/collectors/aws/organization.js';
import { collect } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { fleetOf, mergeShardSnapshots } from '../../src/fleet/merge.js';
import type { Snapshot } from '../../src/model/types.js';
import { TEST_CREDENTIALS, awsClients } from '../../src/testing/aws-clients.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { MANAGEMENT_ACCOUNT, type SeededOrg, roleTrustCheck, seedOrganization } from '../../src/testing/moto-org.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { type CollectFlags, collectOptions } from '../../src/cli/collection.js';
import { InputError } from '../../src/util/errors.js';
import { CLI_BIN, runCli } from '../support/cli.js';

const EXTERNAL_ID = 'vigil-ext-7c1f';
const REGIONS = ['us-east-1'];

let moto: MotoServer;
let proxy: FaultProxy;
let org: SeededOrg;
let noRole: string;
let all: string[];
let tmp: string;

const aws = () => ({ endpointUrl: proxy.endpoint, regions: REGIONS, services: ['ec2', 'iam'], maxAttempts: 2 });
const sshOpen = (s: Snapshot) =>
  evaluate(
    s,
    builtinRules.filter((r) => r.id === 'aws-sg-open-admin-port'),
  ).findings;

beforeAll(async () => {
  moto = await startMoto();
  await moto.reset();
  // Prod/Web nests under Prod: --ous Prod must reach it.
  org = await seedOrganization(moto.endpoint, { accounts: 6, ous: ['Prod', 'Prod/Web', 'Dev'], underRoot: 1, withoutRole: [3], externalId: EXTERNAL_ID });
  noRole = org.accounts[3]!.id;
  all = [MANAGEMENT_ACCOUNT, ...org.accounts.map((a) => a.id)].sort();
  proxy = await startFaultProxy({ target: moto.endpoint, assumeRole: roleTrustCheck(moto.endpoint) });
  tmp = await mkdtemp(join(tmpdir(), 'vigil-fleet-'));
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('organization scan', () => {
  let snap: Snapshot;
  beforeAll(async () => {
    snap = await collect({ aws: aws(), awsOrganization: { externalId: EXTERNAL_ID } });
  }, 120_000);

  it('audits every account of the organization with its own state, under its name and OU', () => {
    expect(snap.scopes.map((s) => s.account).sort()).toEqual(all);
    const web = org.accounts.find((a) => a.ouName === 'Prod/Web')!;
    expect(snap.scopes.find((s) => s.account === web.id)!.detail).toMatchObject({ accountName: web.name, ouPath: ['Prod', 'Web'], fleetOutcome: 'audited' });
    expect(snap.scopes.find((s) => s.account === MANAGEMENT_ACCOUNT)!.detail).toMatchObject({ ouPath: [], fleetOutcome: 'audited' });
    // Each account's security groups are its own: ssh-<account> exists in that account only.
    const groups = snap.resources.filter((r) => r.ref.type === 'aws.ec2.security-group' && r.ref.name?.startsWith('ssh-'));
    for (const g of groups) expect(g.ref.name).toBe(`ssh-${g.ref.account}`);
    expect(groups.map((g) => g.ref.account).sort()).toEqual(all.filter((a) => a !== noRole));
  });

  it('turns the account whose role is missing into one coverage gap over every AWS type, and goes on', () => {
    const gaps = snap.coverage.filter((c) => c.account === noRole);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ service: 'sts', operation: 'AssumeRole', region: 'global', status: 'denied', errorCode: 'AccessDenied' });
    expect([...gaps[0]!.resourceTypes].sort()).toEqual(awsResourceTypes(['ec2', 'iam']).sort());
    const fleet = fleetOf(snap)!;
    expect(fleet.accounts.find((a) => a.id === noRole)).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('AccessDenied') });
    expect(fleet.accounts.filter((a) => a.outcome === 'audited')).toHaveLength(all.length - 1);
    expect(fleet.organizationId).toMatch(/^o-/);
  });

  it('finds each audited account’s open SSH, and says unknown — never pass — for the account not audited', () => {
    const findings = sshOpen(snap);
    const failing = findings
      .filter((f) => f.status === 'fail')
      .map((f) => f.resource.account)
      .sort();
    expect(failing).toEqual(all.filter((a) => a !== noRole));
    const missing = findings.filter((f) => f.resource.account === noRole);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((f) => f.status === 'unknown')).toBe(true);
  });

  it('assumes the role once per account, with the session name vigil-audit', () => {
    expect(snap.stats!.apiCalls!['sts:AssumeRole']).toBe(all.length);
    const assumed = proxy.log.filter((l) => l.operation === 'AssumeRole' && l.outcome === 'denied');
    expect(assumed.length).toBeGreaterThanOrEqual(1);
  });
});

describe('filters', () => {
  it('--ous reaches nested OUs; --exclude-accounts leaves accounts out', async () => {
    const prod = org.ous.find((o) => o.name === 'Prod')!.id;
    const s = await collect({ aws: aws(), awsOrganization: { externalId: EXTERNAL_ID, ous: [prod], excludeAccounts: [noRole] } });
    const expected = org.accounts
      .filter((a) => a.ouName?.startsWith('Prod') && a.id !== noRole)
      .map((a) => a.id)
      .sort();
    expect(s.scopes.map((x) => x.account).sort()).toEqual(expected);
    expect(org.accounts.some((a) => a.ouName === 'Prod/Web' && expected.includes(a.id))).toBe(true);
  }, 120_000);

  it('a wrong external id fails every account, each as its own gap', async () => {
    const s = await collect({ aws: aws(), awsOrganization: { externalId: 'wrong' } });
    expect(fleetOf(s)!.accounts.every((a) => a.outcome === 'failed')).toBe(true);
    expect(s.coverage.map((c) => c.account).sort()).toEqual(all);
    expect(s.resources).toHaveLength(0);
  }, 120_000);
});

describe('a typo in --regions', () => {
  it('is one input error naming the region meant, before any role is assumed (not a failure of every account)', async () => {
    const before = proxy.log.filter((l) => l.operation === 'AssumeRole').length;
    const err = await collect({ aws: { ...aws(), regions: ['us-est-1'] }, awsOrganization: { externalId: EXTERNAL_ID } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe('unknown AWS region "us-est-1" (did you mean us-east-1?)');
    expect(proxy.log.filter((l) => l.operation === 'AssumeRole').length).toBe(before);
  }, 120_000);
});

describe('Organizations listing', () => {
  it('walks every page and every OU: the same accounts as the organization holds', async () => {
    const orgs = createClient(OrganizationsClient, 'us-east-1', { endpointUrl: moto.endpoint }, { credentials: { ...TEST_CREDENTIALS } });
    try {
      const listing = await listOrganizationAccounts(orgs);
      expect(listing.accounts.map((a) => a.id)).toEqual(all);
      expect(listing.accounts.every((a) => a.status === 'ACTIVE')).toBe(true);
    } finally {
      orgs.destroy();
    }
  });
});

describe('credential refresh', () => {
  it('assumes the role again once the session is within the refresh margin of its expiry', async () => {
    const { sts, destroy } = awsClients(proxy.endpoint);
    let clock = Date.now();
    try {
      const member = org.accounts[0]!.id;
      const p = assumeRoleProvider(sts, { roleArn: `arn:aws:iam::${member}:role/VigilAudit`, externalId: EXTERNAL_ID, durationSeconds: 900, now: () => clock });
      const [a, b] = await Promise.all([p(), p()]);
      expect(p.calls()).toBe(1); // concurrent callers share one AssumeRole
      expect(b.accessKeyId).toBe(a.accessKeyId);
      // The SDK sees the expiration with the margin taken off, so it asks again before the real expiry.
      const realExpiry = clock + 900_000;
      expect(a.expiration!.getTime()).toBeLessThan(realExpiry - 60_000);
      clock = a.expiration!.getTime() - 1;
      await p();
      expect(p.calls()).toBe(1);
      clock = a.expiration!.getTime() + 1;
      const c = await p();
      expect(p.calls()).toBe(2);
      expect(c.accessKeyId).not.toBe(a.accessKeyId);
    } finally {
      destroy();
    }
  });
});

describe('sharding', () => {
  const N = 3;
  let shards: Snapshot[];
  beforeAll(async () => {
    shards = [];
    for (let i = 0; i < N; i++)
      shards.push(await collect({ aws: aws(), awsOrganization: { externalId: EXTERNAL_ID, shard: { index: i, count: N }, runId: 'run-1' } }));
  }, 180_000);

  it('covers every account exactly once across the shards', () => {
    const audited = shards.flatMap((s) =>
      fleetOf(s)!
        .accounts.filter((a) => a.outcome === 'audited' || a.outcome === 'failed')
        .map((a) => a.id),
    );
    expect(audited.sort()).toEqual(all);
    expect(new Set(audited).size).toBe(audited.length);
    for (const [i, s] of shards.entries()) expect(fleetOf(s)!.shard).toEqual({ index: i, count: N });
  });

  it('merged, gives the findings of the unsharded run', async () => {
    const whole = await collect({ aws: aws(), awsOrganization: { externalId: EXTERNAL_ID } });
    const merged = mergeShardSnapshots(
      shards.map((s, i) => ({ source: `shard-${i}`, snapshot: s })),
      { awsTypes: awsResourceTypes(['ec2', 'iam']) },
    );
    expect(merged.summary).toMatchObject({ runId: 'run-1', shardCount: N, missing: [] });
    const ids = (s: Snapshot) =>
      sshOpen(s)
        .map((f) => `${f.id} ${f.status}`)
        .sort();
    expect(ids(merged.snapshot)).toEqual(ids(whole));
  }, 120_000);

  it('a missing shard makes its accounts coverage gaps, and the CLI report says so and exits 3', async () => {
    const dir = join(tmp, 'run-1');
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    // Shard 1 never reported.
    for (const i of [0, 2]) await writeFile(join(dir, `shard-${i}.json`), JSON.stringify(shards[i]));
    const lost = fleetOf(shards[0]!)!
      .accounts.filter((a) => a.shard === 1)
      .map((a) => a.id);
    const out = join(tmp, 'report-1');
    const r = await runCli(['report', '--from', dir, '--run', 'run-1', '--out', out, '--fail-on', 'none', '--rules', 'aws-sg-open-admin-port'], {
      cwd: tmp,
      timeoutMs: 90_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('2/3 shards');
    expect(r.stdout).toContain('MISSING shard 1');
    const findings = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')) as {
      findings: { status: string; resource: { account: string } }[];
      accounts: { account: string; outcome?: string }[];
    };
    for (const id of lost) {
      const mine = findings.findings.filter((f) => f.resource.account === id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((f) => f.status === 'unknown')).toBe(true);
      expect(findings.accounts.find((a) => a.account === id)?.outcome).toBe('missing');
    }
    expect((await readdir(out)).sort()).toEqual(expect.arrayContaining(['findings.json', 'report.html', 'vigil.sarif']));
  }, 120_000);
});

describe('vigil report --wait', () => {
  it('waits for shards that are not there yet (the directory not even created), then reports the whole run', async () => {
    const shards: Snapshot[] = [];
    for (let i = 0; i < 2; i++)
      shards.push(await collect({ aws: aws(), awsOrganization: { externalId: EXTERNAL_ID, shard: { index: i, count: 2 }, runId: 'run-w' } }));
    const dir = join(tmp, 'run-w');
    const out = join(tmp, 'report-w');
    const { writeFile, mkdir } = await import('node:fs/promises');
    const { spawn } = await import('node:child_process');
    // The CLI itself, watched on stderr: each shard is written only once the report says it waits for it.
    const child = spawn(
      process.execPath,
      [CLI_BIN, 'report', '--from', dir, '--run', 'run-w', '--wait', '60', '--out', out, '--fail-on', 'none', '--rules', 'aws-sg-open-admin-port'],
      { cwd: tmp, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    let stdout = '';
    let stderr = '';
    const seen = (re: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => (re.test(stderr) ? resolve() : setTimeout(check, 100));
        check();
      });
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    await seen(/waiting for the first shard/);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'shard-0.json'), JSON.stringify(shards[0]));
    await seen(/waiting for shard 1 of 2/);
    await writeFile(join(dir, 'shard-1.json'), JSON.stringify(shards[1]));
    expect(await code).toBe(0);
    clearTimeout(killer);
    expect(stdout).toContain('Merged run run-w: 2/2 shards');
  }, 120_000);
});

describe('CLI', () => {
  it('vigil audit --aws-organization: terminal by account and OU, the account not audited listed, SARIF one run per account', async () => {
    const out = join(tmp, 'audit');
    const r = await runCli(
      [
        'audit',
        '--aws-organization',
        '--external-id',
        EXTERNAL_ID,
        '--endpoint-url',
        proxy.endpoint,
        '--regions',
        'us-east-1',
        '--services',
        'ec2',
        '--out',
        out,
        '--fail-on',
        'none',
        '--framework',
        'soc2',
        '--no-progress',
      ],
      {
        cwd: tmp,
        timeoutMs: 120_000,
        env: { ...process.env, NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`By accounts: ${all.length} \\(1 not audited\\)`));
    expect(r.stdout).toContain('aws Prod / Web');
    expect(r.stdout).toMatch(/soc2 \d+(\.\d)?%/);
    expect(r.stdout).toMatch(new RegExp(`Not audited: 1[\\s\\S]*${noRole} member-003: .*AccessDenied`));
    const sarif = JSON.parse(await readFile(join(out, 'vigil.sarif'), 'utf8')) as {
      runs: { automationDetails: { id: string }; properties: { account: string; accountName?: string } }[];
    };
    expect(sarif.runs.map((x) => x.properties.account).sort()).toEqual(all);
    expect(sarif.runs.map((x) => x.automationDetails.id).sort()).toEqual(all.map((a) => `vigil/aws-${a}/`));
    expect(sarif.runs.find((x) => x.properties.account === org.accounts[0]!.id)!.properties.accountName).toBe(org.accounts[0]!.name);
    const findings = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')) as { findings: { resource: { account: string; accountName?: string } }[] };
    const one = findings.findings.find((f) => f.resource.account === org.accounts[0]!.id)!;
    expect(one.resource.accountName).toBe(org.accounts[0]!.name);
  }, 150_000);

  it('rejects bad fleet flags before collecting, with the fix', async () => {
    const bad: [CollectFlags, RegExp][] = [
      [{ shard: '3/3' }, /shard index 3 is not below the shard count 3/],
      [{ accounts: '12345' }, /"12345" is not an AWS account id/],
      [{ ous: 'prod' }, /"prod" is not an OU or root id/],
      [{ roleDuration: 60 }, /role duration 60 s is out of range/],
      [{ accounts: '111111111111', excludeAccounts: '222222222222' }, /--accounts and --exclude-accounts together/],
      [{ runId: 'a b' }, /not a usable run id/],
    ];
    for (const [flags, msg] of bad) {
      const err = await collectOptions({ awsOrganization: true, ...flags }, {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).message).toMatch(msg);
      expect((err as InputError).fix).toBeTruthy();
    }
    await expect(collectOptions({ shard: '0/2' }, {})).rejects.toThrow(/--shard only applies to an organization scan/);
    // And through the CLI: exit 2, the message and the fix on stderr.
    const r = await runCli(['collect', '--aws-organization', '--shard', '4/4', '--endpoint-url', 'http://127.0.0.1:9'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shard index 4 is not below the shard count 4[\s\S]*fix: /);
  }, 60_000);
});
