/**
 * Benchmark: a full AWS collection (every collector in `awsServiceCollectors`: network, IAM, EBS, S3, KMS,
 * RDS, ELBv2, CloudTrail, Classic ELB, OpenSearch, ElastiCache, Redshift, CloudFront, ACM, API Gateway, …) of a seeded moto account across all the regions moto reports as enabled (no `--regions`;
 * the regions DescribeRegions reports as not opted in are recorded, not scanned).
 *
 * Starts moto_server on a free 127.0.0.1 port, seeds the demo account (examples/demo: network, IAM and
 * data stores, load balancers and the edge (CloudFront, ACM, API Gateway) in us-east-1 and eu-west-1; `--buckets N` adds N plain buckets to show the per-bucket cost),
 * collects, and prints API calls per service and per operation, the per-resource calls against the number
 * of resources they concern, and wall time. moto answers ~100 calls/s on this machine: treat times as
 * relative, not as AWS latency.
 *
 * `npx tsx bench/aws-full.ts [--buckets 0]`
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { seedAwsData } from '../examples/demo/seed-aws-data.js';
import { seedAwsEdge } from '../examples/demo/seed-aws-edge.js';
import { seedAwsElbv2 } from '../examples/demo/seed-aws-elbv2.js';
import { seedAwsIam } from '../examples/demo/seed-aws-iam.js';
import { seedAwsNetwork } from '../examples/demo/seed-aws-network.js';
import { seedAwsTransitData } from '../examples/demo/seed-aws-transit-data.js';
import { awsServiceCollectors, collectAws } from '../src/collectors/aws/index.js';
import type { ProgressEvent } from '../src/collectors/types.js';
import { awsClients } from '../src/testing/aws-clients.js';
import { startMoto } from '../src/testing/moto-server.js';

const SEED_REGIONS = ['us-east-1', 'eu-west-1'];
/** EC2 operations made by the EBS collector (the EC2 client is shared with the network collector). */
const EBS_OPERATIONS = new Set(['DescribeVolumes', 'GetEbsEncryptionByDefault', 'DescribeSnapshots', 'DescribeSnapshotAttribute', 'DescribeImages']);

export interface AwsFullBenchResult {
  regions: number;
  resources: number;
  totalCalls: number;
  wallMs: number;
  /** Collector service → calls. */
  callsByService: Record<string, number>;
  /** Collector service → ms from its first region starting to its last region done. */
  spanByService: Record<string, number>;
  apiCalls: Record<string, number>;
}

/** Which collector made a call, from the `client:Operation` key the call counter uses. */
function serviceOfCall(key: string): string {
  const [client = '', op = ''] = key.split(':');
  if (client === 'sts' || op === 'DescribeRegions') return 'bootstrap';
  if (client === 'ec2') return EBS_OPERATIONS.has(op) ? 'ebs' : 'ec2';
  if (client === 's3control') return 's3';
  return client;
}

