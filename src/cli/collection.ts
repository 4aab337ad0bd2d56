/**
 * Collection settings of `audit` and `collect`: flags over the config file, checked before anything is
 * collected. Apart from the evaluation (pipeline.ts), so that `evaluate` and `report` never load collectors.
 */
import pc from 'picocolors';
import { awsServiceCollectors } from '../collectors/aws/index.js';
import { type CollectOptions, mergeOutputs } from '../collectors/index.js';
import { discoverTlsTargets } from './tls-discover.js';
import type { ProgressListener } from '../collectors/types.js';
import { loadTargetsFile } from '../collectors/tls/targets.js';
import type { VigilConfig } from '../engine/config.js';
import type { Snapshot } from '../model/types.js';
import { InputError } from '../util/errors.js';
import { list } from './options.js';
import { MAX_ROLE_DURATION_S, MIN_ROLE_DURATION_S } from '../collectors/aws/assume-role.js';
import type { OrganizationScanOptions } from '../collectors/aws/fleet.js';
import { PARENT_ID } from '../collectors/aws/organization.js';
import { parseShard } from '../fleet/shard.js';
import { RUN_ID } from '../fleet/merge.js';

/** Flags shared by `audit` and `collect` (commander camel-cases them). */
export interface CollectFlags {
  provider?: string;
  regions?: string;
  endpointUrl?: string;
  profile?: string;
  services?: string;
  concurrency?: number;
  timeout?: number;
  gcpScope?: string;
  gcpExport?: string[];
  gcpEndpoint?: string;
  tls?: string[];
  tlsTargets?: string;
  caFile?: string;
  progress?: boolean;
  awsOrganization?: boolean;
  roleName?: string;
  externalId?: string;
  roleDuration?: number;
  accounts?: string;
  excludeAccounts?: string;
  ous?: string;
  shard?: string;
  runId?: string;
  maxConcurrency?: number;
}

const PROVIDERS = ['aws', 'gcp', 'tls'];

/** Resolves collection options from flags over the config file. */
export async function collectOptions(flags: CollectFlags, config: VigilConfig): Promise<CollectOptions> {
  const tlsTargets = [...(flags.tls ?? config.tls?.targets ?? [])];
  const targetsFile = flags.tlsTargets ?? config.tls?.targetsFile;
  if (targetsFile) tlsTargets.push(...(await loadTargetsFile(targetsFile)));
  const gcpExports = flags.gcpExport ?? config.gcp?.exports;
  const gcpScope = flags.gcpScope ?? config.gcp?.scope;

  let providers = list(flags.provider);
  if (!providers) {
    providers = [];
    if (gcpExports?.length || gcpScope) providers.push('gcp');
    if (!providers.length && !tlsTargets.length) providers.push('aws');
  }
  for (const p of providers) {
    if (!PROVIDERS.includes(p)) throw new InputError(`unknown provider "${p}"`, undefined, '--provider', `use a comma list of ${PROVIDERS.join(', ')}`);
  }
  if (providers.includes('tls') && !tlsTargets.length)
    throw new InputError('no TLS targets', undefined, '--provider tls', 'pass --tls host:port[,host:port…] or --tls-targets FILE');

  const opts: CollectOptions = {};
  if (providers.includes('aws')) {
    const services = list(flags.services) ?? config.aws?.services;
    // An unknown name would silently collect nothing, and the report would look clean for that service.
    const known = [...new Set(awsServiceCollectors.map((c) => c.service))];
    for (const sv of services ?? []) {
      if (!known.includes(sv))
        throw new InputError(
          `unknown AWS service "${sv}"`,
          undefined,
          flags.services ? '--services' : 'config aws.services',
          `use a comma list of ${known.join(', ')}`,
        );
    }
    opts.aws = {
      regions: list(flags.regions) ?? config.aws?.regions,
      endpointUrl: flags.endpointUrl ?? config.aws?.endpointUrl,
      profile: flags.profile ?? config.aws?.profile,
      services,
      concurrency: flags.concurrency ?? config.aws?.concurrency,
      maxAttempts: config.aws?.maxAttempts,
      timeoutMs: seconds(flags.timeout ?? config.aws?.timeoutSeconds),
      connectTimeoutMs: config.aws?.connectTimeoutMs,
      socketTimeoutMs: config.aws?.socketTimeoutMs,
      requestTimeoutMs: config.aws?.requestTimeoutMs,
    };
  }
  const orgFlags = (['roleName', 'externalId', 'roleDuration', 'accounts', 'excludeAccounts', 'ous', 'shard', 'runId', 'maxConcurrency'] as const).filter(
    (k) => flags[k] !== undefined,
  );
  if (flags.awsOrganization) {
    if (!opts.aws)
      throw new InputError('--aws-organization needs the aws provider', undefined, '--provider', 'add aws to --provider (or leave --provider out)');
    opts.awsOrganization = organizationOptions(flags);
  } else if (orgFlags[0] !== undefined) {
    const flag = '--' + orgFlags[0].replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    throw new InputError(`${flag} only applies to an organization scan`, undefined, flag, 'add --aws-organization, or drop the flag');
  }
  if (providers.includes('gcp')) {
    if (!gcpExports?.length && !gcpScope)
      throw new InputError(
        'no GCP scope or export file',
        undefined,
        '--provider gcp',
        'pass --gcp-scope projects/ID (live, Application Default Credentials) or --gcp-export FILE',
      );
    opts.gcp = { scope: gcpScope, exportFiles: gcpExports, endpoint: flags.gcpEndpoint ?? config.gcp?.endpoint };
  }
  if (tlsTargets.length) {
    opts.tls = {
      targets: tlsTargets,
      caFile: flags.caFile ?? config.tls?.caFile,
      connectTimeoutMs: config.tls?.connectTimeoutMs,
      handshakeTimeoutMs: config.tls?.handshakeTimeoutMs,
      concurrency: config.tls?.concurrency,
    };
  }
  return opts;
}

