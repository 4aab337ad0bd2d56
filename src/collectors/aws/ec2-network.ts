/**
 * EC2 network collector: security groups, network ACLs, route tables, instances, VPCs, flow logs and the
 * managed prefix lists security groups reference, per region.
 *
 * Fetch (seven paged Describe calls, concurrent within the region, each its own coverage step, then the
 * entries of each referenced prefix list) is kept apart from the pure `*ToModel` functions, which are
 * unit-tested on recorded API responses.
 *
 * Prefix lists: a rule whose source is `pl-…` is as open as the list's entries, so the entries of every
 * list an inbound rule references are read (GetManagedPrefixListEntries, every page, one call per list:
 * there is no batch API), under the shared per-resource cap. Lists nothing references are not read: that
 * keeps the cost at the few lists in use instead of the half-dozen AWS-managed lists of every region.
 */
import type {
  FlowLog,
  Instance,
  IpPermission,
  ManagedPrefixList,
  NetworkAcl,
  NetworkAclEntry,
  PrefixListEntry as RawPrefixListEntry,
  RouteTable,
  SecurityGroup,
  Tag,
  Vpc,
} from '@aws-sdk/client-ec2';
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
  type InstanceInterface,
  type NaclEntry,
  type NetworkAclData,
  type PrefixListData,
  type RouteTableData,
  type SecurityGroupData,
  type SgPermission,
  type VpcData,
} from '../../model/aws/ec2.js';
import type { Resource, ResourceRef } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource, tagRecord } from './per-resource.js';
import type { InputType, ResourceType } from '../../model/registry.js';

/** Where a resource lives; ARNs are built from it. */
export interface Ec2Scope {
  partition: string;
  account: string;
  region: string;
}

/** Largest page every one of these Describe calls accepts: fewer calls for large accounts. */
const PAGE_SIZE = 1000;

// ------------------------------------------------------------------ toModel (pure)

const PROTOCOL_NUMBERS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

/** `-1`/`all` → `all`; `6`/`17`/`1`/`58` → names; other names lower-cased, other numbers kept. */
export function normalizeIpProtocol(p: string | undefined | null): string {
  const s = String(p ?? '-1')
    .trim()
    .toLowerCase();
  if (s === '-1' || s === 'all') return 'all';
  return PROTOCOL_NUMBERS[s] ?? s;
}

/** Splits AWS's overloaded port fields: ICMP keeps type/code apart; `all` and port-less protocols get nulls. */
function portsOf(protocol: string, from: number | undefined, to: number | undefined): Pick<SgPermission, 'fromPort' | 'toPort' | 'icmpType' | 'icmpCode'> {
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    // For ICMP, FromPort is the type and ToPort the code; -1 means "any".
    const type = from === undefined || from === -1 ? null : from;
    const code = to === undefined || to === -1 ? null : to;
    return { fromPort: null, toPort: null, icmpType: type, icmpCode: code };
  }
  if (protocol === 'tcp' || protocol === 'udp') {
    // tcp/udp always carry a range; absent (never seen in practice) means every port.
    return { fromPort: from ?? null, toPort: to ?? null, icmpType: null, icmpCode: null };
  }
  // `all` and other protocols (ESP, GRE…): AWS allows every port.
  return { fromPort: null, toPort: null, icmpType: null, icmpCode: null };
}

/** Flattens IpPermissions: one entry per protocol/port range/peer. */
export function flattenPermissions(perms: IpPermission[] | undefined): SgPermission[] {
  const out: SgPermission[] = [];
  for (const p of perms ?? []) {
    const protocol = normalizeIpProtocol(p.IpProtocol);
    const ports = portsOf(protocol, p.FromPort, p.ToPort);
    const add = (peerKind: SgPermission['peerKind'], peer: string | undefined, description: string | undefined, peerOwner?: string) => {
      if (!peer) return;
      const e: SgPermission = { protocol, ...ports, peerKind, peer };
      if (peerOwner) e.peerOwner = peerOwner;
      if (description) e.description = description;
      out.push(e);
    };
    for (const r of p.IpRanges ?? []) add('cidr4', r.CidrIp, r.Description);
    for (const r of p.Ipv6Ranges ?? []) add('cidr6', r.CidrIpv6, r.Description);
    for (const r of p.PrefixListIds ?? []) add('prefix-list', r.PrefixListId, r.Description);
    for (const r of p.UserIdGroupPairs ?? []) add('security-group', r.GroupId ?? r.GroupName, r.Description, r.UserId);
  }
  return out;
}

