import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlowLog, Instance, ManagedPrefixList, NetworkAcl, PrefixListEntry, RouteTable, SecurityGroup, Vpc } from '@aws-sdk/client-ec2';
import {
  type Ec2Scope,
  flowLogToModel,
  instanceToModel,
  networkAclToModel,
  normalizeIpProtocol,
  prefixListToModel,
  referencedPrefixLists,
  routeTableToModel,
  securityGroupToModel,
  vpcToModel,
} from '../../../src/collectors/aws/ec2-network.js';
import { PACKAGE_ROOT } from '../../../src/version.js';

/** Responses recorded from moto by test/fixtures/aws/ec2/record.ts (the demo network + protocol edge cases). */
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test/fixtures/aws/ec2', `${name}.json`), 'utf8')) as T;
const scope: Ec2Scope = { partition: 'aws', account: '123456789012', region: 'us-east-1' };

const groups = fixture<{ SecurityGroups: SecurityGroup[] }>('describe-security-groups').SecurityGroups.map((g) => securityGroupToModel(g, scope));
const acls = fixture<{ NetworkAcls: NetworkAcl[] }>('describe-network-acls').NetworkAcls.map((a) => networkAclToModel(a, scope));
const rawInstances = fixture<{ Reservations: { Instances: Instance[] }[] }>('describe-instances').Reservations.flatMap((r) => r.Instances);
const instances = rawInstances.map((i) => instanceToModel(i, scope));
const vpcs = fixture<{ Vpcs: Vpc[] }>('describe-vpcs').Vpcs.map((v) => vpcToModel(v, scope));
const flowLogs = fixture<{ FlowLogs: FlowLog[] }>('describe-flow-logs').FlowLogs.map((f) => flowLogToModel(f, scope));

const rawGroups = fixture<{ SecurityGroups: SecurityGroup[] }>('describe-security-groups').SecurityGroups;
const prefixLists = fixture<{ PrefixLists: ManagedPrefixList[] }>('describe-managed-prefix-lists').PrefixLists;
const officeEntries = fixture<{ Entries: PrefixListEntry[] }>('get-managed-prefix-list-entries').Entries;

const group = (name: string, vpcId?: string) => groups.find((g) => g.data.groupName === name && (!vpcId || g.data.vpcId === vpcId))!;
const prodVpc = vpcs.find((v) => v.ref.name === 'prod-vpc')!;

describe('normalizeIpProtocol', () => {
  it.each([
    ['-1', 'all'],
    ['all', 'all'],
    ['6', 'tcp'],
    ['17', 'udp'],
    ['1', 'icmp'],
    ['58', 'icmpv6'],
    ['TCP', 'tcp'],
    ['50', '50'],
    [undefined, 'all'],
  ])('%s → %s', (raw, expected) => expect(normalizeIpProtocol(raw)).toBe(expected));
});