const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : s * 1000);
const ACCOUNT_ID = /^\d{12}$/;

function accountList(value: string | undefined, flag: string): string[] | undefined {
  const ids = list(value);
  for (const id of ids ?? [])
    if (!ACCOUNT_ID.test(id)) throw new InputError(`"${id}" is not an AWS account id`, undefined, flag, 'pass a comma list of 12-digit account ids');
  return ids;
}

/** `--aws-organization` and its companions, checked before anything is collected. */
function organizationOptions(flags: CollectFlags): OrganizationScanOptions {
  const ous = list(flags.ous);
  for (const id of ous ?? [])
    if (!PARENT_ID.test(id))
      throw new InputError(`"${id}" is not an OU or root id`, undefined, '--ous', 'pass a comma list of ids like ou-ab12-cd34ef56 or r-ab12');
  const d = flags.roleDuration;
  if (d !== undefined && (d < MIN_ROLE_DURATION_S || d > MAX_ROLE_DURATION_S)) {
    throw new InputError(
      `role duration ${d} s is out of range`,
      undefined,
      '--role-duration',
      `pass ${MIN_ROLE_DURATION_S}–${MAX_ROLE_DURATION_S} seconds (and at most the role's own maximum session duration)`,
    );
  }
  if (flags.roleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(flags.roleName))
    throw new InputError(
      `"${flags.roleName}" is not an IAM role name`,
      undefined,
      '--role-name',
      'pass the role name only (letters, digits and +=,.@_-), not its ARN',
    );
  if (flags.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(flags.externalId))
    throw new InputError(
      'the external id has characters STS does not accept',
      undefined,
      '--external-id',
      'use 2–1224 characters of letters, digits and +=,.@:/-',
    );
  if (flags.runId !== undefined && !RUN_ID.test(flags.runId))
    throw new InputError(`"${flags.runId}" is not a usable run id`, undefined, '--run-id', 'use 1–128 characters of letters, digits and ._:-');
  const accounts = accountList(flags.accounts, '--accounts');
  const excludeAccounts = accountList(flags.excludeAccounts, '--exclude-accounts');
  if (accounts && excludeAccounts) throw new InputError('--accounts and --exclude-accounts together', undefined, '--exclude-accounts', 'pass one of them');
  return {
    roleName: flags.roleName,
    externalId: flags.externalId,
    roleDurationSeconds: d,
    accounts,
    excludeAccounts,
    ous,
    shard: flags.shard === undefined ? undefined : parseShard(flags.shard),
    runId: flags.runId,
    maxConcurrency: flags.maxConcurrency,
  };
}

/**
 * `--tls-discover`: probes the TLS endpoints the AWS snapshot shows reachable from the internet (instances
 * with a public address behind a group and NACL open on the given ports) and merges them into the snapshot.
 */
export async function discoverAndProbeTls(snapshot: Snapshot, ports: number[], options: CollectOptions): Promise<Snapshot> {
  // Endpoints already requested are left out by endpoint id, whatever their spelling (`x:443` vs `https://x:443`).
  const targets = discoverTlsTargets(snapshot, ports, options.tls?.targets ?? []);
  if (targets.length === 0) return snapshot;
  const { collectTls } = await import('../collectors/tls/index.js');
  const tls = await collectTls({ ...(options.tls ?? {}), targets, onProgress: options.onProgress });
  return mergeOutputs(
    [{ scopes: snapshot.scopes, resources: snapshot.resources, coverage: snapshot.coverage, apiCalls: snapshot.stats?.apiCalls, stats: snapshot.stats }, tls],
    snapshot.startedAt,
  );
}

/** A one-line progress display on stderr, only when it is a terminal. */
export function progressListener(enabled: boolean): { listener?: ProgressListener; done(): void } {
  if (!enabled || !process.stderr.isTTY) return { done: () => undefined };
  let started = 0;
  let finished = 0;
  let failed = 0;
  const draw = (step: string) => process.stderr.write(`\r\x1b[2K${pc.dim(`collecting ${finished}/${started}${failed ? `, ${failed} failed` : ''}  ${step}`)}`);
  return {
    listener: (ev) => {
      if (ev.state === 'start') started++;
      else finished++;
      if (ev.state === 'failed') failed++;
      draw(`${ev.provider} ${ev.step}`.replace(/[\x00-\x1f\x7f]/g, ''));
    },
    done: () => process.stderr.write('\r\x1b[2K'),
  };
}