function makeRef(scope: Ec2Scope, type: ResourceType, id: string, arnKind: string, name: string | undefined, tags: Tag[] | undefined): ResourceRef {
  const ref: ResourceRef = {
    provider: 'aws',
    account: scope.account,
    region: scope.region,
    type,
    id,
    arn: `arn:${scope.partition}:ec2:${scope.region}:${scope.account}:${arnKind}/${id}`,
  };
  if (name) ref.name = name;
  const t = tagRecord(tags);
  if (t) ref.tags = t;
  return ref;
}

const nameTag = (tags: Tag[] | undefined) => tags?.find((t) => t.Key === 'Name')?.Value || undefined;

export function securityGroupToModel(raw: SecurityGroup, scope: Ec2Scope): Resource<SecurityGroupData> {
  const id = raw.GroupId!;
  return {
    ref: makeRef(scope, EC2_SECURITY_GROUP, id, 'security-group', nameTag(raw.Tags) ?? raw.GroupName, raw.Tags),
    data: {
      groupId: id,
      groupName: raw.GroupName ?? '',
      description: raw.Description ?? '',
      vpcId: raw.VpcId ?? null,
      isDefault: raw.GroupName === 'default',
      ownerId: raw.OwnerId ?? scope.account,
      ingress: flattenPermissions(raw.IpPermissions),
      egress: flattenPermissions(raw.IpPermissionsEgress),
    },
  };
}

function naclEntryToModel(e: NetworkAclEntry): NaclEntry {
  const protocol = normalizeIpProtocol(e.Protocol);
  const icmp = protocol === 'icmp' || protocol === 'icmpv6';
  const ports = icmp || protocol === 'all' || !e.PortRange ? { from: null, to: null } : { from: e.PortRange.From ?? null, to: e.PortRange.To ?? null };
  const type = e.IcmpTypeCode?.Type;
  const code = e.IcmpTypeCode?.Code;
  return {
    ruleNumber: e.RuleNumber ?? 32767,
    action: e.RuleAction === 'allow' ? 'allow' : 'deny',
    egress: e.Egress === true,
    cidr: e.Ipv6CidrBlock ?? e.CidrBlock ?? '',
    ipv6: e.Ipv6CidrBlock !== undefined,
    protocol,
    fromPort: ports.from,
    toPort: ports.to,
    icmpType: icmp && type !== undefined && type !== -1 ? type : null,
    icmpCode: icmp && code !== undefined && code !== -1 ? code : null,
  };
}

export function networkAclToModel(raw: NetworkAcl, scope: Ec2Scope): Resource<NetworkAclData> {
  const id = raw.NetworkAclId!;
  const entries = (raw.Entries ?? []).map(naclEntryToModel).sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber);
  const subnetIds = [...new Set((raw.Associations ?? []).map((a) => a.SubnetId).filter((s): s is string => !!s))];
  return {
    ref: makeRef(scope, EC2_NETWORK_ACL, id, 'network-acl', nameTag(raw.Tags), raw.Tags),
    data: { networkAclId: id, vpcId: raw.VpcId ?? null, isDefault: raw.IsDefault === true, entries, subnetIds },
  };
}

/**
 * A route table: explicit subnet associations, the `Main` flag, and the routes (IPv4/IPv6 destination, the
 * gateway target: `igw-…`, `eigw-…`, `vgw-…`, `local`; other targets such as NAT gateways keep `gatewayId: null`).
 */