describe('securityGroupToModel (recorded DescribeSecurityGroups)', () => {
  it('keeps every group with ref, ARN and type', () => {
    expect(groups.length).toBe(13); // 3 default groups, 8 in prod-vpc, legacy-app in the default VPC, protocol-edge-cases
    const g = group('bastion-ssh');
    expect(g.ref).toMatchObject({
      provider: 'aws',
      account: '123456789012',
      region: 'us-east-1',
      type: 'aws.ec2.security-group',
      id: g.data.groupId,
      name: 'bastion-ssh',
    });
    expect(g.ref.arn).toBe(`arn:aws:ec2:us-east-1:123456789012:security-group/${g.data.groupId}`);
    expect(g.ref.tags).toEqual({ Name: 'bastion-ssh', Environment: 'prod', Team: 'platform' });
    expect(g.data.vpcId).toBe(prodVpc.data.vpcId);
  });

  it('flattens ingress: one entry per protocol, range and peer', () => {
    expect(group('bastion-ssh').data.ingress).toEqual([
      { protocol: 'tcp', fromPort: 22, toPort: 22, icmpType: null, icmpCode: null, peerKind: 'cidr4', peer: '0.0.0.0/0' },
    ]);
    expect(group('web-public').data.ingress).toEqual([
      { protocol: 'tcp', fromPort: 443, toPort: 443, icmpType: null, icmpCode: null, peerKind: 'cidr4', peer: '0.0.0.0/0' },
      { protocol: 'tcp', fromPort: 443, toPort: 443, icmpType: null, icmpCode: null, peerKind: 'cidr6', peer: '::/0' },
      { protocol: 'tcp', fromPort: 80, toPort: 80, icmpType: null, icmpCode: null, peerKind: 'cidr4', peer: '0.0.0.0/0' },
    ]);
  });

  it('keeps security group references apart from CIDRs', () => {
    const db = group('db-mysql').data.ingress;
    expect(db[0]).toMatchObject({ protocol: 'tcp', fromPort: 3306, peerKind: 'cidr6', peer: '::/0' });
    expect(db[1]).toEqual({
      protocol: 'tcp',
      fromPort: 5432,
      toPort: 5432,
      icmpType: null,
      icmpCode: null,
      peerKind: 'security-group',
      peer: group('web-public').data.groupId,
      peerOwner: '123456789012',
      description: 'app tier',
    });
  });

  it('protocol -1 becomes all with null ports, and keeps the rule description', () => {
    expect(group('debug-wide-open').data.ingress).toEqual([
      { protocol: 'all', fromPort: null, toPort: null, icmpType: null, icmpCode: null, peerKind: 'cidr4', peer: '0.0.0.0/0', description: 'temp' },
    ]);
  });

  it('ICMP type and code are not ports', () => {
    expect(group('monitoring').data.ingress[0]).toMatchObject({ protocol: 'icmp', fromPort: null, toPort: null, icmpType: 8, icmpCode: null });
  });

  it('normalizes protocol numbers, prefix lists, ICMPv6 and egress', () => {
    const g = group('protocol-edge-cases').data;
    expect(g.ingress.map((p) => [p.protocol, p.fromPort, p.toPort, p.icmpType, p.icmpCode, p.peerKind, p.peer.slice(0, 3)])).toEqual([
      ['tcp', 22, 22, null, null, 'prefix-list', 'pl-'],
      ['udp', 53, 53, null, null, 'cidr4', '0.0'],
      ['icmpv6', null, null, 128, 0, 'cidr6', '::/'],
      ['icmp', null, null, null, null, 'cidr4', '10.'],
    ]);
    expect(g.egress.map((p) => `${p.peer} ${p.protocol} ${p.fromPort ?? '*'}`)).toEqual(['0.0.0.0/0 all *', '::/0 tcp 443']);
  });

  it('marks default groups and keeps attacker-controlled names verbatim', () => {
    expect(groups.filter((g) => g.data.isDefault).map((g) => g.ref.name)).toEqual(['default', 'default', 'default']);
    const xss = group('<img src=x onerror=alert(1)>');
    expect(xss.ref.name).toBe('<img src=x onerror=alert(1)>');
    expect(xss.data.description).toBe('<img src=x onerror=alert(1)>');
    expect(group('default', prodVpc.data.vpcId).data.ingress).toEqual([expect.objectContaining({ protocol: 'all', peerKind: 'security-group' })]);
  });
});

