/**
 * End to end against a real moto_server: seed a network through the AWS SDK in two regions, collect it
 * with collectAws(), evaluate the built-in rules, and check every expected fail and every expected pass.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSecurityGroupsCommand,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { type NaclEntrySpec, publicRouteTable, seedAwsNetwork, subnetNacl, tcp } from '../../examples/demo/seed-aws-network.js';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Finding } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/model/types.js';
import { awsClients } from '../../src/testing/aws-clients.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, freePort, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];

/** Ids of what was seeded in one region, by role. */
interface Seeded {
  sg: Record<
    'sshOpen' | 'mysqlV6' | 'rangeRdp' | 'allOpen' | 'refOnly' | 'compliant' | 'defaultWithRules' | 'defaultEmpty' | 'listOpen' | 'listOffice',
    string
  >;
  prefixList: Record<'open' | 'office', string>;
  nacl: Record<'ssh' | 'deny', string>;
  instance: Record<'exposed' | 'safe' | 'naclBlocked' | 'private' | 'viaList' | 'noRoute', string>;
  route: { table: string; igw: string };
  vpc: Record<'flowLogs' | 'none' | 'failing', string>;
}

async function seedRegion(endpoint: string, region: string, i: number): Promise<Seeded> {
  const clients = awsClients(endpoint, region);
  const { ec2, s3 } = clients;
  try {
    const vpc = async (cidr: string) => (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
    const vpcA = await vpc(`10.${10 + i}.0.0/16`);
    const vpcB = await vpc(`10.${20 + i}.0.0/16`);
    const vpcC = await vpc(`10.${30 + i}.0.0/16`);
    const subnet = async (cidr: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: cidr }))).Subnet!.SubnetId!;
    const subnetSsh = await subnet(`10.${10 + i}.1.0/24`);
    const subnetDeny = await subnet(`10.${10 + i}.2.0/24`);
    // Those two are public (their own table: 0.0.0.0/0 → internet gateway); this one keeps the VPC's main
    // table (local route only) and the VPC's default network ACL (allow all).
    const subnetNoRoute = await subnet(`10.${10 + i}.3.0/24`);
    const { routeTableId, igwId } = await publicRouteTable(ec2, vpcA, [subnetSsh, subnetDeny]);

    // Flow logs: A delivers to S3; C's CloudWatch Logs group does not exist, so moto reports delivery FAILED; B has none.
    const bucket = `it-flow-logs-${region}`;
    await s3.send(
      new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }) }),
    );
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [vpcA],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: `arn:aws:s3:::${bucket}`,
      }),
    );
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [vpcC],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogGroupName: 'missing-group',
        DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs',
      }),
    );

    const group = async (name: string, perms: IpPermission[]) => {
      const id = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcA }))).GroupId!;
      for (const p of perms) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [p] }));
      return id;
    };
    // Managed prefix lists: one that quietly contains the whole internet, one of office ranges.
    const list = async (name: string, cidrs: string[]) =>
      (
        await ec2.send(
          new CreateManagedPrefixListCommand({ PrefixListName: name, AddressFamily: 'IPv4', MaxEntries: 10, Entries: cidrs.map((Cidr) => ({ Cidr })) }),
        )
      ).PrefixList!.PrefixListId!;
    const prefixList = { open: await list('everyone', ['198.51.100.0/24', '0.0.0.0/0']), office: await list('office', ['203.0.113.0/24']) };
    const fromList = (port: number, pl: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: [{ PrefixListId: pl }] });

    const compliant = await group('compliant', [tcp(443, ['0.0.0.0/0'], ['::/0']), tcp(22, ['10.0.0.0/8'])]);
    const sg = {
      sshOpen: await group('ssh-open', [tcp(22, ['0.0.0.0/0'])]),
      mysqlV6: await group('mysql-v6', [tcp(3306, [], ['::/0'])]),
      rangeRdp: await group('range-rdp', [tcp([1000, 4000], ['0.0.0.0/0'])]),
      allOpen: await group('all-open', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]),
      refOnly: await group('ref-only', [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: compliant }] }]),
      compliant,
      defaultWithRules: '',
      defaultEmpty: '',
      listOpen: await group('list-open', [fromList(22, prefixList.open)]),
      listOffice: await group('list-office', [fromList(22, prefixList.office), fromList(3306, prefixList.office)]),
    };
    const defaultOf = async (vpcId: string) =>
      (
        await ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [
              { Name: 'vpc-id', Values: [vpcId] },
              { Name: 'group-name', Values: ['default'] },
            ],
          }),
        )
      ).SecurityGroups![0]!.GroupId!;
    sg.defaultWithRules = await defaultOf(vpcA);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.defaultWithRules,
        IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: sg.defaultWithRules }] }],
      }),
    );
    sg.defaultEmpty = await defaultOf(vpcB);
    await ec2.send(
      new RevokeSecurityGroupEgressCommand({ GroupId: sg.defaultEmpty, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
    );

    const egressAll = { n: 100, protocol: '-1', cidr: '0.0.0.0/0', action: 'allow' as const, egress: true };
    const nacl = (subnetId: string, entries: NaclEntrySpec[]) => subnetNacl(ec2, vpcA, subnetId, [...entries, egressAll]);
    const naclIds = {
      ssh: await nacl(subnetSsh, [
        { n: 100, protocol: '6', ports: [22, 22], cidr: '0.0.0.0/0', action: 'allow' },
        { n: 110, protocol: '6', ports: [443, 443], cidr: '0.0.0.0/0', action: 'allow' },
      ]),
      deny: await nacl(subnetDeny, [
        { n: 100, protocol: '-1', cidr: `10.${10 + i}.0.0/16`, action: 'allow' },
        { n: 200, protocol: '-1', cidr: '0.0.0.0/0', action: 'deny' },
      ]),
    };

    const run = async (subnetId: string, groups: string[], publicIp: boolean, tokens: 'optional' | 'required') =>
      (
        await ec2.send(
          new RunInstancesCommand({
            ImageId: 'ami-12345678',
            MinCount: 1,
            MaxCount: 1,
            InstanceType: 't3.micro',
            NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: publicIp, Groups: groups }],
            MetadataOptions: { HttpTokens: tokens, HttpEndpoint: 'enabled' },
          }),
        )
      ).Instances![0]!.InstanceId!;
    const instance = {
      exposed: await run(subnetSsh, [sg.sshOpen], true, 'optional'),
      safe: await run(subnetSsh, [sg.compliant], true, 'required'),
      naclBlocked: await run(subnetDeny, [sg.sshOpen], true, 'required'),
      private: await run(subnetSsh, [sg.allOpen], false, 'required'),
      viaList: await run(subnetSsh, [sg.listOpen], true, 'required'),
      noRoute: await run(subnetNoRoute, [sg.sshOpen], true, 'required'),
    };
    return { sg, prefixList, nacl: naclIds, instance, vpc: { flowLogs: vpcA, none: vpcB, failing: vpcC }, route: { table: routeTableId, igw: igwId } };
  } finally {
    clients.destroy();
  }
}

