/**
 * Seeds a deliberately misconfigured but realistic AWS network into an emulator (moto) for the demo,
 * the same in every region given.
 *
 * What the scan should find, per region:
 * - `bastion-ssh`: SSH (22) open to 0.0.0.0/0; instance `bastion` (public IP, IMDSv1 allowed) behind it,
 *   reachable through the `public-rt` route 0.0.0.0/0 → internet gateway and the `public-nacl` entry 100
 *   (tcp 22 from anywhere);
 * - `db-mysql`: MySQL (3306) open to ::/0 (plus a compliant PostgreSQL rule that only references `web-public`);
 * - `legacy-app`: tcp 1000-4000 open to the world (covers RDP 3389, MySQL 3306, Docker 2375 …); instance
 *   `legacy-worker` in the default VPC (public IP, IMDSv1) is reachable on them through the default NACL;
 * - `debug-wide-open`: every protocol from 0.0.0.0/0;
 * - a group named `<img src=x onerror=alert(1)>` with Redis (6379) open: reports must show the name as text;
 * - `partner-ssh`: SSH from the managed prefix list `partner-ranges`, to which someone added 0.0.0.0/0;
 * - the prod VPC's default group with rules, the default VPC and `staging-vpc` without flow logs.
 * Compliant: `web-public` (HTTPS/HTTP only), `internal-ssh` (22 from the VPC only), `monitoring` (ICMP echo),
 * `office-ssh` (22 from the prefix list `office-ranges`, two /24s),
 * `private-nacl` (its subnet `private-a` uses the prod VPC's main route table: no internet gateway route), instances `api-server` (IMDSv2 required, HTTPS only) and `db-primary` (no public IP),
 * and the prod VPC's flow log (to S3).
 */
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateManagedPrefixListCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type IpPermission,
  ReplaceNetworkAclAssociationCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { awsClients } from '../../src/testing/aws-clients.js';

const XSS = '<img src=x onerror=alert(1)>';
const IMAGE_ID = 'ami-0abcdef1234567890';

const tags = (resourceType: string, name: string, extra: Record<string, string> = {}) => [
  { ResourceType: resourceType as never, Tags: [{ Key: 'Name', Value: name }, ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value }))] },
];
/** `tcp(22, ['0.0.0.0/0'])`, `tcp([1000, 4000], [], ['::/0'])`: one tcp permission from CIDRs. */
export const tcp = (port: number | [number, number], cidrs: string[] = [], cidrs6: string[] = []): IpPermission => {
  const [from, to] = Array.isArray(port) ? port : [port, port];
  return { IpProtocol: 'tcp', FromPort: from, ToPort: to, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })), Ipv6Ranges: cidrs6.map((CidrIpv6) => ({ CidrIpv6 })) };
};

/** One network ACL entry to create (inbound unless `egress`). */
export interface NaclEntrySpec {
  n: number;
  protocol: string;
  ports?: [number, number];
  cidr: string;
  action: 'allow' | 'deny';
  egress?: boolean;
}

/** Creates a network ACL with `entries` in the VPC and makes it the subnet's ACL. Returns its id. */
export async function subnetNacl(
  ec2: EC2Client,
  vpcId: string,
  subnetId: string,
  entries: NaclEntrySpec[],
  tagSpecs?: ReturnType<typeof tags>,
): Promise<string> {
  const id = (await ec2.send(new CreateNetworkAclCommand({ VpcId: vpcId, TagSpecifications: tagSpecs }))).NetworkAcl!.NetworkAclId!;
  for (const e of entries) {
    await ec2.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: id,
        RuleNumber: e.n,
        Protocol: e.protocol,
        RuleAction: e.action,
        Egress: e.egress ?? false,
        CidrBlock: e.cidr,
        ...(e.ports ? { PortRange: { From: e.ports[0], To: e.ports[1] } } : {}),
      }),
    );
  }
  const current = (await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }))).NetworkAcls![0]!;
  const assoc = current.Associations!.find((a) => a.SubnetId === subnetId)!;
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc.NetworkAclAssociationId!, NetworkAclId: id }));
  return id;
}

/**
 * Makes `subnetIds` public: a new internet gateway attached to the VPC and a route table of their own with
 * 0.0.0.0/0 (and ::/0 when `ipv6`) to it. Returns the route table and gateway ids.
 */
