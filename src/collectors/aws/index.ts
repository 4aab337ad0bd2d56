import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { Resource } from '../../model/types.js';
import { InputError } from '../../util/errors.js';
import { assertKnownRegions } from './regions.js';
import type { CollectorOutput } from '../types.js';
import {
  type AwsCollectOptions,
  type AwsContext,
  type AwsServiceCollector,
  classifyAwsError,
  collectionTimeout,
  countCalls,
  createAwsContext,
  createClient,
} from './context.js';
import { ec2Network } from './ec2-network.js';
import { iam } from './iam.js';
import { cloudtrail, cloudtrailAccount } from './cloudtrail.js';
import { ebs } from './ebs.js';
import { elbv2 } from './elbv2.js';
import { kms } from './kms.js';
import { rds } from './rds.js';
import { s3 } from './s3.js';
import { dynamodb } from './dynamodb.js';
import { efs } from './efs.js';
import { lambda } from './lambda.js';
import { secretsmanager } from './secretsmanager.js';
import { guardduty } from './guardduty.js';
import { config } from './config.js';
import { securityhub } from './securityhub.js';
import { logs } from './logs.js';
import { cloudwatch } from './cloudwatch.js';
import { sns } from './sns.js';
import { elb } from './elb.js';
import { opensearch } from './opensearch.js';
import { elasticache } from './elasticache.js';
import { redshift } from './redshift.js';
import { cloudfront } from './cloudfront.js';
import { acm } from './acm.js';
import { apigateway } from './apigateway.js';
import { sqs } from './sqs.js';
import { eks } from './eks.js';
import { backup } from './backup.js';

export type { AwsCollectOptions } from './context.js';

/**
 * Every AWS service collector, in one explicit list (no registration by import side effect).
 * Add a collector here and give it its own file in this folder.
 */
export const awsServiceCollectors: AwsServiceCollector[] = [
  ec2Network,
  iam,
  ebs,
  s3,
  kms,
  rds,
  elbv2,
  cloudtrail,
  cloudtrailAccount,
  dynamodb,
  efs,
  lambda,
  secretsmanager,
  guardduty,
  config,
  securityhub,
  logs,
  cloudwatch,
  sns,
  elb,
  opensearch,
  elasticache,
  redshift,
  cloudfront,
  acm,
  apigateway,
  sqs,
  eks,
  backup,
];

/** Every resource type the selected AWS collectors write (an account that could not be audited is a gap over all of them). */
export function awsResourceTypes(services?: string[]): string[] {
  return [...new Set(awsServiceCollectors.filter((c) => !services || services.includes(c.service)).flatMap((c) => c.resourceTypes))];
}

const BOOTSTRAP_REGION = 'us-east-1';

/** `opt-in-not-required` (default regions) and `opted-in` are usable; `not-opted-in` is not. Absent: assume usable. */
function isEnabled(optIn: string | undefined): boolean {
  return optIn === undefined || optIn === 'opt-in-not-required' || optIn === 'opted-in';
}

