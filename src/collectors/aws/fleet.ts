import pLimit from 'p-limit';
import type { CoverageEntry } from '../../model/types.js';
import { type Shard, shardOf } from '../../fleet/shard.js';
import type { FleetAccount, FleetInfo, FleetScopeDetail } from '../../fleet/types.js';
import { InputError } from '../../util/errors.js';
import type { CollectorOutput } from '../types.js';
import { assumeRoleProvider } from './assume-role.js';
import { type AwsCollectOptions, classifyAwsError, countCalls, createClient } from './context.js';
import { listOrganizationAccounts } from './organization.js';
import { assertKnownRegions } from './regions.js';

export interface OrganizationScanOptions {
  /** Role assumed in every member account (default `VigilAudit`). */
  roleName?: string;
  externalId?: string;
  /** Role session length in seconds (default 3600). */
  roleDurationSeconds?: number;
  /** Only these account ids. */
  accounts?: string[];
  excludeAccounts?: string[];
  /** Only accounts under these OUs (or roots), recursively. */
  ous?: string[];
  /** Audit only this slice of the (filtered) accounts. */
  shard?: Shard;
  runId?: string;
  /** Concurrent (region × service) collections across all accounts (default 32); `concurrency` caps each account. */
  maxConcurrency?: number;
}

/** Collects one account; `collectAws` itself, injected to keep this module free of the service list. */
export type AccountCollector = (options: AwsCollectOptions) => Promise<CollectorOutput>;

const ORG_REGION = 'us-east-1';

/**
 * Audits every active account of an AWS Organization (or the filtered / sharded part of it): lists the
 * accounts from the management or delegated-administrator account, assumes the audit role in each, and runs
 * the single-account collection with that account's credentials, several accounts at once under a global
 * cap. One account's failure becomes one coverage gap for that account (its rules report unknown) and never
 * stops the others.
 */
