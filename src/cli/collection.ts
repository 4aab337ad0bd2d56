/**
 * Collection settings of `audit` and `collect`: flags over the config file, checked before anything is
 * collected. Apart from the evaluation (pipeline.ts), so that `evaluate` and `report` never load collectors.
 */
import pc from 'picocolors';
import { awsServiceCollectors } from '../collectors/aws/index.js';
import { type CollectOptions, mergeOutputs } from '../collectors/index.js';
import { discoverTlsTargets } from './tls-discover.js';
import type { ProgressListener } from '../collectors/types.js';
import { loadTargetsFile, parseTargetArgs } from '../collectors/tls/targets.js';
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

  // Targets are checked now (host names, ports), not when the collection reaches them.
  if (flags.tls?.length) parseTargetArgs(flags.tls);
  let providers = nonEmptyList(flags.provider, '--provider', `pass a comma list of ${PROVIDERS.join(', ')}, or leave --provider out`);
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
    const services =
      nonEmptyList(flags.services, '--services', 'pass a comma list of services, or leave --services out to run every collector') ?? config.aws?.services;
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
    const regions =
      nonEmptyList(flags.regions, '--regions', 'pass a comma list of regions, or leave --regions out to scan every enabled region') ?? config.aws?.regions;
    for (const r of regions ?? []) {
      if (!REGION_NAME.test(r))
        throw new InputError(
          `"${r}" is not an AWS region name`,
          undefined,
          flags.regions !== undefined ? '--regions' : 'config aws.regions',
          'pass region names such as us-east-1, eu-west-1 (comma list)',
        );
    }
    opts.aws = {
      regions,
      endpointUrl: endpointUrl(flags.endpointUrl ?? config.aws?.endpointUrl, flags.endpointUrl !== undefined ? '--endpoint-url' : 'config aws.endpointUrl'),
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
  // With a history store, --run-id names the recorded run, organization scan or not.
  const withStore = (flags as { store?: unknown }).store !== undefined;
  const orgFlags = (['roleName', 'externalId', 'roleDuration', 'accounts', 'excludeAccounts', 'ous', 'shard', 'runId', 'maxConcurrency'] as const).filter(
    (k) => flags[k] !== undefined && !(k === 'runId' && withStore),
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

/** `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-central-2`, `us-isob-east-1`… (whether it exists is DescribeRegions' answer). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** A comma list flag given empty (`--regions ""`) is an error, not "everything" (nor "nothing"). */
function nonEmptyList(value: string | undefined, flag: string, fix: string): string[] | undefined {
  const items = list(value);
  if (items && items.length === 0) throw new InputError('the list is empty', undefined, flag, fix);
  return items;
}

/** An endpoint override must be an http(s) URL with a host and a valid port, checked before any client is built. */
function endpointUrl(value: string | undefined, place: string): string | undefined {
  if (value === undefined) return undefined;
  const fix = 'pass http(s)://host[:port], e.g. http://127.0.0.1:5000 for moto, or https://ec2.eu-west-1.amazonaws.com';
  const port = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?(?:\[[^\]]*\]|[^/:?#]*):(\d+)/i.exec(value)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    throw new InputError(`"${value}" is not an endpoint URL: port ${port} is out of range (1–65535)`, undefined, place, fix);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`"${value}" is not an endpoint URL`, undefined, place, fix);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(`"${value}" is not an endpoint URL: the scheme must be http or https`, undefined, place, fix);
  if (!url.hostname) throw new InputError(`"${value}" is not an endpoint URL: it has no host`, undefined, place, fix);
  if (url.username || url.password) throw new InputError('the endpoint URL carries credentials', undefined, place, 'leave user and password out of the URL');
  return value;
}
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
  const { collectTls } = await import('../collectors/tls/index.js');
  // Endpoints already requested are left out by endpoint id, whatever their spelling (`x:443` vs `https://x:443`).
  const targets = discoverTlsTargets(snapshot, ports, options.tls?.targets ?? []);
  if (targets.length === 0) return snapshot;
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