export function routeTableToModel(raw: RouteTable, scope: Ec2Scope): Resource<RouteTableData> {
  const id = raw.RouteTableId!;
  const assoc = raw.Associations ?? [];
  const live = assoc.filter((a) => a.AssociationState?.State === undefined || a.AssociationState.State === 'associated');
  return {
    ref: makeRef(scope, EC2_ROUTE_TABLE, id, 'route-table', nameTag(raw.Tags), raw.Tags),
    data: {
      routeTableId: id,
      vpcId: raw.VpcId ?? null,
      isMain: live.some((a) => a.Main === true),
      subnetIds: [...new Set(live.map((a) => a.SubnetId).filter((s): s is string => !!s))],
      routes: (raw.Routes ?? []).map((r) => ({
        destinationCidr: r.DestinationCidrBlock ?? null,
        destinationIpv6Cidr: r.DestinationIpv6CidrBlock ?? null,
        gatewayId: r.GatewayId ?? r.EgressOnlyInternetGatewayId ?? null,
        state: r.State ?? null,
      })),
    },
  };
}

export function instanceToModel(raw: Instance, scope: Ec2Scope): Resource<InstanceData> {
  const id = raw.InstanceId!;
  const interfaces: InstanceInterface[] = (raw.NetworkInterfaces ?? []).map((n) => ({
    networkInterfaceId: n.NetworkInterfaceId ?? '',
    subnetId: n.SubnetId ?? null,
    publicIp: n.Association?.PublicIp ?? null,
    privateIp: n.PrivateIpAddress ?? null,
    ipv6Addresses: (n.Ipv6Addresses ?? []).map((a) => a.Ipv6Address).filter((a): a is string => !!a),
    securityGroupIds: (n.Groups ?? []).map((g) => g.GroupId).filter((g): g is string => !!g),
  }));
  const groups = new Set((raw.SecurityGroups ?? []).map((g) => g.GroupId).filter((g): g is string => !!g));
  for (const n of interfaces) for (const g of n.securityGroupIds) groups.add(g);
  const ipv6 = new Set<string>(raw.Ipv6Address ? [raw.Ipv6Address] : []);
  for (const n of interfaces) for (const a of n.ipv6Addresses) ipv6.add(a);
  const mo = raw.MetadataOptions;
  return {
    ref: makeRef(scope, EC2_INSTANCE, id, 'instance', nameTag(raw.Tags), raw.Tags),
    data: {
      instanceId: id,
      state: raw.State?.Name ?? 'unknown',
      instanceType: raw.InstanceType ?? null,
      imageId: raw.ImageId ?? null,
      launchTime: raw.LaunchTime ? new Date(raw.LaunchTime).toISOString() : null,
      publicIpAddress: raw.PublicIpAddress ?? null,
      privateIpAddress: raw.PrivateIpAddress ?? null,
      ipv6Addresses: [...ipv6],
      securityGroupIds: [...groups],
      subnetId: raw.SubnetId ?? null,
      vpcId: raw.VpcId ?? null,
      metadataOptions: mo
        ? {
            httpTokens: mo.HttpTokens === 'required' || mo.HttpTokens === 'optional' ? mo.HttpTokens : null,
            httpEndpoint: mo.HttpEndpoint === 'enabled' || mo.HttpEndpoint === 'disabled' ? mo.HttpEndpoint : null,
            hopLimit: mo.HttpPutResponseHopLimit ?? null,
          }
        : null,
      iamInstanceProfileArn: raw.IamInstanceProfile?.Arn ?? null,
      networkInterfaces: interfaces,
    },
  };
}

