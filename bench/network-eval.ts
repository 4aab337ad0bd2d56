/**
 * Benchmark: evaluate the network pack (+ the VPC flow-log rule) over a synthetic snapshot of 100,000
 * EC2 network resources (security groups with rules, instances, network ACLs, route tables, VPCs, flow logs) and print
 * the evaluation time and the peak RSS. Targets: < 2 s and < 500 MB on a 2-core machine.
 *
 * `npx tsx bench/network-eval.ts [--resources N]`
 */
import { availableParallelism, loadavg } from 'node:os';
import { packs } from '../policies/index.js';
import { evaluate } from '../src/engine/evaluate.js';
import type { Rule } from '../src/engine/types.js';
import {
  EC2_FLOW_LOG,
  EC2_INSTANCE,
  EC2_NETWORK_ACL,
  EC2_PREFIX_LIST,
  EC2_ROUTE_TABLE,
  EC2_SECURITY_GROUP,
  EC2_VPC,
  type FlowLogData,
  type InstanceData,
  type NaclEntry,
  type NetworkAclData,
  type PrefixListData,
  type Route,
  type RouteTableData,
  type SecurityGroupData,
  type SgPermission,
  type VpcData,
} from '../src/model/aws/ec2.js';
import { SNAPSHOT_SCHEMA_VERSION, type Resource, type ResourceRef, type Snapshot } from '../src/model/types.js';
import type { ResourceType } from '../src/model/registry.js';

const TARGET_MS = 2000;
const TARGET_MB = 500;
const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'];