let moto: MotoServer;
beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(async () => {
  await moto?.stop();
});

describe('AWS network audit against moto', () => {
  let snapshot: Snapshot;
  let result: EvaluationResult;
  const seeded: Record<string, Seeded> = {};

  beforeAll(async () => {
    await moto.reset();
    for (const [i, region] of REGIONS.entries()) seeded[region] = await seedRegion(moto.endpoint, region, i);
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: REGIONS });
    snapshot = mergeOutputs([out], new Date().toISOString());
    result = evaluate(snapshot, builtinRules);
  }, 180_000);

  const findingsOf = (ruleId: string, region: string, id: string): Finding[] =>
    result.findings.filter((f) => f.ruleId === ruleId && f.resource.region === region && f.resource.id === id);
  const statusOf = (ruleId: string, region: string, id: string): string => {
    const list = findingsOf(ruleId, region, id);
    expect(list).toHaveLength(1);
    return list[0]!.status;
  };
  const expectStatuses = (ruleId: string, region: string, expected: Record<string, string>) => {
    const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, statusOf(ruleId, region, id)]));
    expect({ ruleId, region, statuses: actual }).toEqual({ ruleId, region, statuses: expected });
  };

  it('collects every EC2 network call in both regions with no gap', () => {
    const ec2 = snapshot.coverage.filter((c) => c.service === 'ec2' && c.operation !== 'DescribeRegions');
    expect(ec2.map((c) => `${c.region} ${c.operation} ${c.status}`).sort()).toEqual(
      REGIONS.flatMap((r) =>
        [
          'DescribeFlowLogs',
          'DescribeInstances',
          'DescribeManagedPrefixLists',
          'DescribeNetworkAcls',
          'DescribeRouteTables',
          'DescribeSecurityGroups',
          'DescribeVpcs',
          'GetManagedPrefixListEntries',
        ].map((op) => `${r} ${op} ok`),
      ).sort(),
    );
    for (const region of REGIONS) {
      const s = seeded[region]!;
      const ids = new Set(snapshot.resources.filter((r) => r.ref.region === region).map((r) => r.ref.id));
      for (const id of [
        ...Object.values(s.sg),
        ...Object.values(s.nacl),
        ...Object.values(s.instance),
        ...Object.values(s.vpc),
        ...Object.values(s.prefixList),
        s.route.table,
      ])
        expect(ids).toContain(id);
      // Only referenced lists are read: moto's AWS-managed lists (S3, DynamoDB …) are not in the snapshot.
      expect(
        snapshot.resources
          .filter((r) => r.ref.region === region && r.ref.type === 'aws.ec2.prefix-list')
          .map((r) => r.ref.name)
          .sort(),
      ).toEqual(['everyone', 'office']);
    }
    // Regions stay apart: nothing seeded in us-east-1 shows up in eu-west-1.
    const eu = new Set(snapshot.resources.filter((r) => r.ref.region === 'eu-west-1').map((r) => r.ref.id));
    for (const id of Object.values(seeded['us-east-1']!.sg)) expect(eu.has(id)).toBe(false);
  });

  for (const region of REGIONS) {
    describe(region, () => {
      it('aws-sg-open-admin-port: 22 from anywhere, a range covering 3389 and protocol -1 fail; the others pass', () => {
        const { sg } = seeded[region]!;
        expectStatuses('aws-sg-open-admin-port', region, {
          [sg.sshOpen]: 'fail',
          [sg.rangeRdp]: 'fail',
          [sg.allOpen]: 'fail',
          [sg.mysqlV6]: 'pass',
          [sg.refOnly]: 'pass',
          [sg.compliant]: 'pass',
        });
        expect(findingsOf('aws-sg-open-admin-port', region, sg.sshOpen)[0]!.evidence).toMatchObject({ rule: '0.0.0.0/0 tcp 22', port: 22, service: 'SSH' });
        expect(findingsOf('aws-sg-open-admin-port', region, sg.rangeRdp)[0]!.evidence).toMatchObject({
          rule: '0.0.0.0/0 tcp 1000-4000',
          port: 3389,
          service: 'RDP',
        });
      });

      it('managed prefix lists: a list holding 0.0.0.0/0 is the internet, a list of office ranges is not', () => {
        const { sg, prefixList } = seeded[region]!;
        expectStatuses('aws-sg-open-admin-port', region, { [sg.listOpen]: 'fail', [sg.listOffice]: 'pass' });
        expectStatuses('aws-sg-open-sensitive-port', region, { [sg.listOpen]: 'pass', [sg.listOffice]: 'pass' });
        expect(findingsOf('aws-sg-open-admin-port', region, sg.listOpen)[0]!.evidence).toMatchObject({
          rule: `${prefixList.open} (0.0.0.0/0) tcp 22`,
          prefixList: prefixList.open,
          port: 22,
        });
      });

      it('aws-sg-open-sensitive-port: 3306 from ::/0, the wide range and -1 fail; the others pass', () => {
        const { sg } = seeded[region]!;
        expectStatuses('aws-sg-open-sensitive-port', region, {
          [sg.mysqlV6]: 'fail',
          [sg.rangeRdp]: 'fail',
          [sg.allOpen]: 'fail',
          [sg.sshOpen]: 'pass',
          [sg.refOnly]: 'pass',
          [sg.compliant]: 'pass',
        });
        expect(findingsOf('aws-sg-open-sensitive-port', region, sg.mysqlV6)[0]!.evidence).toMatchObject({
          rule: '::/0 tcp 3306',
          port: 3306,
          service: 'MySQL',
        });
      });

      it('aws-sg-open-all-ports: only protocol -1 fails', () => {
        const { sg } = seeded[region]!;
        expectStatuses('aws-sg-open-all-ports', region, {
          [sg.allOpen]: 'fail',
          [sg.sshOpen]: 'pass',
          [sg.rangeRdp]: 'pass',
          [sg.mysqlV6]: 'pass',
          [sg.refOnly]: 'pass',
          [sg.compliant]: 'pass',
        });
      });

      it('aws-default-sg-has-rules: default group with rules fails, emptied default passes, other groups not applicable', () => {
        const { sg } = seeded[region]!;
        expectStatuses('aws-default-sg-has-rules', region, { [sg.defaultWithRules]: 'fail', [sg.defaultEmpty]: 'pass', [sg.sshOpen]: 'not_applicable' });
      });

      it('aws-nacl-open-admin-port: the ACL allowing 22 from anywhere fails, the deny ACL passes', () => {
        const { nacl } = seeded[region]!;
        expectStatuses('aws-nacl-open-admin-port', region, { [nacl.ssh]: 'fail', [nacl.deny]: 'pass' });
        expect(findingsOf('aws-nacl-open-admin-port', region, nacl.ssh)[0]!.evidence).toMatchObject({ entry: '100 allow 0.0.0.0/0 tcp 22', port: 22 });
      });

      it('aws-instance-internet-exposed: public IP + open group + permissive ACL fails with the path; the rest pass', () => {
        const { instance, sg, nacl, route } = seeded[region]!;
        expectStatuses('aws-instance-internet-exposed', region, {
          [instance.exposed]: 'fail',
          [instance.safe]: 'pass',
          [instance.naclBlocked]: 'pass',
          [instance.private]: 'pass',
          [instance.viaList]: 'fail',
          [instance.noRoute]: 'pass',
        });
        const viaList = findingsOf('aws-instance-internet-exposed', region, instance.viaList)[0]!.evidence as { path: string[] };
        expect(viaList.path[2]).toBe(`${sg.listOpen} ${seeded[region]!.prefixList.open} (0.0.0.0/0) tcp 22`);
        // Public IP, SSH open to the world, a default ACL that allows all: only the route table keeps the internet out.
        const noRoute = findingsOf('aws-instance-internet-exposed', region, instance.noRoute)[0]!;
        expect(noRoute.messageId).toBe('notExposed');
        expect(snapshot.resources.find((r) => r.ref.id === instance.noRoute)?.data).toMatchObject({
          publicIpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
          securityGroupIds: [sg.sshOpen],
        });
        const ev = findingsOf('aws-instance-internet-exposed', region, instance.exposed)[0]!.evidence as { address: string; path: string[]; port: number };
        expect(ev.port).toBe(22);
        expect(ev.path).toEqual([
          ev.address,
          `${route.table} 0.0.0.0/0 → ${route.igw}`,
          `${sg.sshOpen} 0.0.0.0/0 tcp 22`,
          `${nacl.ssh} 100 allow 0.0.0.0/0 tcp 22`,
        ]);
        expect(ev.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      });

      it('aws-instance-imdsv1-allowed: tokens optional fails, required passes', () => {
        const { instance } = seeded[region]!;
        expectStatuses('aws-instance-imdsv1-allowed', region, { [instance.exposed]: 'fail', [instance.safe]: 'pass', [instance.naclBlocked]: 'pass' });
      });

      it('aws-vpc-flow-logs-missing: VPC with a delivering flow log passes; none or failing delivery fails', () => {
        const { vpc } = seeded[region]!;
        expectStatuses('aws-vpc-flow-logs-missing', region, { [vpc.flowLogs]: 'pass', [vpc.none]: 'fail', [vpc.failing]: 'fail' });
        expect(findingsOf('aws-vpc-flow-logs-missing', region, vpc.none)[0]!.messageId).toBe('missing');
        expect(findingsOf('aws-vpc-flow-logs-missing', region, vpc.failing)[0]!.messageId).toBe('inactive');
      });
    });
  }

  it('no network rule is unknown when collection was complete', () => {
    const ids = new Set(builtinRules.filter((r) => r.pack === 'network' || r.id === 'aws-vpc-flow-logs-missing').map((r) => r.id));
    expect(result.findings.filter((f) => ids.has(f.ruleId) && f.status === 'unknown').map((f) => `${f.ruleId} ${f.resource.id}: ${f.message}`)).toEqual([]);
  });
});