describe('networkAclToModel (recorded DescribeNetworkAcls)', () => {
  const publicAcl = acls.find((a) => a.ref.name === 'public-nacl')!;

  it('normalizes entries and sorts them by direction and rule number', () => {
    expect(publicAcl.ref.arn).toBe(`arn:aws:ec2:us-east-1:123456789012:network-acl/${publicAcl.data.networkAclId}`);
    expect(publicAcl.data.entries).toEqual([
      {
        ruleNumber: 100,
        action: 'allow',
        egress: false,
        cidr: '0.0.0.0/0',
        ipv6: false,
        protocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        icmpType: null,
        icmpCode: null,
      },
      {
        ruleNumber: 110,
        action: 'allow',
        egress: false,
        cidr: '0.0.0.0/0',
        ipv6: false,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        icmpType: null,
        icmpCode: null,
      },
      {
        ruleNumber: 100,
        action: 'allow',
        egress: true,
        cidr: '0.0.0.0/0',
        ipv6: false,
        protocol: 'all',
        fromPort: null,
        toPort: null,
        icmpType: null,
        icmpCode: null,
      },
    ]);
    expect(publicAcl.data.isDefault).toBe(false);
    expect(publicAcl.data.vpcId).toBe(prodVpc.data.vpcId);
  });

  it('lists associated subnets (default ACL of the default VPC: all its subnets)', () => {
    expect(publicAcl.data.subnetIds).toHaveLength(1);
    const defaults = acls.filter((a) => a.data.isDefault);
    expect(defaults.map((a) => a.data.subnetIds.length).sort()).toEqual([0, 0, 6]);
    expect(defaults[0]!.data.entries.map((e) => `${e.egress ? 'out' : 'in'} ${e.ruleNumber} ${e.action} ${e.protocol}`)).toEqual([
      'in 100 allow all',
      'in 32767 deny all',
      'out 100 allow all',
      'out 32767 deny all',
    ]);
  });
});