/** Deterministic PRNG (mulberry32), so every run evaluates the same snapshot. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ref = (type: ResourceType, region: string, id: string, kind: string, name?: string): ResourceRef => ({
  provider: 'aws',
  account: ACCOUNT,
  region,
  type,
  id,
  arn: `arn:aws:ec2:${region}:${ACCOUNT}:${kind}/${id}`,
  ...(name ? { name, tags: { Name: name, Team: 'bench' } } : {}),
});
const perm = (protocol: string, from: number | null, to: number | null, peer: string): SgPermission => ({
  protocol,
  fromPort: from,
  toPort: to,
  icmpType: null,
  icmpCode: null,
  peerKind: peer.startsWith('sg-') ? 'security-group' : peer.startsWith('pl-') ? 'prefix-list' : peer.includes(':') ? 'cidr6' : 'cidr4',
  peer,
});
const entry = (n: number, action: 'allow' | 'deny', protocol: string, from: number | null, to: number | null, cidr: string, egress = false): NaclEntry => ({
  ruleNumber: n,
  action,
  egress,
  cidr,
  ipv6: cidr.includes(':'),
  protocol,
  fromPort: from,
  toPort: to,
  icmpType: null,
  icmpCode: null,
});

/** Mix: 40% security groups, 42.5% instances, 5% ACLs, 7.5% route tables, 2.5% VPCs, 2.5% flow logs (+ two prefix lists per region). */
export function syntheticSnapshot(total: number, seed = 42): Snapshot {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(rand() * xs.length)];
    if (x === undefined) throw new Error('network-eval: pick from an empty list');
    return x;
  };
  const counts = { vpc: Math.round(total * 0.025), flow: Math.round(total * 0.025), nacl: Math.round(total * 0.05), sg: Math.round(total * 0.4) };
  // Route tables: one main table per VPC, and one explicit table per ACL (for 3 of its 4 subnets).
  const rtbCount = counts.vpc + counts.nacl;
  const instances = total - counts.vpc - counts.flow - counts.nacl - counts.sg - rtbCount;
  const resources: Resource[] = [];
  const push = <D>(r: Resource<D>) => resources.push(r as unknown as Resource);
  const regionOf = (i: number) => {
    const region = REGIONS[i % REGIONS.length];
    if (!region) throw new Error('network-eval: no regions');
    return region;
  };
  /** VPC of ACL `i` (and of its subnets): one of the same region, so the main-table fallback resolves. */
  const vpcPerRegion = Math.max(1, Math.floor(counts.vpc / REGIONS.length));
  const vpcOf = (i: number) => `vpc-${(i % vpcPerRegion) * REGIONS.length + (i % REGIONS.length)}`;
  const route = (dest: string, gatewayId: string | null): Route => ({ destinationCidr: dest, destinationIpv6Cidr: null, gatewayId, state: 'active' });

  for (let i = 0; i < counts.vpc; i++) {
    push<VpcData>({
      ref: ref(EC2_VPC, regionOf(i), `vpc-${i}`, 'vpc', `vpc-${i}`),
      data: { vpcId: `vpc-${i}`, cidrBlocks: [`10.${i % 256}.0.0/16`], ipv6CidrBlocks: [], isDefault: i < REGIONS.length, state: 'available' },
    });
  }
  for (let i = 0; i < counts.flow; i++) {
    const v = Math.floor(rand() * counts.vpc);
    push<FlowLogData>({
      ref: ref(EC2_FLOW_LOG, regionOf(v), `fl-${i}`, 'vpc-flow-log'),
      data: {
        flowLogId: `fl-${i}`,
        resourceId: `vpc-${v}`,
        status: 'ACTIVE',
        deliverLogsStatus: rand() < 0.1 ? 'FAILED' : 'SUCCESS',
        trafficType: pick(['ALL', 'REJECT', 'ACCEPT']),
        destinationType: 's3',
        destination: 'arn:aws:s3:::flow-logs',
      },
    });
  }
  // Main tables: 60% of VPCs route 0.0.0.0/0 to an internet gateway, the rest have the local route only.
  for (let i = 0; i < counts.vpc; i++) {
    const routes = [route(`10.${i % 256}.0.0/16`, 'local'), ...(rand() < 0.6 ? [route('0.0.0.0/0', `igw-${i}`)] : [])];
    push<RouteTableData>({
      ref: ref(EC2_ROUTE_TABLE, regionOf(i), `rtb-main-${i}`, 'route-table'),
      data: { routeTableId: `rtb-main-${i}`, vpcId: `vpc-${i}`, isMain: true, subnetIds: [], routes },
    });
  }
  // Explicit tables: subnets 0-2 of each ACL; 70% public (igw), 30% private (NAT gateway). Subnet 3 uses the main table.
  for (let i = 0; i < counts.nacl; i++) {
    const routes = [route('10.0.0.0/16', 'local'), rand() < 0.7 ? route('0.0.0.0/0', `igw-${i}`) : route('0.0.0.0/0', null)];
    push<RouteTableData>({
      ref: ref(EC2_ROUTE_TABLE, regionOf(i), `rtb-${i}`, 'route-table'),
      data: { routeTableId: `rtb-${i}`, vpcId: vpcOf(i), isMain: false, subnetIds: [0, 1, 2].map((k) => `subnet-${i}-${k}`), routes },
    });
  }
  // Each ACL covers 4 subnets; subnet s lives in region regionOf(s's ACL).
  for (let i = 0; i < counts.nacl; i++) {
    const kind = rand();
    const inbound =
      kind < 0.5
        ? [entry(100, 'allow', 'all', null, null, '0.0.0.0/0'), entry(32767, 'deny', 'all', null, null, '0.0.0.0/0')]
        : kind < 0.8
          ? [
              entry(100, 'allow', 'tcp', 443, 443, '0.0.0.0/0'),
              entry(110, 'allow', 'tcp', 22, 22, '0.0.0.0/0'),
              entry(120, 'allow', 'tcp', 1024, 65535, '0.0.0.0/0'),
              entry(32767, 'deny', 'all', null, null, '0.0.0.0/0'),
            ]
          : [
              entry(50, 'deny', 'tcp', 22, 22, '0.0.0.0/0'),
              entry(60, 'deny', 'tcp', 3389, 3389, '0.0.0.0/0'),
              entry(100, 'allow', 'all', null, null, '10.0.0.0/8'),
              entry(32767, 'deny', 'all', null, null, '0.0.0.0/0'),
            ];
    const entries = [...inbound, entry(100, 'allow', 'all', null, null, '0.0.0.0/0', true), entry(32767, 'deny', 'all', null, null, '0.0.0.0/0', true)];
    push<NetworkAclData>({
      ref: ref(EC2_NETWORK_ACL, regionOf(i), `acl-${i}`, 'network-acl'),
      data: { networkAclId: `acl-${i}`, vpcId: vpcOf(i), isDefault: kind < 0.5, entries, subnetIds: [0, 1, 2, 3].map((k) => `subnet-${i}-${k}`) },
    });
  }
  // Managed prefix lists, referenced by some groups: one of office ranges, one that also holds 0.0.0.0/0.
  for (const region of REGIONS) {
    for (const [id, cidrs] of [
      ['pl-office', ['198.51.100.0/24', '203.0.113.0/24']],
      ['pl-partners', ['192.0.2.0/24', '0.0.0.0/0']],
    ] as const) {
      push<PrefixListData>({
        ref: ref(EC2_PREFIX_LIST, region, id, 'prefix-list', id),
        data: {
          prefixListId: id,
          prefixListName: id,
          ownerId: ACCOUNT,
          addressFamily: 'IPv4',
          maxEntries: 10,
          state: 'create-complete',
          entries: cidrs.map((cidr) => ({ cidr })),
        },
      });
    }
  }
  const templates: (() => SgPermission[])[] = [
    () => [perm('tcp', 22, 22, 'pl-office'), perm('tcp', 443, 443, '0.0.0.0/0')],
    () => [perm('tcp', 3389, 3389, 'pl-partners')],
    () => [perm('tcp', 443, 443, '0.0.0.0/0'), perm('tcp', 443, 443, '::/0'), perm('tcp', 80, 80, '0.0.0.0/0')],
    () => [perm('tcp', 22, 22, '0.0.0.0/0'), perm('tcp', 443, 443, '0.0.0.0/0')],
    () => [perm('tcp', 3306, 3306, '::/0'), perm('tcp', 5432, 5432, 'sg-1')],
    () => [perm('tcp', 1000, 4000, '0.0.0.0/0')],
    () => [perm('all', null, null, '0.0.0.0/0')],
    () => [perm('tcp', 22, 22, '10.0.0.0/8'), perm('tcp', 8443, 8443, '172.16.0.0/12'), perm('icmp', null, null, '0.0.0.0/0')],
    () => [perm('tcp', 6379, 6379, 'sg-2'), perm('tcp', 9200, 9300, '10.1.0.0/16'), perm('udp', 53, 53, '0.0.0.0/0'), perm('tcp', 25, 25, '0.0.0.0/0')],
  ];
  for (let i = 0; i < counts.sg; i++) {
    const isDefault = i < counts.vpc;
    const ingress = isDefault ? [perm('all', null, null, `sg-${i}`)] : pick(templates)();
    push<SecurityGroupData>({
      ref: ref(EC2_SECURITY_GROUP, regionOf(i), `sg-${i}`, 'security-group', isDefault ? 'default' : `app-${i}`),
      data: {
        groupId: `sg-${i}`,
        groupName: isDefault ? 'default' : `app-${i}`,
        description: 'bench',
        vpcId: `vpc-${i % counts.vpc}`,
        isDefault,
        ownerId: ACCOUNT,
        ingress,
        egress: [perm('all', null, null, '0.0.0.0/0')],
      },
    });
  }
  for (let i = 0; i < instances; i++) {
    // Pick an ACL and one of its subnets, and two groups of the same region.
    const acl = Math.floor(rand() * counts.nacl);
    const region = regionOf(acl);
    const r = REGIONS.indexOf(region);
    const sgIn = () => {
      const k = Math.floor(rand() * Math.floor(counts.sg / REGIONS.length));
      return `sg-${k * REGIONS.length + r}`;
    };
    const groups = [sgIn(), sgIn()];
    const subnet = `subnet-${acl}-${Math.floor(rand() * 4)}`;
    const publicIp = rand() < 0.3 ? `54.${i % 250}.${(i >> 8) % 250}.${i % 200}` : null;
    const tokens = rand() < 0.4 ? 'optional' : 'required';
    push<InstanceData>({
      ref: ref(EC2_INSTANCE, region, `i-${i}`, 'instance', `host-${i}`),
      data: {
        instanceId: `i-${i}`,
        state: rand() < 0.9 ? 'running' : 'stopped',
        instanceType: 't3.micro',
        imageId: 'ami-1',
        launchTime: '2026-01-01T00:00:00.000Z',
        publicIpAddress: publicIp,
        privateIpAddress: '10.0.0.1',
        ipv6Addresses: rand() < 0.05 ? ['2600:1f18::1'] : [],
        securityGroupIds: groups,
        subnetId: subnet,
        vpcId: vpcOf(acl),
        metadataOptions: { httpTokens: tokens, httpEndpoint: 'enabled', hopLimit: 1 },
        iamInstanceProfileArn: null,
        networkInterfaces: [],
      },
    });
  }
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'bench' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes: [{ provider: 'aws', account: ACCOUNT, regions: REGIONS }],
    resources,
    coverage: REGIONS.flatMap((region) =>
      ['DescribeSecurityGroups', 'DescribeNetworkAcls', 'DescribeRouteTables', 'DescribeInstances', 'DescribeVpcs', 'DescribeFlowLogs'].map((operation) => ({
        provider: 'aws' as const,
        account: ACCOUNT,
        region,
        service: 'ec2',
        operation,
        resourceTypes: [],
        status: 'ok' as const,
      })),
    ),
  };
}