/**
 * Faults moto cannot produce, through src/testing/fault-proxy.ts: the collectors' own SDK clients (adaptive
 * retries included) talk HTTP to a loopback proxy that throttles or cuts some requests and forwards the rest.
 */
describe('throttling and unreachable regions, end to end', () => {
  let proxy: FaultProxy | undefined;
  const seededGroups: Record<string, string> = {};

  beforeAll(async () => {
    await moto.reset();
    for (const region of REGIONS) {
      const clients = awsClients(moto.endpoint, region);
      const id = (await clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'ssh-open', Description: 'ssh-open' }))).GroupId!;
      await clients.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [tcp(22, ['0.0.0.0/0'])] }));
      seededGroups[region] = id;
      clients.destroy();
    }
  }, 60_000);

  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });

  const gapsOf = (out: { coverage: Snapshot['coverage'] }) => out.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
  const adminPort = (snap: Snapshot) =>
    Object.fromEntries(
      evaluate(
        snap,
        builtinRules.filter((r) => r.id === 'aws-sg-open-admin-port'),
      )
        .findings.filter((f) => f.resource.id === seededGroups[f.resource.region] || f.resource.id === '*')
        .map((f) => [f.resource.region, f.status]),
    );

  it('throttled twice, then answered: the adaptive retries recover and nothing is missing', async () => {
    // (Throttling every call would also recover, but adaptive mode then slows the client to its floor rate.)
    proxy = await startFaultProxy({ target: moto.endpoint, throttle: (r, nth) => r.operation === 'DescribeSecurityGroups' && nth <= 2 });
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, services: ['ec2'] });
    expect(gapsOf(out)).toEqual([]);
    const sgRequests = proxy.log.filter((r) => r.operation === 'DescribeSecurityGroups');
    for (const region of REGIONS) {
      expect(sgRequests.filter((r) => r.region === region).map((r) => r.outcome)).toEqual(['throttled', 'throttled', 'forwarded']);
    }
    expect(out.apiCalls?.['ec2:DescribeSecurityGroups']).toBe(REGIONS.length); // logical calls, not attempts
    expect(adminPort(mergeOutputs([out], new Date().toISOString()))).toEqual({ 'us-east-1': 'fail', 'eu-west-1': 'fail' });
  }, 60_000);

  it('throttled past the retries: a throttled gap for that call only, its rules unknown, the run goes on', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, throttle: (r) => r.operation === 'DescribeSecurityGroups' && r.region === 'eu-west-1' });
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, services: ['ec2'], maxAttempts: 3 });
    expect(gapsOf(out).map((c) => [c.region, c.operation, c.status, c.errorCode])).toEqual([
      ['eu-west-1', 'DescribeSecurityGroups', 'throttled', 'RequestLimitExceeded'],
    ]);
    expect(proxy.log.filter((r) => r.operation === 'DescribeSecurityGroups' && r.region === 'eu-west-1')).toHaveLength(3);
    expect(adminPort(mergeOutputs([out], new Date().toISOString()))).toEqual({ 'us-east-1': 'fail', 'eu-west-1': 'unknown' });
  }, 60_000);

  it('an unreachable region: every call there is an unreachable gap, the other region and the global services are collected, its rules are unknown', async () => {
    proxy = await startFaultProxy({ target: moto.endpoint, unreachableRegions: ['eu-west-1'] });
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: REGIONS, maxAttempts: 2 });
    const eu = out.coverage.filter((c) => c.region === 'eu-west-1');
    expect(eu.length).toBeGreaterThanOrEqual(10); // ec2 (7), ebs (4), kms, rds (2), cloudtrail
    // Every call there is unreachable; follow-up reads of a listing that failed are recorded as not listed.
    for (const c of eu)
      expect([c.service, c.operation, c.status, c.errorCode]).toEqual([
        c.service,
        c.operation,
        c.errorCode === 'NotListed' ? 'error' : 'unreachable',
        c.errorCode === 'NotListed' ? 'NotListed' : 'ECONNRESET',
      ]);
    expect(eu.filter((c) => c.errorCode !== 'NotListed').length).toBeGreaterThanOrEqual(10);
    expect(new Set(eu.map((c) => c.service))).toEqual(
      new Set([
        'ec2',
        'ebs',
        'kms',
        'rds',
        'elbv2',
        'cloudtrail',
        'guardduty',
        'config',
        'securityhub',
        'logs',
        'cloudwatch',
        'sns',
        'dynamodb',
        'efs',
        'lambda',
        'secretsmanager',
        'elb',
        'opensearch',
        'elasticache',
        'redshift',
        'acm',
        'apigateway',
        'apigatewayv2',
        'sqs',
        'eks',
        'backup',
      ]),
    );
    // moto lacks AWS Backup's DescribeRegionSettings: that gap is moto's, in every region.
    expect(gapsOf(out).filter((c) => c.region !== 'eu-west-1' && c.operation !== 'DescribeRegionSettings')).toEqual([]);
    expect(out.coverage.filter((c) => c.region === 'global' && c.status === 'ok').map((c) => c.service)).toEqual(
      expect.arrayContaining(['iam', 's3', 'cloudtrail', 'cloudfront']),
    );

    const snap = mergeOutputs([out], new Date().toISOString());
    expect(adminPort(snap)).toEqual({ 'us-east-1': 'fail', 'eu-west-1': 'unknown' });
    const euFindings = evaluate(snap, builtinRules).findings.filter((f) => f.resource.region === 'eu-west-1');
    expect(euFindings.length).toBeGreaterThan(0);
    expect(euFindings.filter((f) => f.status !== 'unknown').map((f) => `${f.ruleId} ${f.resource.id} ${f.status}`)).toEqual([]);
  }, 120_000);

  it('the whole endpoint unreachable (a closed 127.0.0.1 port): a clear input error naming the fix, no crash', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(collectAws({ endpointUrl: closed, regions: REGIONS, maxAttempts: 1 })).rejects.toThrow(/cannot identify the AWS account \(ECONNREFUSED/);
  });

  it('regions DescribeRegions reports as not enabled are recorded: a requested one is a gap and is not scanned', async () => {
    // moto reports ap-east-1 (among others) as not-opted-in.
    const asked = await collectAws({ endpointUrl: moto.endpoint, regions: ['us-east-1', 'ap-east-1'], services: ['ec2'] });
    expect(asked.scopes[0]!.regions).toEqual(['us-east-1']);
    expect(gapsOf(asked)).toEqual([
      expect.objectContaining({ region: 'ap-east-1', operation: 'DescribeRegions', status: 'unreachable', errorCode: 'RegionNotEnabled', resourceTypes: [] }),
    ]);
    expect(asked.coverage.filter((c) => c.region === 'ap-east-1')).toHaveLength(1);

    const all = await collectAws({ endpointUrl: moto.endpoint, services: [] });
    const notEnabled = all.coverage.filter((c) => c.errorCode === 'RegionNotEnabled');
    expect(notEnabled.map((c) => c.region)).toContain('ap-east-1');
    for (const c of notEnabled) expect(c.status).toBe('not_applicable');
    expect(all.scopes[0]!.regions).toContain('us-east-1');
    expect(all.scopes[0]!.regions).not.toContain('ap-east-1');
    expect(all.scopes[0]!.regions.length + notEnabled.length).toBe(38); // every region moto lists, enabled or not
  });
});