async function seedBuckets(endpoint: string, n: number): Promise<void> {
  const clients = awsClients(endpoint);
  const { s3 } = clients;
  const limit = pLimit(8);
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => limit(() => s3.send(new CreateBucketCommand({ Bucket: `bench-bucket-${i}` })))));
  } finally {
    clients.destroy();
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<AwsFullBenchResult> {
  const i = argv.indexOf('--buckets');
  const extraBuckets = i >= 0 ? Number(argv[i + 1]) : 0;
  const moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
  let result: AwsFullBenchResult;
  try {
    await moto.reset();
    await seedAwsNetwork(moto.endpoint, SEED_REGIONS);
    await seedAwsIam(moto.endpoint);
    await seedAwsData(moto.endpoint, SEED_REGIONS);
    for (const region of SEED_REGIONS) await seedAwsElbv2(moto.endpoint, region);
    for (const region of SEED_REGIONS) await seedAwsTransitData(moto.endpoint, region);
    await seedAwsEdge(moto.endpoint, SEED_REGIONS);
    await seedBuckets(moto.endpoint, extraBuckets);

    const started = new Map<string, number>();
    const span: Record<string, [number, number]> = {};
    const onProgress = (ev: ProgressEvent) => {
      const service = ev.step.split(' ')[0] ?? ev.step;
      const now = performance.now();
      if (ev.state === 'start') started.set(ev.step, now);
      else span[service] = [Math.min(span[service]?.[0] ?? Infinity, started.get(ev.step) ?? now), Math.max(span[service]?.[1] ?? 0, now)];
    };
    const t0 = performance.now();
    const out = await collectAws({ endpointUrl: moto.endpoint, onProgress });
    const wallMs = performance.now() - t0;

    const callsByService: Record<string, number> = {};
    for (const [k, v] of Object.entries(out.apiCalls ?? {})) callsByService[serviceOfCall(k)] = (callsByService[serviceOfCall(k)] ?? 0) + v;
    const gaps = out.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
    const [scope] = out.scopes;
    if (!scope) throw new Error('aws-full: collectAws returned no scope');
    result = {
      regions: scope.regions.filter((r) => r !== 'global').length,
      resources: out.resources.length,
      totalCalls: Object.values(out.apiCalls ?? {}).reduce((a, b) => a + b, 0),
      wallMs,
      callsByService,
      spanByService: Object.fromEntries(Object.entries(span).map(([s, [a, b]]) => [s, b - a])),
      apiCalls: out.apiCalls ?? {},
    };

    const count = (type: string) => out.resources.filter((r) => r.ref.type === type).length;
    const notEnabled = out.coverage.filter((c) => c.errorCode === 'RegionNotEnabled').length;
    console.log(
      `aws-full: full collection of a seeded moto account (${awsServiceCollectors.length} collectors, ${result.regions} enabled regions + ${notEnabled} not enabled (recorded, not scanned), seeded in ${SEED_REGIONS.join(', ')}${extraBuckets ? `, +${extraBuckets} buckets` : ''})`,
    );
    console.log(
      `  wall time ${(wallMs / 1000).toFixed(1)} s, ${result.totalCalls} API calls (${((result.totalCalls / wallMs) * 1000).toFixed(0)} calls/s), ${result.resources} resources, ${gaps.length} coverage gaps`,
    );
    console.log('  calls per service (span = first region started → last region done):');
    for (const [s, n] of Object.entries(callsByService).sort((a, b) => b[1] - a[1])) {
      const perRegion = ['ec2', 'ebs', 'kms', 'rds', 'cloudtrail'].includes(s) ? ` (${(n / result.regions).toFixed(1)} per region)` : '';
      const ms = result.spanByService[s];
      console.log(`    ${s.padEnd(11)} ${String(n).padStart(5)} calls${perRegion}${ms ? `, span ${(ms / 1000).toFixed(1)} s` : ''}`);
    }
    console.log('  per operation:');
    for (const [k, v] of Object.entries(out.apiCalls ?? {}).sort()) console.log(`    ${k.padEnd(44)} ${v}`);
    const buckets = count('aws.s3.bucket');
    const perBucket = Object.entries(out.apiCalls ?? {})
      .filter(([k]) => k.startsWith('s3:Get'))
      .reduce((a, [, v]) => a + v, 0);
    console.log('  per-resource calls (no batch API exists for these):');
    console.log(
      `    S3: ${perBucket} Get* calls for ${buckets} buckets (${buckets ? (perBucket / buckets).toFixed(1) : 0} per bucket; GetBucketLocation only when ListBuckets lacks BucketRegion)`,
    );
    console.log(`    EBS: ${out.apiCalls?.['ec2:DescribeSnapshotAttribute'] ?? 0} DescribeSnapshotAttribute for ${count('aws.ebs.snapshot')} snapshots`);
    console.log(
      `    KMS: ${(out.apiCalls?.['kms:DescribeKey'] ?? 0) + (out.apiCalls?.['kms:GetKeyPolicy'] ?? 0) + (out.apiCalls?.['kms:GetKeyRotationStatus'] ?? 0)} key calls for ${count('aws.kms.key')} customer keys`,
    );
    console.log(
      `    RDS: ${(out.apiCalls?.['rds:DescribeDBParameters'] ?? 0) + (out.apiCalls?.['rds:DescribeDBClusterParameters'] ?? 0)} parameter-list pages for ${count('aws.rds.db-parameter-group') + count('aws.rds.db-cluster-parameter-group')} parameter groups`,
    );
    console.log(
      `    CloudTrail: ${(out.apiCalls?.['cloudtrail:GetTrailStatus'] ?? 0) + (out.apiCalls?.['cloudtrail:GetEventSelectors'] ?? 0)} status/selector calls for ${count('aws.cloudtrail.trail')} trails (+2 per multi-region trail for the account view)`,
    );
    console.log(
      `    Classic ELB: ${(out.apiCalls?.['elasticloadbalancing:DescribeLoadBalancerAttributes'] ?? 0) + (out.apiCalls?.['elasticloadbalancing:DescribeLoadBalancerPolicies'] ?? 0)} attribute/policy calls for ${count('aws.elb.load-balancer')} load balancers with ${out.resources
        .filter((r) => r.ref.type === 'aws.elb.load-balancer')
        .reduce(
          (a, r) => a + (r.data as { listeners: unknown[] }).listeners.length,
          0,
        )} listeners (policies: one call per TLS load balancer, not per listener)`,
    );
    console.log(
      `    OpenSearch: ${out.apiCalls?.['opensearch:DescribeDomains'] ?? 0} DescribeDomains for ${count('aws.opensearch.domain')} domains (batches of 5)`,
    );
    console.log(
      `    Redshift: ${out.apiCalls?.['redshift:DescribeClusterParameters'] ?? 0} DescribeClusterParameters pages for ${count('aws.redshift.cluster-parameter-group')} parameter groups used by ${count('aws.redshift.cluster')} clusters`,
    );
    const calls = (...keys: string[]) => keys.reduce((a, k) => a + (out.apiCalls?.[k] ?? 0), 0);
    console.log(
      `    CloudFront: ${calls('cloudfront:ListDistributions')} ListDistributions + ${calls('cloudfront:GetDistributionConfig')} GetDistributionConfig for ${count('aws.cloudfront.distribution')} distributions`,
    );
    console.log(
      `    ACM: ${calls('acm:ListCertificates')} ListCertificates + ${calls('acm:DescribeCertificate')} DescribeCertificate for ${count('aws.acm.certificate')} certificates`,
    );
    console.log(
      `    API Gateway: ${calls('apigateway:GetDomainNames', 'apigatewayv2:GetDomainNames', 'apigateway:GetRestApis', 'apigatewayv2:GetApis')} list calls + ${calls('apigateway:GetStages', 'apigatewayv2:GetStages')} GetStages for ${count('aws.apigateway.stage')} stages, ${count('aws.apigateway.domain-name')} custom domains`,
    );
    if (gaps.length)
      console.log(
        `  gaps: ${gaps
          .slice(0, 5)
          .map((g) => `${g.service}:${g.operation} ${g.region} ${g.status}`)
          .join('; ')}`,
      );
  } finally {
    await moto.stop();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
