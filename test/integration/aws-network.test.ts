/**
 * End to end against a real moto_server: seed a network through the AWS SDK in two regions, collect it
 * with collectAws(), evaluate the built-in rules, and check every expected fail and every expected pass.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type IpPermission,
  ReplaceNetworkAclAssociationCommand,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { builtinRules } from '../../policies/index.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Finding } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/model/types.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];

/** Ids of what was seeded in one region, by role. */
interface Seeded {
  sg: Record<'sshOpen' | 'mysqlV6' | 'rangeRdp' | 'allOpen' | 'refOnly' | 'compliant' | 'defaultWithRules' | 'defaultEmpty', string>;
  nacl: Record<'ssh' | 'deny', string>;
  instance: Record<'exposed' | 'safe' | 'naclBlocked' | 'private', string>;
  vpc: Record<'flowLogs' | 'none' | 'failing', string>;
}

const tcp = (from: number, to: number, cidrs: string[], cidrs6: string[] = []): IpPermission => ({
  IpProtocol: 'tcp', FromPort: from, ToPort: to, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: cidrs6.map((CidrIpv6) => ({ CidrIpv6 })),
});

async function seedRegion(endpoint: string, region: string, i: number): Promise<Seeded> {
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const ec2 = new EC2Client({ endpoint, region, credentials });
  const s3 = new S3Client({ endpoint, region, credentials, forcePathStyle: true });
  try {
    const vpc = async (cidr: string) => (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
    const vpcA = await vpc(`10.${10 + i}.0.0/16`);
    const vpcB = await vpc(`10.${20 + i}.0.0/16`);
    const vpcC = await vpc(`10.${30 + i}.0.0/16`);
    const subnet = async (cidr: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: cidr }))).Subnet!.SubnetId!;
    const subnetSsh = await subnet(`10.${10 + i}.1.0/24`);
    const subnetDeny = await subnet(`10.${10 + i}.2.0/24`);

    // Flow logs: A delivers to S3; C's CloudWatch Logs group does not exist, so moto reports delivery FAILED; B has none.
    const bucket = `it-flow-logs-${region}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }) }));
    await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpcA], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: `arn:aws:s3:::${bucket}` }));
    await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [vpcC], ResourceType: 'VPC', TrafficType: 'ALL', LogGroupName: 'missing-group', DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow-logs' }));

    const group = async (name: string, perms: IpPermission[]) => {
      const id = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcA }))).GroupId!;
      for (const p of perms) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [p] }));
      return id;
    };
    const compliant = await group('compliant', [tcp(443, 443, ['0.0.0.0/0'], ['::/0']), tcp(22, 22, ['10.0.0.0/8'])]);
    const sg = {
      sshOpen: await group('ssh-open', [tcp(22, 22, ['0.0.0.0/0'])]),
      mysqlV6: await group('mysql-v6', [tcp(3306, 3306, [], ['::/0'])]),
      rangeRdp: await group('range-rdp', [tcp(1000, 4000, ['0.0.0.0/0'])]),
      allOpen: await group('all-open', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]),
      refOnly: await group('ref-only', [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: compliant }] }]),
      compliant,
      defaultWithRules: '',
      defaultEmpty: '',
    };
    const defaultOf = async (vpcId: string) =>
      (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups![0].GroupId!;
    sg.defaultWithRules = await defaultOf(vpcA);
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.defaultWithRules, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: sg.defaultWithRules }] }] }));
    sg.defaultEmpty = await defaultOf(vpcB);
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: sg.defaultEmpty, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));

    const nacl = async (subnetId: string, entries: { n: number; protocol: string; ports?: [number, number]; cidr: string; action: 'allow' | 'deny' }[]) => {
      const id = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcA }))).NetworkAcl!.NetworkAclId!;
      for (const e of entries) {
        await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: e.n, Protocol: e.protocol, RuleAction: e.action, Egress: false, CidrBlock: e.cidr, ...(e.ports ? { PortRange: { From: e.ports[0], To: e.ports[1] } } : {}) }));
      }
      await ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: id, RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' }));
      const current = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }))).NetworkAcls![0];
      const assoc = current.Associations!.find((a) => a.SubnetId === subnetId)!;
      await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc.NetworkAclAssociationId!, NetworkAclId: id }));
      return id;
    };
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
      (await ec2.send(new RunInstancesCommand({
        ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro',
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: publicIp, Groups: groups }],
        MetadataOptions: { HttpTokens: tokens, HttpEndpoint: 'enabled' },
      }))).Instances![0].InstanceId!;
    const instance = {
      exposed: await run(subnetSsh, [sg.sshOpen], true, 'optional'),
      safe: await run(subnetSsh, [sg.compliant], true, 'required'),
      naclBlocked: await run(subnetDeny, [sg.sshOpen], true, 'required'),
      private: await run(subnetSsh, [sg.allOpen], false, 'required'),
    };
    return { sg, nacl: naclIds, instance, vpc: { flowLogs: vpcA, none: vpcB, failing: vpcC } };
  } finally {
    ec2.destroy();
    s3.destroy();
  }
}

describe('AWS network audit against moto', () => {
  let moto: MotoServer;
  let snapshot: Snapshot;
  let result: EvaluationResult;
  const seeded: Record<string, Seeded> = {};

  beforeAll(async () => {
    moto = await startMoto();
    await moto.reset();
    for (const [i, region] of REGIONS.entries()) seeded[region] = await seedRegion(moto.endpoint, region, i);
    const out = await collectAws({ endpointUrl: moto.endpoint, regions: REGIONS });
    snapshot = mergeOutputs([out], new Date().toISOString());
    result = evaluate(snapshot, builtinRules);
  }, 180_000);

  afterAll(async () => {
    await moto?.stop();
  });

  const findingsOf = (ruleId: string, region: string, id: string): Finding[] =>
    result.findings.filter((f) => f.ruleId === ruleId && f.resource.region === region && f.resource.id === id);
  const statusOf = (ruleId: string, region: string, id: string): string => {
    const list = findingsOf(ruleId, region, id);
    expect(list).toHaveLength(1);
    return list[0].status;
  };
  const expectStatuses = (ruleId: string, region: string, expected: Record<string, string>) => {
    const actual = Object.fromEntries(Object.keys(expected).map((id) => [id, statusOf(ruleId, region, id)]));
    expect({ ruleId, region, statuses: actual }).toEqual({ ruleId, region, statuses: expected });
  };

  it('collects every EC2 network call in both regions with no gap', () => {
    const ec2 = snapshot.coverage.filter((c) => c.service === 'ec2' && c.operation !== 'DescribeRegions');
    expect(ec2.map((c) => `${c.region} ${c.operation} ${c.status}`).sort()).toEqual(
      REGIONS.flatMap((r) => ['DescribeFlowLogs', 'DescribeInstances', 'DescribeNetworkAcls', 'DescribeSecurityGroups', 'DescribeVpcs'].map((op) => `${r} ${op} ok`)).sort(),
    );
    for (const region of REGIONS) {
      const s = seeded[region];
      const ids = new Set(snapshot.resources.filter((r) => r.ref.region === region).map((r) => r.ref.id));
      for (const id of [...Object.values(s.sg), ...Object.values(s.nacl), ...Object.values(s.instance), ...Object.values(s.vpc)]) expect(ids).toContain(id);
    }
    // Regions stay apart: nothing seeded in us-east-1 shows up in eu-west-1.
    const eu = new Set(snapshot.resources.filter((r) => r.ref.region === 'eu-west-1').map((r) => r.ref.id));
    for (const id of Object.values(seeded['us-east-1'].sg)) expect(eu.has(id)).toBe(false);
  });

  for (const region of REGIONS) {
    describe(region, () => {
      it('aws-sg-open-admin-port: 22 from anywhere, a range covering 3389 and protocol -1 fail; the others pass', () => {
        const { sg } = seeded[region];
        expectStatuses('aws-sg-open-admin-port', region, { [sg.sshOpen]: 'fail', [sg.rangeRdp]: 'fail', [sg.allOpen]: 'fail', [sg.mysqlV6]: 'pass', [sg.refOnly]: 'pass', [sg.compliant]: 'pass' });
        expect(findingsOf('aws-sg-open-admin-port', region, sg.sshOpen)[0].evidence).toMatchObject({ rule: '0.0.0.0/0 tcp 22', port: 22, service: 'SSH' });
        expect(findingsOf('aws-sg-open-admin-port', region, sg.rangeRdp)[0].evidence).toMatchObject({ rule: '0.0.0.0/0 tcp 1000-4000', port: 3389, service: 'RDP' });
      });

      it('aws-sg-open-sensitive-port: 3306 from ::/0, the wide range and -1 fail; the others pass', () => {
        const { sg } = seeded[region];
        expectStatuses('aws-sg-open-sensitive-port', region, { [sg.mysqlV6]: 'fail', [sg.rangeRdp]: 'fail', [sg.allOpen]: 'fail', [sg.sshOpen]: 'pass', [sg.refOnly]: 'pass', [sg.compliant]: 'pass' });
        expect(findingsOf('aws-sg-open-sensitive-port', region, sg.mysqlV6)[0].evidence).toMatchObject({ rule: '::/0 tcp 3306', port: 3306, service: 'MySQL' });
      });

      it('aws-sg-open-all-ports: only protocol -1 fails', () => {
        const { sg } = seeded[region];
        expectStatuses('aws-sg-open-all-ports', region, { [sg.allOpen]: 'fail', [sg.sshOpen]: 'pass', [sg.rangeRdp]: 'pass', [sg.mysqlV6]: 'pass', [sg.refOnly]: 'pass', [sg.compliant]: 'pass' });
      });

      it('aws-default-sg-has-rules: default group with rules fails, emptied default passes, other groups not applicable', () => {
        const { sg } = seeded[region];
        expectStatuses('aws-default-sg-has-rules', region, { [sg.defaultWithRules]: 'fail', [sg.defaultEmpty]: 'pass', [sg.sshOpen]: 'not_applicable' });
      });

      it('aws-nacl-open-admin-port: the ACL allowing 22 from anywhere fails, the deny ACL passes', () => {
        const { nacl } = seeded[region];
        expectStatuses('aws-nacl-open-admin-port', region, { [nacl.ssh]: 'fail', [nacl.deny]: 'pass' });
        expect(findingsOf('aws-nacl-open-admin-port', region, nacl.ssh)[0].evidence).toMatchObject({ entry: '100 allow 0.0.0.0/0 tcp 22', port: 22 });
      });

      it('aws-instance-internet-exposed: public IP + open group + permissive ACL fails with the path; the rest pass', () => {
        const { instance, sg, nacl } = seeded[region];
        expectStatuses('aws-instance-internet-exposed', region, { [instance.exposed]: 'fail', [instance.safe]: 'pass', [instance.naclBlocked]: 'pass', [instance.private]: 'pass' });
        const ev = findingsOf('aws-instance-internet-exposed', region, instance.exposed)[0].evidence as { address: string; path: string[]; port: number };
        expect(ev.port).toBe(22);
        expect(ev.path).toEqual([ev.address, `${sg.sshOpen} 0.0.0.0/0 tcp 22`, `${nacl.ssh} 100 allow 0.0.0.0/0 tcp 22`]);
        expect(ev.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      });

      it('aws-instance-imdsv1-allowed: tokens optional fails, required passes', () => {
        const { instance } = seeded[region];
        expectStatuses('aws-instance-imdsv1-allowed', region, { [instance.exposed]: 'fail', [instance.safe]: 'pass', [instance.naclBlocked]: 'pass' });
      });

      it('aws-vpc-flow-logs-missing: VPC with a delivering flow log passes; none or failing delivery fails', () => {
        const { vpc } = seeded[region];
        expectStatuses('aws-vpc-flow-logs-missing', region, { [vpc.flowLogs]: 'pass', [vpc.none]: 'fail', [vpc.failing]: 'fail' });
        expect(findingsOf('aws-vpc-flow-logs-missing', region, vpc.none)[0].messageId).toBe('missing');
        expect(findingsOf('aws-vpc-flow-logs-missing', region, vpc.failing)[0].messageId).toBe('inactive');
      });
    });
  }

  it('no network rule is unknown when collection was complete', () => {
    const ids = new Set(builtinRules.filter((r) => r.pack === 'network' || r.id === 'aws-vpc-flow-logs-missing').map((r) => r.id));
    expect(result.findings.filter((f) => ids.has(f.ruleId) && f.status === 'unknown').map((f) => `${f.ruleId} ${f.resource.id}: ${f.message}`)).toEqual([]);
  });
});