describe('instanceToModel (recorded DescribeInstances)', () => {
  const byName = (n: string) => instances.find((i) => i.ref.name === n)!;

  it('maps state, addresses, groups, subnet and metadata options', () => {
    const b = byName('bastion');
    expect(b.ref).toMatchObject({
      type: 'aws.ec2.instance',
      arn: `arn:aws:ec2:us-east-1:123456789012:instance/${b.data.instanceId}`,
      tags: { Name: 'bastion', Environment: 'prod', Team: 'platform' },
    });
    expect(b.data).toMatchObject({
      state: 'running',
      instanceType: 't3.micro',
      publicIpAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      ipv6Addresses: [],
      vpcId: prodVpc.data.vpcId,
      iamInstanceProfileArn: null,
    });
    expect(b.data.securityGroupIds).toEqual([group('bastion-ssh').data.groupId, group('internal-ssh').data.groupId]);
    expect(b.data.metadataOptions).toEqual({ httpTokens: 'optional', httpEndpoint: 'enabled', hopLimit: 1 });
    expect(b.data.networkInterfaces).toEqual([
      expect.objectContaining({ subnetId: b.data.subnetId, publicIp: b.data.publicIpAddress, securityGroupIds: b.data.securityGroupIds }),
    ]);
    expect(b.data.launchTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('an instance without a public address has null, IMDSv2 is kept', () => {
    const db = byName('db-primary');
    expect(db.data.publicIpAddress).toBeNull();
    expect(db.data.networkInterfaces[0]!.publicIp).toBeNull();
    expect(db.data.metadataOptions?.httpTokens).toBe('required');
  });

  it('missing MetadataOptions is unknown (null), not IMDSv1', () => {
    const { MetadataOptions: _, ...raw } = rawInstances[0]!;
    expect(instanceToModel(raw, scope).data.metadataOptions).toBeNull();
  });

  it('collects IPv6 addresses and groups of every interface', () => {
    const raw: Instance = {
      ...rawInstances[0]!,
      NetworkInterfaces: [
        ...(rawInstances[0]!.NetworkInterfaces ?? []),
        {
          NetworkInterfaceId: 'eni-2',
          SubnetId: 'subnet-2',
          Groups: [{ GroupId: 'sg-extra' }],
          Ipv6Addresses: [{ Ipv6Address: '2600:1f18::5' }],
          Association: { PublicIp: '3.3.3.3' },
        },
      ],
    };
    const m = instanceToModel(raw, scope).data;
    expect(m.ipv6Addresses).toEqual(['2600:1f18::5']);
    expect(m.securityGroupIds).toContain('sg-extra');
    expect(m.networkInterfaces[1]).toEqual({
      networkInterfaceId: 'eni-2',
      subnetId: 'subnet-2',
      publicIp: '3.3.3.3',
      privateIp: null,
      ipv6Addresses: ['2600:1f18::5'],
      securityGroupIds: ['sg-extra'],
    });
  });
});

describe('vpcToModel and flowLogToModel', () => {
  it('maps CIDRs, IPv6 blocks and the default flag', () => {
    expect(prodVpc.data).toMatchObject({ cidrBlocks: ['10.0.0.0/16'], isDefault: false, state: 'available' });
    expect(prodVpc.data.ipv6CidrBlocks).toHaveLength(1);
    expect(prodVpc.ref.tags).toMatchObject({ Name: 'prod-vpc' });
    expect(vpcs.filter((v) => v.data.isDefault).map((v) => v.data.cidrBlocks)).toEqual([['172.31.0.0/16']]);
    expect(vpcs.map((v) => v.ref.name ?? '(no name)').sort()).toEqual(['(no name)', 'prod-vpc', 'staging-vpc']);
  });

  it('maps the flow log to the VPC it covers', () => {
    expect(flowLogs).toHaveLength(1);
    expect(flowLogs[0]!.data).toEqual({
      flowLogId: flowLogs[0]!.ref.id,
      resourceId: prodVpc.data.vpcId,
      status: 'ACTIVE',
      deliverLogsStatus: 'SUCCESS',
      trafficType: 'ALL',
      destinationType: 's3',
      destination: 'arn:aws:s3:::vigil-demo-flow-logs-us-east-1',
    });
    expect(flowLogs[0]!.ref.arn).toBe(`arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/${flowLogs[0]!.ref.id}`);
  });

  it('uses the partition in ARNs', () => {
    const cn = vpcToModel({ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }, { partition: 'aws-cn', account: '1', region: 'cn-north-1' });
    expect(cn.ref.arn).toBe('arn:aws-cn:ec2:cn-north-1:1:vpc/vpc-1');
  });
});

describe('prefixListToModel (recorded DescribeManagedPrefixLists / GetManagedPrefixListEntries)', () => {
  const office = prefixLists.find((l) => l.PrefixListName === 'office')!;

  it('finds the lists inbound rules reference, and only those', () => {
    // The recorded listing also holds moto's six AWS-managed lists per region (S3, DynamoDB, CloudFront …): none is referenced.
    expect(prefixLists.length).toBeGreaterThan(1);
    expect(referencedPrefixLists(rawGroups)).toEqual([office.PrefixListId]);
    expect(referencedPrefixLists([{ GroupId: 'sg-1', IpPermissionsEgress: [{ IpProtocol: '-1', PrefixListIds: [{ PrefixListId: 'pl-s3' }] }] }])).toEqual([]);
  });

  it('maps metadata and entries', () => {
    const pl = prefixListToModel(office.PrefixListId!, office, officeEntries, scope);
    expect(pl.ref).toMatchObject({ type: 'aws.ec2.prefix-list', id: office.PrefixListId, name: 'office', arn: office.PrefixListArn });
    expect(pl.data).toEqual({
      prefixListId: office.PrefixListId,
      prefixListName: 'office',
      ownerId: '123456789012',
      addressFamily: 'IPv4',
      maxEntries: 5,
      state: 'create-complete',
      entries: [{ cidr: '203.0.113.0/24', description: 'HQ' }, { cidr: '198.51.100.0/24' }],
    });
  });

  it('unread entries are null, never an empty list; a list missing from the listing keeps its id', () => {
    const pl = prefixListToModel('pl-123', undefined, null, scope);
    expect(pl.data).toEqual({ prefixListId: 'pl-123', prefixListName: null, ownerId: null, addressFamily: null, maxEntries: null, state: null, entries: null });
    expect(pl.ref.arn).toBe('arn:aws:ec2:us-east-1:123456789012:prefix-list/pl-123');
  });
});

describe('routeTableToModel (recorded DescribeRouteTables)', () => {
  // The demo network: prod-vpc's main table (local routes only), `public-rt` associated with public-a
  // (0.0.0.0/0 and ::/0 to an internet gateway), the staging VPC's main table, and the default VPC's main table
  // (to which the seed adds the 0.0.0.0/0 → igw route AWS has and moto lacks).
  const raw = fixture<{ RouteTables: RouteTable[] }>('describe-route-tables').RouteTables;
  const tables = raw.map((t) => routeTableToModel(t, scope));
  const publicRt = tables.find((t) => t.ref.name === 'public-rt')!;

  it('keeps every table with ref, ARN, tags and VPC', () => {
    expect(tables).toHaveLength(4);
    expect(publicRt.ref).toMatchObject({
      provider: 'aws',
      type: 'aws.ec2.route-table',
      id: publicRt.data.routeTableId,
      tags: { Name: 'public-rt', Environment: 'prod', Team: 'platform' },
    });
    expect(publicRt.ref.arn).toBe(`arn:aws:ec2:us-east-1:123456789012:route-table/${publicRt.data.routeTableId}`);
    expect(publicRt.data.routeTableId).toMatch(/^rtb-/);
    expect(tables.filter((t) => t.data.isMain)).toHaveLength(3);
    expect(new Set(tables.filter((t) => t.data.isMain).map((t) => t.data.vpcId)).size).toBe(3);
  });

  it('explicit subnet associations and the main flag are apart', () => {
    expect(publicRt.data.isMain).toBe(false);
    expect(publicRt.data.subnetIds).toHaveLength(1);
    expect(publicRt.data.subnetIds[0]).toMatch(/^subnet-/);
    for (const t of tables.filter((x) => x.data.isMain)) expect(t.data.subnetIds).toEqual([]);
  });

  it('routes: destination per family, gateway target and state', () => {
    const igw = publicRt.data.routes.find((r) => r.destinationCidr === '0.0.0.0/0')!;
    expect(igw).toEqual({ destinationCidr: '0.0.0.0/0', destinationIpv6Cidr: null, gatewayId: expect.stringMatching(/^igw-/), state: 'active' });
    expect(publicRt.data.routes.find((r) => r.destinationIpv6Cidr === '::/0')).toEqual({
      destinationCidr: null,
      destinationIpv6Cidr: '::/0',
      gatewayId: igw.gatewayId,
      state: 'active',
    });
    expect(publicRt.data.routes.find((r) => r.gatewayId === 'local' && r.destinationCidr)).toMatchObject({ destinationCidr: prodVpc.data.cidrBlocks[0] });
    const prodMain = tables.find((t) => t.data.isMain && t.data.vpcId === publicRt.data.vpcId)!;
    expect(prodMain.data.routes.every((r) => r.gatewayId === 'local')).toBe(true);
    const defaultMain = tables.find((t) => t.data.isMain && t.data.routes.some((r) => r.destinationCidr === '172.31.0.0/16'))!;
    expect(defaultMain.data.routes.find((r) => r.destinationCidr === '0.0.0.0/0')?.gatewayId).toMatch(/^igw-/);
  });

  it('a disassociated association, an egress-only gateway and a NAT target', () => {
    const t = routeTableToModel(
      {
        RouteTableId: 'rtb-1',
        VpcId: 'vpc-1',
        Associations: [
          { SubnetId: 'subnet-old', AssociationState: { State: 'disassociated' } },
          { SubnetId: 'subnet-1', AssociationState: { State: 'associated' } },
        ],
        Routes: [
          { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1', State: 'active' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'blackhole' },
        ],
      },
      scope,
    );
    expect(t.data).toEqual({
      routeTableId: 'rtb-1',
      vpcId: 'vpc-1',
      isMain: false,
      subnetIds: ['subnet-1'],
      routes: [
        { destinationCidr: null, destinationIpv6Cidr: '::/0', gatewayId: 'eigw-1', state: 'active' },
        { destinationCidr: '0.0.0.0/0', destinationIpv6Cidr: null, gatewayId: null, state: 'blackhole' },
      ],
    });
  });
});