export async function publicRouteTable(
  ec2: EC2Client,
  vpcId: string,
  subnetIds: string[],
  ipv6 = false,
  tagSpecs?: ReturnType<typeof tags>,
): Promise<{ routeTableId: string; igwId: string }> {
  const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const routeTableId = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: tagSpecs }))).RouteTable!.RouteTableId!;
  await ec2.send(new CreateRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
  if (ipv6) await ec2.send(new CreateRouteCommand({ RouteTableId: routeTableId, DestinationIpv6CidrBlock: '::/0', GatewayId: igwId }));
  for (const SubnetId of subnetIds) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId }));
  return { routeTableId, igwId };
}

/**
 * In AWS the default VPC's main route table sends 0.0.0.0/0 to the VPC's internet gateway; moto 5 creates
 * the default VPC with a local route only. Adds the gateway (if none is attached) and the route, so the
 * emulated default VPC is public as in AWS.
 */
export async function publicDefaultVpc(ec2: EC2Client, vpcId: string): Promise<void> {
  const main = (
    await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'association.main', Values: ['true'] },
        ],
      }),
    )
  ).RouteTables?.[0];
  if (!main?.RouteTableId || main.Routes?.some((r) => r.DestinationCidrBlock === '0.0.0.0/0')) return;
  let igwId = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways?.[0]
    ?.InternetGatewayId;
  if (!igwId) {
    igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  }
  await ec2.send(new CreateRouteCommand({ RouteTableId: main.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
}

export async function seedAwsNetwork(endpoint: string, regions: string[]): Promise<void> {
  for (const [i, region] of regions.entries()) await seedRegion(endpoint, region, i);
}

async function seedRegion(endpoint: string, region: string, i: number): Promise<void> {
  const clients = awsClients(endpoint, region);
  const { ec2, s3 } = clients;
  try {
    const env = { Environment: 'prod', Team: 'platform' };
    const vpc = (
      await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16`, AmazonProvidedIpv6CidrBlock: true, TagSpecifications: tags('vpc', 'prod-vpc', env) }))
    ).Vpc!;
    const vpcId = vpc.VpcId!;
    await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${100 + i}.0.0/16`, TagSpecifications: tags('vpc', 'staging-vpc', { Environment: 'staging' }) }));
    const subnet = async (cidr: string, name: string) =>
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, TagSpecifications: tags('subnet', name) }))).Subnet!.SubnetId!;
    const publicSubnet = await subnet(`10.${i}.1.0/24`, 'public-a');
    const privateSubnet = await subnet(`10.${i}.2.0/24`, 'private-a');
    // Only public-a gets an internet gateway route; private-a keeps the main table (local route only).
    await publicRouteTable(ec2, vpcId, [publicSubnet], true, tags('route-table', 'public-rt', env));

    // Flow logs for the prod VPC only (to S3; moto requires the bucket to exist).
    const bucket = `vigil-demo-flow-logs-${region}`;
    await s3.send(
      new CreateBucketCommand({ Bucket: bucket, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }) }),
    );
    await ec2.send(
      new CreateFlowLogsCommand({
        ResourceIds: [vpcId],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: `arn:aws:s3:::${bucket}`,
      }),
    );

    // Security groups.
    const group = async (name: string, description: string, perms: IpPermission[]) => {
      const id = (
        await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: name, Description: description, VpcId: vpcId, TagSpecifications: tags('security-group', name, env) }),
        )
      ).GroupId!;
      if (perms.length) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: perms }));
      return id;
    };
    const web = await group('web-public', 'Public HTTPS load balancer targets', [tcp(443, ['0.0.0.0/0'], ['::/0']), tcp(80, ['0.0.0.0/0'])]);
    const bastion = await group('bastion-ssh', 'Bastion host SSH', [tcp(22, ['0.0.0.0/0'])]);
    await group('db-mysql', 'MySQL primary', [
      tcp(3306, [], ['::/0']),
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: web, Description: 'app tier' }] },
    ]);
    const legacy = await group('legacy-app', 'Legacy app server, wide port range', [tcp([1000, 4000], ['0.0.0.0/0'])]);
    await group('debug-wide-open', 'Temporary debugging, never removed', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temp' }] }]);
    await group(XSS, XSS, [tcp(6379, ['0.0.0.0/0'])]);
    const internal = await group('internal-ssh', 'SSH from inside the VPC only', [tcp(22, [`10.${i}.0.0/16`])]);
    await group('monitoring', 'ICMP echo for uptime checks', [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    // Managed prefix lists: the rule looks narrow, the list is not.
    const prefixList = async (name: string, cidrs: string[]) =>
      (
        await ec2.send(
          new CreateManagedPrefixListCommand({
            PrefixListName: name,
            AddressFamily: 'IPv4',
            MaxEntries: 10,
            Entries: cidrs.map((Cidr) => ({ Cidr })),
            TagSpecifications: tags('prefix-list', name, env),
          }),
        )
      ).PrefixList!.PrefixListId!;
    const fromList = (port: number, pl: string): IpPermission => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: [{ PrefixListId: pl }] });
    await group('partner-ssh', 'SSH for the support partner', [fromList(22, await prefixList('partner-ranges', ['198.51.100.0/24', '0.0.0.0/0']))]);
    await group('office-ssh', 'SSH from the offices', [fromList(22, await prefixList('office-ranges', ['203.0.113.0/24', '192.0.2.0/24']))]);
    const dbGroup = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'group-name', Values: ['db-mysql'] },
            { Name: 'vpc-id', Values: [vpcId] },
          ],
        }),
      )
    ).SecurityGroups![0]!.GroupId!;

    // The prod VPC's default group gets the self-reference AWS creates (and moto does not).
    const defaultGroup = (
      await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [
            { Name: 'group-name', Values: ['default'] },
            { Name: 'vpc-id', Values: [vpcId] },
          ],
        }),
      )
    ).SecurityGroups![0]!.GroupId!;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: defaultGroup, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: defaultGroup }] }] }),
    );

    // Network ACLs: a public one that lets SSH in from anywhere, a private one limited to the VPC.
    const nacl = (name: string, subnetId: string, entries: NaclEntrySpec[]) => subnetNacl(ec2, vpcId, subnetId, entries, tags('network-acl', name, env));
    await nacl('public-nacl', publicSubnet, [
      { n: 100, protocol: '6', ports: [22, 22], cidr: '0.0.0.0/0', action: 'allow' },
      { n: 110, protocol: '6', ports: [443, 443], cidr: '0.0.0.0/0', action: 'allow' },
      { n: 100, protocol: '-1', cidr: '0.0.0.0/0', action: 'allow', egress: true },
    ]);
    await nacl('private-nacl', privateSubnet, [
      { n: 100, protocol: '-1', cidr: `10.${i}.0.0/16`, action: 'allow' },
      { n: 200, protocol: '-1', cidr: '0.0.0.0/0', action: 'deny' },
      { n: 100, protocol: '-1', cidr: `10.${i}.0.0/16`, action: 'allow', egress: true },
    ]);

    // Instances.
    const run = async (name: string, subnetId: string, groups: string[], publicIp: boolean, imdsv2: boolean) =>
      ec2.send(
        new RunInstancesCommand({
          ImageId: IMAGE_ID,
          MinCount: 1,
          MaxCount: 1,
          InstanceType: 't3.micro',
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: publicIp, Groups: groups }],
          MetadataOptions: { HttpTokens: imdsv2 ? 'required' : 'optional', HttpEndpoint: 'enabled' },
          TagSpecifications: tags('instance', name, env),
        }),
      );
    await run('bastion', publicSubnet, [bastion, internal], true, false);
    await run('api-server', publicSubnet, [web], true, true);
    await run('db-primary', privateSubnet, [dbGroup], false, true);

    // A forgotten instance in the default VPC, behind the wide port range.
    const defaultVpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
    if (defaultVpc) {
      await publicDefaultVpc(ec2, defaultVpc);
      const defaultSubnet = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets![0]!.SubnetId!;
      const legacyDefault = (
        await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'legacy-app', Description: 'Legacy app server, wide port range', VpcId: defaultVpc }))
      ).GroupId!;
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: legacyDefault, IpPermissions: [tcp([1000, 4000], ['0.0.0.0/0'])] }));
      await run('legacy-worker', defaultSubnet, [legacyDefault], true, false);
      await ec2.send(new CreateTagsCommand({ Resources: [legacy], Tags: [{ Key: 'Owner', Value: 'unknown' }] }));
    }
  } finally {
    clients.destroy();
  }
}
