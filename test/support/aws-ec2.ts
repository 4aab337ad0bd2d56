/** Builders for EC2 network resources in rule tests (default test account and region). */
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
} from '../../src/model/aws/ec2.js';
import type { Resource } from '../../src/model/types.js';
import { resource } from './rule-tester.js';

/**
 * The typed data interfaces have no index signature, so they are not assignable to the snapshot's generic
 * `Resource`: the builders widen once here, after the data has been type-checked against its interface.
 */
const widen = <D>(r: Resource<D>): Resource => r as unknown as Resource;

/** `perm('tcp', 22, 22, '0.0.0.0/0')`; peer kind inferred from the peer string. */
export function perm(protocol: string, fromPort: number | null, toPort: number | null, peer: string): SgPermission {
  const peerKind = peer.startsWith('sg-') ? 'security-group' : peer.startsWith('pl-') ? 'prefix-list' : peer.includes(':') ? 'cidr6' : 'cidr4';
  const icmp = protocol === 'icmp' || protocol === 'icmpv6';
  return {
    protocol,
    fromPort: icmp ? null : fromPort,
    toPort: icmp ? null : toPort,
    icmpType: icmp ? fromPort : null,
    icmpCode: icmp ? toPort : null,
    peerKind,
    peer,
  };
}

export function sg(id: string, ingress: SgPermission[], extra: Partial<SecurityGroupData> = {}, name = id): Resource {
  return widen<SecurityGroupData>(
    resource(
      EC2_SECURITY_GROUP,
      id,
      {
        groupId: id,
        groupName: name,
        description: '',
        vpcId: 'vpc-1',
        isDefault: false,
        ownerId: '123456789012',
        ingress,
        egress: [perm('all', null, null, '0.0.0.0/0')],
        ...extra,
      },
      { name },
    ),
  );
}

/** `entry(100, 'allow', 'tcp', 22, 22, '0.0.0.0/0')` (inbound unless `egress`). */
export function entry(
  ruleNumber: number,
  action: 'allow' | 'deny',
  protocol: string,
  fromPort: number | null,
  toPort: number | null,
  cidr: string,
  egress = false,
): NaclEntry {
  return { ruleNumber, action, egress, cidr, ipv6: cidr.includes(':'), protocol, fromPort, toPort, icmpType: null, icmpCode: null };
}

export function nacl(id: string, entries: NaclEntry[], subnetIds: string[] = ['subnet-1']): Resource {
  // Kept in the given order on purpose: rules must evaluate by rule number, not list order.
  return widen<NetworkAclData>(resource(EC2_NETWORK_ACL, id, { networkAclId: id, vpcId: 'vpc-1', isDefault: false, entries, subnetIds }));
}

/** The default ACL AWS creates: allow all, then the implicit deny. */
export const defaultNacl = (id = 'acl-default', subnets = ['subnet-1']) =>
  nacl(
    id,
    [
      entry(100, 'allow', 'all', null, null, '0.0.0.0/0'),
      entry(32767, 'deny', 'all', null, null, '0.0.0.0/0'),
      entry(100, 'allow', 'all', null, null, '0.0.0.0/0', true),
      entry(32767, 'deny', 'all', null, null, '0.0.0.0/0', true),
    ],
    subnets,
  );

export function instance(id: string, extra: Partial<InstanceData> = {}): Resource {
  const data: InstanceData = {
    instanceId: id,
    state: 'running',
    instanceType: 't3.micro',
    imageId: 'ami-1',
    launchTime: '2026-01-01T00:00:00.000Z',
    publicIpAddress: '54.1.2.3',
    privateIpAddress: '10.0.1.10',
    ipv6Addresses: [],
    securityGroupIds: ['sg-1'],
    subnetId: 'subnet-1',
    vpcId: 'vpc-1',
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', hopLimit: 1 },
    iamInstanceProfileArn: null,
    networkInterfaces: [],
    ...extra,
  };
  return widen(resource(EC2_INSTANCE, id, data, { name: id }));
}

export const vpc = (id: string, extra: Partial<VpcData> = {}): Resource =>
  widen<VpcData>(resource(EC2_VPC, id, { vpcId: id, cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [], isDefault: false, state: 'available', ...extra }));

export const flowLog = (id: string, resourceId: string, extra: Partial<FlowLogData> = {}): Resource =>
  widen<FlowLogData>(
    resource(EC2_FLOW_LOG, id, {
      flowLogId: id,
      resourceId,
      status: 'ACTIVE',
      deliverLogsStatus: 'SUCCESS',
      trafficType: 'ALL',
      destinationType: 's3',
      destination: 'arn:aws:s3:::logs',
      ...extra,
    }),
  );

/** A managed prefix list with these CIDRs; `null` = entries could not be read. */
export const prefixList = (id: string, cidrs: string[] | null, extra: Partial<PrefixListData> = {}): Resource =>
  widen<PrefixListData>(
    resource(EC2_PREFIX_LIST, id, {
      prefixListId: id,
      prefixListName: id,
      ownerId: '123456789012',
      addressFamily: 'IPv4',
      maxEntries: 10,
      state: 'create-complete',
      entries: cidrs === null ? null : cidrs.map((cidr) => ({ cidr })),
      ...extra,
    }),
  );

/** `route('0.0.0.0/0', 'igw-1')`; the family is inferred from the destination. */
export const route = (destination: string, gatewayId: string | null, state = 'active'): Route => ({
  destinationCidr: destination.includes(':') ? null : destination,
  destinationIpv6Cidr: destination.includes(':') ? destination : null,
  gatewayId,
  state,
});

/** A route table of `vpc-1`: explicitly associated with `subnetIds`, and/or the VPC's main table. */
export const routeTable = (id: string, routes: Route[], extra: Partial<RouteTableData> = {}): Resource =>
  widen<RouteTableData>(
    resource(EC2_ROUTE_TABLE, id, {
      routeTableId: id,
      vpcId: 'vpc-1',
      isMain: false,
      subnetIds: [],
      routes: [route('10.0.0.0/16', 'local'), ...routes],
      ...extra,
    }),
  );

/** The main table of `vpc-1` of a public VPC: 0.0.0.0/0 and ::/0 to an internet gateway. */
export const defaultRouteTable = (id = 'rtb-main', igw = 'igw-1') => routeTable(id, [route('0.0.0.0/0', igw), route('::/0', igw)], { isMain: true });