export async function collectOrganization(
  aws: AwsCollectOptions,
  org: OrganizationScanOptions,
  collectAccount: AccountCollector,
  allAwsTypes: string[],
): Promise<CollectorOutput & { fleet: FleetInfo }> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  const { OrganizationsClient } = await import('@aws-sdk/client-organizations');
  const roleName = org.roleName ?? 'VigilAudit';
  const apiCalls: Record<string, number> = {};
  const bootstrapRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? ORG_REGION;
  // The management (or delegated-administrator) credentials: the standard chain or --profile.
  const management = { ...aws, credentials: undefined };
  const orgs = createClient(OrganizationsClient, ORG_REGION, management);
  countCalls(orgs, 'organizations', apiCalls);
  const sts = createClient(STSClient, bootstrapRegion, management);
  countCalls(sts, 'sts', apiCalls);

  try {
    let partition = 'aws';
    try {
      partition = (await sts.send(new GetCallerIdentityCommand({}))).Arn?.split(':')[1] ?? 'aws';
    } catch (err) {
      const c = classifyAwsError(err);
      throw new InputError(
        `cannot identify the management account (${c.code}: ${c.message})`,
        undefined,
        'sts:GetCallerIdentity',
        'provide the management or delegated-administrator credentials through the standard AWS chain (AWS_PROFILE / --profile, environment, SSO, instance role)',
      );
    }
    // A typo in --regions would fail every account the same way: check the names once, with the management
    // account's region list (DescribeRegions lists the whole partition), before any role is assumed.
    if (aws.regions?.length) {
      const { EC2Client, DescribeRegionsCommand } = await import('@aws-sdk/client-ec2');
      const ec2 = createClient(EC2Client, bootstrapRegion, management);
      countCalls(ec2, 'ec2', apiCalls);
      try {
        const names = ((await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
        if (names.length) assertKnownRegions(aws.regions, names, 'the management account');
      } catch (err) {
        // Not allowed to list regions here: each account still checks the names with its own list.
        if (err instanceof InputError) throw err;
      } finally {
        ec2.destroy();
      }
    }
    let listing;
    try {
      listing = await listOrganizationAccounts(orgs, org.ous);
    } catch (err) {
      const c = classifyAwsError(err);
      throw new InputError(
        `cannot list the organization's accounts (${c.code}: ${c.message})`,
        undefined,
        'organizations:ListAccountsForParent',
        'run from the management account or a delegated administrator for AWS Organizations, with organizations:ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent and DescribeOrganizationalUnit allowed; check the ids given to --ous',
      );
    }

    const only = org.accounts?.length ? new Set(org.accounts) : undefined;
    const excluded = new Set(org.excludeAccounts ?? []);
    const listed = listing.accounts.filter((a) => (!only || only.has(a.id)) && !excluded.has(a.id));
    for (const id of only ?? []) {
      if (!listing.accounts.some((a) => a.id === id)) {
        throw new InputError(
          `account ${id} is not in the organization${org.ous?.length ? ' under the given OUs' : ''}`,
          undefined,
          '--accounts',
          'list account ids the organization has (12 digits each), or drop --ous',
        );
      }
    }
    if (listed.length === 0)
      throw new InputError('no account left to audit after --accounts / --exclude-accounts / --ous', undefined, '--aws-organization', 'check the filters');

    const accounts: FleetAccount[] = listed.map((a) => {
      const shard = org.shard ? shardOf(a.id, org.shard.count) : undefined;
      const active = a.status === 'ACTIVE';
      const mine = !org.shard || shard === org.shard.index;
      return {
        id: a.id,
        name: a.name,
        ouPath: a.ouPath,
        status: a.status,
        ...(shard !== undefined ? { shard } : {}),
        outcome: !active ? 'inactive' : mine ? 'audited' : 'other-shard',
      };
    });

    const perAccount = aws.concurrency ?? 8;
    const global = pLimit(org.maxConcurrency ?? 32);
    // Accounts in flight: twice what the global cap could keep busy at full per-account concurrency, since
    // an account's collections spend much of their time waiting (credential report, paging); the global
    // cap, not this, bounds the calls in flight. It bounds the per-account state held at once.
    const accountLimit = pLimit(Math.max(1, Math.ceil((2 * (org.maxConcurrency ?? 32)) / perAccount)));
    const outputs = await Promise.all(
      accounts
        .filter((a) => a.outcome === 'audited')
        .map((a) =>
          accountLimit(async (): Promise<CollectorOutput> => {
            const detail: FleetScopeDetail = { accountName: a.name, organizationId: listing.organizationId, ouPath: a.ouPath };
            const credentials = assumeRoleProvider(sts, {
              roleArn: `arn:${partition}:iam::${a.id}:role/${roleName}`,
              externalId: org.externalId,
              durationSeconds: org.roleDurationSeconds,
            });
            const fail = (operation: string, err: unknown): CollectorOutput => {
              const c = err instanceof InputError ? { status: 'error' as const, code: 'AccountNotIdentified', message: err.message } : classifyAwsError(err);
              a.outcome = 'failed';
              a.reason = `${operation}: ${c.code}${c.message ? ` (${c.message})` : ''}`;
              const gap: CoverageEntry = {
                provider: 'aws',
                account: a.id,
                region: 'global',
                service: 'sts',
                operation,
                resourceTypes: allAwsTypes as CoverageEntry['resourceTypes'],
                status: c.status,
                errorCode: c.code,
                message: `account ${a.id} was not audited: ${c.message}`,
              };
              return {
                scopes: [{ provider: 'aws', account: a.id, regions: aws.regions ?? [], detail: { ...detail, fleetOutcome: 'failed' } }],
                resources: [],
                coverage: [gap],
              };
            };
            try {
              await credentials();
            } catch (err) {
              return fail('AssumeRole', err);
            }
            let out: CollectorOutput;
            try {
              out = await collectAccount({
                ...aws,
                credentials,
                sharedLimit: global,
                onProgress: aws.onProgress && ((ev) => aws.onProgress!({ ...ev, step: `${a.id} ${ev.step}` })),
              });
            } catch (err) {
              return fail('GetCallerIdentity', err);
            }
            const other = out.scopes.find((s) => s.account !== a.id);
            if (other)
              return fail(
                'GetCallerIdentity',
                Object.assign(new Error(`the role session in ${a.id} identifies as account ${other.account}`), { name: 'AccountMismatch' }),
              );
            for (const s of out.scopes) s.detail = { ...s.detail, ...detail, fleetOutcome: 'audited' };
            return out;
          }),
        ),
    );
    for (const o of outputs) for (const [k, v] of Object.entries(o.apiCalls ?? {})) apiCalls[k] = (apiCalls[k] ?? 0) + v;
    const fleet: FleetInfo = {
      provider: 'aws',
      organizationId: listing.organizationId,
      roleName,
      accounts,
      ...(org.runId ? { runId: org.runId } : {}),
      ...(org.shard ? { shard: org.shard } : {}),
    };
    return {
      scopes: outputs.flatMap((o) => o.scopes),
      resources: outputs.flatMap((o) => o.resources),
      coverage: outputs.flatMap((o) => o.coverage),
      apiCalls,
      fleet,
    };
  } finally {
    orgs.destroy();
    sts.destroy();
  }
}