describe('demo seed (examples/demo/seed-aws-network.ts) against moto', () => {
  it('produces the findings it documents', async () => {
    await moto.reset();
    await seedAwsNetwork(moto.endpoint, ['us-east-1']);
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: ['us-east-1'], services: ['ec2'] });
    expect(out.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable')).toEqual([]);
    const result = evaluate(mergeOutputs([out], new Date().toISOString()), builtinRules);
    const status = (rule: string, name: string) => {
      const hits = result.findings.filter((f) => f.ruleId === rule && f.resource.name === name);
      expect([rule, name, hits.length]).toEqual([rule, name, 1]);
      return hits[0]!.status;
    };
    expect(status('aws-sg-open-admin-port', 'bastion-ssh')).toBe('fail');
    expect(status('aws-sg-open-admin-port', 'partner-ssh')).toBe('fail');
    expect(status('aws-sg-open-admin-port', 'office-ssh')).toBe('pass');
    expect(status('aws-sg-open-admin-port', 'internal-ssh')).toBe('pass');
    expect(status('aws-sg-open-sensitive-port', 'db-mysql')).toBe('fail');
    expect(status('aws-sg-open-sensitive-port', '<img src=x onerror=alert(1)>')).toBe('fail');
    expect(status('aws-sg-open-all-ports', 'debug-wide-open')).toBe('fail');
    expect(status('aws-sg-open-all-ports', 'web-public')).toBe('pass');
    expect(status('aws-instance-internet-exposed', 'bastion')).toBe('fail');
    expect(status('aws-instance-internet-exposed', 'legacy-worker')).toBe('fail');
    expect(status('aws-instance-internet-exposed', 'api-server')).toBe('pass');
    expect(status('aws-instance-internet-exposed', 'db-primary')).toBe('pass');
    expect(status('aws-instance-imdsv1-allowed', 'bastion')).toBe('fail');
    expect(status('aws-instance-imdsv1-allowed', 'api-server')).toBe('pass');
    expect(status('aws-nacl-open-admin-port', 'public-nacl')).toBe('fail');
    expect(status('aws-nacl-open-admin-port', 'private-nacl')).toBe('pass');
    expect(status('aws-vpc-flow-logs-missing', 'prod-vpc')).toBe('pass');
    expect(status('aws-vpc-flow-logs-missing', 'staging-vpc')).toBe('fail');
    const partner = result.findings.find((f) => f.ruleId === 'aws-sg-open-admin-port' && f.resource.name === 'partner-ssh')!;
    expect(String(partner.evidence?.rule)).toMatch(/^pl-\w+ \(0\.0\.0\.0\/0\) tcp 22$/);
  }, 60_000);
});