export function vpcToModel(raw: Vpc, scope: Ec2Scope): Resource<VpcData> {
  const id = raw.VpcId!;
  const v4 = (raw.CidrBlockAssociationSet ?? [])
    .filter((a) => a.CidrBlockState?.State !== 'disassociated')
    .map((a) => a.CidrBlock)
    .filter((c): c is string => !!c);
  const cidrBlocks = [...new Set([...(raw.CidrBlock ? [raw.CidrBlock] : []), ...v4])];
  const ipv6CidrBlocks = (raw.Ipv6CidrBlockAssociationSet ?? [])
    .filter((a) => a.Ipv6CidrBlockState?.State !== 'disassociated')
    .map((a) => a.Ipv6CidrBlock)
    .filter((c): c is string => !!c);
  return {
    ref: makeRef(scope, EC2_VPC, id, 'vpc', nameTag(raw.Tags), raw.Tags),
    data: { vpcId: id, cidrBlocks, ipv6CidrBlocks, isDefault: raw.IsDefault === true, state: raw.State ?? null },
  };
}

export function flowLogToModel(raw: FlowLog, scope: Ec2Scope): Resource<FlowLogData> {
  const id = raw.FlowLogId!;
  return {
    ref: makeRef(scope, EC2_FLOW_LOG, id, 'vpc-flow-log', nameTag(raw.Tags), raw.Tags),
    data: {
      flowLogId: id,
      resourceId: raw.ResourceId ?? '',
      status: raw.FlowLogStatus ?? null,
      deliverLogsStatus: raw.DeliverLogsStatus ?? null,
      trafficType: raw.TrafficType ?? null,
      destinationType: raw.LogDestinationType ?? null,
      destination: raw.LogDestination ?? raw.LogGroupName ?? null,
    },
  };
}

/**
 * `meta`: the list as DescribeManagedPrefixLists described it (`undefined` when that listing failed or did
 * not include it: only the id is known then). `entries`: every entry, or `null` when they could not be read.
 */
export function prefixListToModel(
  id: string,
  meta: ManagedPrefixList | undefined,
  entries: RawPrefixListEntry[] | null,
  scope: Ec2Scope,
): Resource<PrefixListData> {
  const ref = makeRef(scope, EC2_PREFIX_LIST, id, 'prefix-list', meta?.PrefixListName, meta?.Tags);
  if (meta?.PrefixListArn) ref.arn = meta.PrefixListArn;
  return {
    ref,
    data: {
      prefixListId: id,
      prefixListName: meta?.PrefixListName ?? null,
      ownerId: meta?.OwnerId ?? null,
      addressFamily: meta?.AddressFamily ?? null,
      maxEntries: meta?.MaxEntries ?? null,
      state: meta?.State ?? null,
      entries:
        entries === null ? null : entries.filter((e) => e.Cidr).map((e) => (e.Description ? { cidr: e.Cidr!, description: e.Description } : { cidr: e.Cidr! })),
    },
  };
}

/** Prefix lists the inbound rules of these groups reference (what the exposure rules need resolved). */
export function referencedPrefixLists(groups: SecurityGroup[]): string[] {
  const ids = new Set<string>();
  for (const g of groups) for (const p of g.IpPermissions ?? []) for (const r of p.PrefixListIds ?? []) if (r.PrefixListId) ids.add(r.PrefixListId);
  return [...ids].sort();
}

// ------------------------------------------------------------------ fetch

/** Largest page DescribeRouteTables accepts (5–100). */
const ROUTE_TABLE_PAGE_SIZE = 100;

/** Largest page the prefix-list calls accept. */
const PREFIX_LIST_PAGE_SIZE = 100;