export interface NetworkEvalResult {
  resources: number;
  findings: number;
  evaluationMs: number;
  cpuMs: number;
  peakRssMb: number;
  byStatus: Record<string, number>;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<NetworkEvalResult> {
  const i = argv.indexOf('--resources');
  const total = i >= 0 ? Number(argv[i + 1]) : 100_000;
  const pack = (name: string) => {
    const defs = packs[name];
    if (!defs) throw new Error(`network-eval: no ${name} pack in policies/`);
    return defs;
  };
  const rules: Rule[] = [
    ...pack('network').map((r) => ({ ...r, pack: 'network' })),
    ...pack('logging')
      .filter((r) => r.id === 'aws-vpc-flow-logs-missing')
      .map((r) => ({ ...r, pack: 'logging' })),
  ];
  const snapshot = syntheticSnapshot(total);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = evaluate(snapshot, rules, { now: new Date('2026-01-02T00:00:00Z') });
  const evaluationMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000; // includes GC threads: can exceed wall time
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes
  const out: NetworkEvalResult = {
    resources: snapshot.resources.length,
    findings: result.findings.length,
    evaluationMs,
    cpuMs,
    peakRssMb,
    byStatus: result.summary.byStatus,
  };
  const ok = (v: boolean) => (v ? 'OK' : 'OVER TARGET');
  console.log(
    `network-eval: ${out.resources.toLocaleString('en')} resources, ${rules.length} rules → ${out.findings.toLocaleString('en')} findings (${Object.entries(
      out.byStatus,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );
  console.log(
    `  evaluation time: ${evaluationMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (target < ${TARGET_MS} ms wall: ${ok(evaluationMs < TARGET_MS)}; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(`  peak RSS:        ${peakRssMb.toFixed(0)} MB (target < ${TARGET_MB} MB: ${ok(peakRssMb < TARGET_MB)})`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