/** Collects one AWS account: identity, enabled regions, then every service × region under a concurrency cap. */
export async function collectAws(options: AwsCollectOptions): Promise<CollectorOutput> {
  if (!options.timeoutMs) return collectAwsWithin(options);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    return await collectAwsWithin({ ...options, signal: deadline.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function collectAwsWithin(options: AwsCollectOptions): Promise<CollectorOutput> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  const bootstrapRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? BOOTSTRAP_REGION;
  const apiCalls: Record<string, number> = {};

  const sts = createClient(STSClient, bootstrapRegion, options);
  countCalls(sts, 'sts', apiCalls);
  let account: string;
  let partition = 'aws';
  try {
    const id = await sts.send(new GetCallerIdentityCommand({}));
    account = id.Account ?? 'unknown';
    partition = id.Arn?.split(':')[1] ?? 'aws';
  } catch (err) {
    const c = classifyAwsError(err);
    throw new InputError(
      `cannot identify the AWS account (${c.code}: ${c.message})`,
      undefined,
      'sts:GetCallerIdentity',
      'provide credentials through the standard AWS chain (AWS_PROFILE / --profile, environment variables, SSO, instance role), or --endpoint-url for an emulator',
    );
  } finally {
    sts.destroy();
  }

  // The global services (IAM, S3, …) need the account, not the region list: they start now, while the EC2
  // client loads and DescribeRegions answers, and the regional ones follow. A region list that turns out to
  // be wrong (an input error) stops what already started.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Every call in flight listens on this one signal: as many listeners as the concurrency allows, not a leak.
  setMaxListeners(0, signal);
  const run = createAwsContext(account, partition, { ...options, signal });
  const { ctx } = run;
  const selected = options.services ? awsServiceCollectors.filter((c) => options.services!.includes(c.service)) : awsServiceCollectors;

  // A fleet scan also holds a slot of its global cap, taken inside the account's own cap.
  const own = pLimit(options.concurrency ?? 8);
  const shared = options.sharedLimit;
  const limit = <T>(fn: () => Promise<T>): Promise<T> => own(() => (shared ? shared(fn) : fn()));
  const jobs: Promise<Resource[]>[] = [];
  const start = (collector: AwsServiceCollector, region: string): void => {
    jobs.push(
      limit(async () => {
        const step = `${collector.service} ${region}`;
        options.onProgress?.({ provider: 'aws', step, state: 'start' });
        try {
          const out = await collector.collect(ctx, region);
          options.onProgress?.({ provider: 'aws', step, state: 'done' });
          return out;
        } catch (err) {
          // A collector bug must not pass silently: record it as a gap over everything the service feeds.
          const c = options.signal?.aborted ? collectionTimeout(options) : classifyAwsError(err);
          ctx.record({
            service: collector.service,
            region,
            operation: 'collect',
            resourceTypes: collector.resourceTypes,
            status: c.status === 'timeout' ? 'timeout' : 'error',
            errorCode: c.code,
            message: c.message,
          });
          options.onProgress?.({ provider: 'aws', step, state: 'failed' });
          return [];
        }
      }),
    );
  };
  for (const collector of selected.filter((c) => c.scope === 'global')) start(collector, 'global');
  let regions: string[];
  try {
    regions = await enabledRegions(ctx, bootstrapRegion, account, options.regions);
  } catch (err) {
    stop.abort();
    await Promise.allSettled(jobs);
    run.destroy();
    throw err;
  }
  for (const collector of selected.filter((c) => c.scope !== 'global')) for (const region of regions) start(collector, region);

  const resources = (await Promise.all(jobs)).flat();
  run.destroy();
  for (const [k, v] of Object.entries(run.apiCalls)) apiCalls[k] = (apiCalls[k] ?? 0) + v;
  return {
    scopes: [{ provider: 'aws', account, regions: [...regions, ...(selected.some((c) => c.scope === 'global') ? ['global'] : [])], detail: { partition } }],
    resources,
    coverage: run.coverage,
    apiCalls,
  };
}

/**
 * The regions to scan. DescribeRegions with AllRegions lists every region with its opt-in status (moto, unlike
 * AWS, also lists not-opted-in regions without AllRegions, so the status decides either way). `--regions` limits
 * the scan; a requested region the account has not enabled is a gap (it could not be scanned), and the
 * disabled regions of a full scan are recorded as not applicable (they cannot hold resources).
 */
async function enabledRegions(ctx: AwsContext, bootstrapRegion: string, account: string, requested: string[] | undefined): Promise<string[]> {
  const { DescribeRegionsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
  let regions: string[];
  const ec2 = ctx.client(EC2Client, bootstrapRegion);
  const listed = await ctx.attempt({ service: 'ec2', region: bootstrapRegion, operation: 'DescribeRegions', resourceTypes: [] }, async () =>
    ((await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? [])
      .filter((r) => r.RegionName)
      .map((r) => ({ name: r.RegionName!, optIn: r.OptInStatus })),
  );
  const enabled = listed?.filter((r) => isEnabled(r.optIn)).map((r) => r.name);
  const optInOf = (r: string) => listed?.find((x) => x.name === r)?.optIn ?? 'not listed';
  if (requested?.length) {
    regions = requested;
    if (listed?.length)
      assertKnownRegions(
        regions,
        listed.map((r) => r.name),
        `account ${account}`,
      );
    if (enabled) {
      for (const r of regions.filter((x) => !enabled.includes(x))) {
        ctx.record({
          service: 'ec2',
          region: r,
          operation: 'DescribeRegions',
          resourceTypes: [],
          status: 'unreachable',
          errorCode: 'RegionNotEnabled',
          message: `region ${r} is not enabled for account ${account} (opt-in status: ${optInOf(r)}); it was not scanned`,
        });
      }
      regions = regions.filter((x) => enabled.includes(x));
    }
  } else if (enabled) {
    regions = enabled;
    for (const r of listed!.filter((x) => !isEnabled(x.optIn))) {
      ctx.record({
        service: 'ec2',
        region: r.name,
        operation: 'DescribeRegions',
        resourceTypes: [],
        status: 'not_applicable',
        errorCode: 'RegionNotEnabled',
        message: `region ${r.name} is not enabled for account ${account} (opt-in status: ${r.optIn})`,
      });
    }
  } else {
    // Without DescribeRegions we cannot know the region list: scan the bootstrap region and say so.
    regions = [bootstrapRegion];
  }

  return regions;
}