export const ec2Network: AwsServiceCollector = {
  service: 'ec2',
  scope: 'regional',
  resourceTypes: [EC2_SECURITY_GROUP, EC2_NETWORK_ACL, EC2_ROUTE_TABLE, EC2_INSTANCE, EC2_VPC, EC2_FLOW_LOG, EC2_PREFIX_LIST],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const {
      EC2Client,
      paginateDescribeFlowLogs,
      paginateDescribeInstances,
      paginateDescribeManagedPrefixLists,
      paginateDescribeNetworkAcls,
      paginateDescribeRouteTables,
      paginateDescribeSecurityGroups,
      paginateDescribeVpcs,
      paginateGetManagedPrefixListEntries,
    } = await import('@aws-sdk/client-ec2');
    const client = ctx.client(EC2Client, region);
    const scope: Ec2Scope = { partition: ctx.partition, account: ctx.account, region };
    const paging = { client, pageSize: PAGE_SIZE, stopOnSameToken: true };
    const step = (operation: string, type: InputType) => ({ service: 'ec2', region, operation, resourceTypes: [type] });

    const [groups, acls, routeTables, instances, vpcs, flowLogs, prefixLists] = await Promise.all([
      ctx.attempt(step('DescribeSecurityGroups', EC2_SECURITY_GROUP), () => allPages(paginateDescribeSecurityGroups(paging, {}), (p) => p.SecurityGroups)),
      ctx.attempt(step('DescribeNetworkAcls', EC2_NETWORK_ACL), () => allPages(paginateDescribeNetworkAcls(paging, {}), (p) => p.NetworkAcls)),
      ctx.attempt(step('DescribeRouteTables', EC2_ROUTE_TABLE), () =>
        allPages(paginateDescribeRouteTables({ ...paging, pageSize: ROUTE_TABLE_PAGE_SIZE }, {}), (p) => p.RouteTables),
      ),
      ctx.attempt(step('DescribeInstances', EC2_INSTANCE), () =>
        allPages(paginateDescribeInstances(paging, {}), (p) => p.Reservations?.flatMap((r) => r.Instances ?? [])),
      ),
      ctx.attempt(step('DescribeVpcs', EC2_VPC), () => allPages(paginateDescribeVpcs(paging, {}), (p) => p.Vpcs)),
      ctx.attempt(step('DescribeFlowLogs', EC2_FLOW_LOG), () => allPages(paginateDescribeFlowLogs(paging, {}), (p) => p.FlowLogs)),
      ctx.attempt(step('DescribeManagedPrefixLists', EC2_PREFIX_LIST), () =>
        allPages(paginateDescribeManagedPrefixLists({ ...paging, pageSize: PREFIX_LIST_PAGE_SIZE }, {}), (p) => p.PrefixLists),
      ),
    ]);

    // Entries of every referenced list, even when the listing failed (only the names are lost then); a list
    // whose entries cannot be read gets `entries: null` and a gap of its own, so only the rules that need it
    // become unknown.
    const referenced = referencedPrefixLists(groups ?? []);
    const entries = await perResource(
      ctx,
      step('GetManagedPrefixListEntries', EC2_PREFIX_LIST),
      referenced,
      (id) => id,
      (id) => allPages(paginateGetManagedPrefixListEntries({ ...paging, pageSize: PREFIX_LIST_PAGE_SIZE }, { PrefixListId: id }), (p) => p.Entries),
    );
    const meta = new Map((prefixLists ?? []).filter((l) => l.PrefixListId).map((l) => [l.PrefixListId!, l]));

    // Typed data interfaces have no index signature, hence the widening cast to the snapshot's generic Resource.
    return [
      ...(groups ?? []).filter((g) => g.GroupId).map((g) => securityGroupToModel(g, scope)),
      ...(acls ?? []).filter((a) => a.NetworkAclId).map((a) => networkAclToModel(a, scope)),
      ...(routeTables ?? []).filter((t) => t.RouteTableId).map((t) => routeTableToModel(t, scope)),
      ...(instances ?? []).filter((i) => i.InstanceId).map((i) => instanceToModel(i, scope)),
      ...(vpcs ?? []).filter((v) => v.VpcId).map((v) => vpcToModel(v, scope)),
      ...(flowLogs ?? []).filter((f) => f.FlowLogId).map((f) => flowLogToModel(f, scope)),
      ...referenced.map((id) => prefixListToModel(id, meta.get(id), entries.get(id) ?? null, scope)),
    ] as unknown as Resource[];
  },
};
