/**
 * `data` of the EC2 network resource types written by src/collectors/aws/ec2-network.ts.
 *
 * Conventions: protocols are normalized (`all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the IANA number as a
 * string for anything else); port bounds are `null` when the rule covers every port (protocol `all`,
 * or a protocol without ports). ICMP type/code live in their own fields, never in the port fields.
 * Tags go to `ref.tags` and the `Name` tag (or group name) to `ref.name`, not to `data`.
 */
import type { TypeTable } from '../type-info.js';

export const EC2_SECURITY_GROUP = 'aws.ec2.security-group' as const;
export const EC2_NETWORK_ACL = 'aws.ec2.network-acl' as const;
export const EC2_INSTANCE = 'aws.ec2.instance' as const;
export const EC2_VPC = 'aws.ec2.vpc' as const;
export const EC2_FLOW_LOG = 'aws.ec2.flow-log' as const;
export const EC2_PREFIX_LIST = 'aws.ec2.prefix-list' as const;
export const EC2_ROUTE_TABLE = 'aws.ec2.route-table' as const;

/** Where a security group rule's traffic comes from (ingress) or goes to (egress). */
export type SgPeerKind = 'cidr4' | 'cidr6' | 'prefix-list' | 'security-group';

/** One flattened security group permission: one protocol, one port range, one peer. */
export interface SgPermission {
  /** `all` (AWS `-1`), `tcp`, `udp`, `icmp`, `icmpv6`, or an IANA protocol number as a string. */
  protocol: string;
  /** First port of the range (tcp/udp); `null` when every port is allowed or the protocol has none. */
  fromPort: number | null;
  /** Last port of the range (tcp/udp); `null` when every port is allowed or the protocol has none. */
  toPort: number | null;
  /** ICMP type (`icmp`/`icmpv6` only); `null` = every type. */
  icmpType: number | null;
  /** ICMP code (`icmp`/`icmpv6` only); `null` = every code. */
  icmpCode: number | null;
  peerKind: SgPeerKind;
  /** CIDR, prefix list id (`pl-…`) or security group id (`sg-…`). */
  peer: string;
  /** For `security-group` peers: the owning account when given (cross-account references). */
  peerOwner?: string;
  /** Rule description. Attacker-controlled. */
  description?: string;
}

/** `aws.ec2.security-group` */
export interface SecurityGroupData {
  groupId: string;
  /** Attacker-controlled. */
  groupName: string;
  /** Attacker-controlled. */
  description: string;
  vpcId: string | null;
  /** The VPC's `default` group (cannot be deleted; CIS wants it empty). */
  isDefault: boolean;
  ownerId: string;
  ingress: SgPermission[];
  egress: SgPermission[];
}

/** One network ACL entry. */
export interface NaclEntry {
  /** Evaluation order, lowest first; 32767 is the implicit `*` deny. */
  ruleNumber: number;
  action: 'allow' | 'deny';
  /** true: outbound entry; false: inbound. */
  egress: boolean;
  /** IPv4 or IPv6 CIDR the entry matches (peer address). */
  cidr: string;
  /** true when `cidr` is an IPv6 block. */
  ipv6: boolean;
  /** Normalized as in {@link SgPermission.protocol}. */
  protocol: string;
  /** `null` when the entry covers every port (protocol `all`, or no port range given). */
  fromPort: number | null;
  toPort: number | null;
  icmpType: number | null;
  icmpCode: number | null;
}

/** `aws.ec2.network-acl` */
export interface NetworkAclData {
  networkAclId: string;
  vpcId: string | null;
  isDefault: boolean;
  /** Entries sorted by (egress, ruleNumber). */
  entries: NaclEntry[];
  /** Subnets explicitly or implicitly (default ACL) associated with this ACL. */
  subnetIds: string[];
}

/** Instance Metadata Service settings. */
export interface MetadataOptions {
  /** `required` = IMDSv2 only; `optional` = IMDSv1 allowed. `null` when the API did not say. */
  httpTokens: 'optional' | 'required' | null;
  /** `enabled` / `disabled`; `null` when the API did not say. */
  httpEndpoint: 'enabled' | 'disabled' | null;
  /** PUT response hop limit; `null` when the API did not say. */
  hopLimit: number | null;
}

/** One network interface of an instance: the unit traffic reaches (own subnet, own groups). */
export interface InstanceInterface {
  networkInterfaceId: string;
  subnetId: string | null;
  /** Public IPv4 (auto-assigned or Elastic IP); `null` when it has none. */
  publicIp: string | null;
  privateIp: string | null;
  ipv6Addresses: string[];
  securityGroupIds: string[];
}

/** `aws.ec2.instance` */
export interface InstanceData {
  instanceId: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down`, `terminated`. */
  state: string;
  instanceType: string | null;
  imageId: string | null;
  launchTime: string | null;
  /** Public IPv4 of the primary interface; `null` when it has none. */
  publicIpAddress: string | null;
  privateIpAddress: string | null;
  /** Every IPv6 address of every interface (IPv6 in a VPC is globally routable). */
  ipv6Addresses: string[];
  /** Union of the groups of every interface. */
  securityGroupIds: string[];
  subnetId: string | null;
  vpcId: string | null;
  /** `null` when DescribeInstances returned no MetadataOptions (unknown, not "IMDSv1"). */
  metadataOptions: MetadataOptions | null;
  /** `null` when no instance profile is attached. */
  iamInstanceProfileArn: string | null;
  networkInterfaces: InstanceInterface[];
}

/** `aws.ec2.vpc` */
export interface VpcData {
  vpcId: string;
  /** Associated IPv4 CIDR blocks (primary first). */
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  isDefault: boolean;
  state: string | null;
}

/** `aws.ec2.flow-log` */
export interface FlowLogData {
  flowLogId: string;
  /** VPC, subnet or network interface the flow log covers. */
  resourceId: string;
  /** `ACTIVE` when the flow log is in place. */
  status: string | null;
  /** `SUCCESS` or `FAILED` (e.g. the role cannot write to the destination). */
  deliverLogsStatus: string | null;
  /** `ACCEPT`, `REJECT` or `ALL`. */
  trafficType: string | null;
  /** `cloud-watch-logs`, `s3` or `kinesis-data-firehose`. */
  destinationType: string | null;
  /** ARN of the destination, or the CloudWatch Logs group name. */
  destination: string | null;
}

/** One CIDR of a managed prefix list. */
export interface PrefixListEntry {
  cidr: string;
  /** Attacker-controlled. */
  description?: string;
}

/**
 * `aws.ec2.prefix-list`: a managed prefix list that a security group rule of the region references
 * (`peerKind: 'prefix-list'`). Lists no rule references are not collected: nothing reads them.
 */
export interface PrefixListData {
  prefixListId: string;
  /** Attacker-controlled (customer-managed lists). */
  prefixListName: string | null;
  /** `AWS` for AWS-managed lists (S3, DynamoDB, CloudFront origin-facing …), else the owning account. */
  ownerId: string | null;
  /** `IPv4` or `IPv6`. */
  addressFamily: string | null;
  maxEntries: number | null;
  /** `create-complete`, `modify-complete`, … */
  state: string | null;
  /** Current entries (every page). `null` when they could not be read (coverage entry with the list's id). */
  entries: PrefixListEntry[] | null;
}

/** One route of a route table. */
export interface Route {
  /** IPv4 destination (`0.0.0.0/0`, `10.0.0.0/16` …); `null` for IPv6 and prefix-list routes. */
  destinationCidr: string | null;
  /** IPv6 destination (`::/0` …); `null` for IPv4 and prefix-list routes. */
  destinationIpv6Cidr: string | null;
  /**
   * Target when it is a gateway: `igw-…` (internet gateway, inbound and outbound), `eigw-…` (egress-only
   * internet gateway: outbound IPv6 only), `vgw-…`, `local`. `null` when the target is something else
   * (NAT gateway, instance, peering connection, transit gateway …).
   */
  gatewayId: string | null;
  /** `active`, or `blackhole` when the target is gone (traffic dropped). `null` when the API did not say. */
  state: string | null;
}

/** `aws.ec2.route-table` */
export interface RouteTableData {
  routeTableId: string;
  vpcId: string | null;
  /** The VPC's main table: it routes every subnet that has no explicit association. */
  isMain: boolean;
  /** Subnets explicitly associated with this table. */
  subnetIds: string[];
  routes: Route[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface Ec2DataByType {
  [EC2_SECURITY_GROUP]: SecurityGroupData;
  [EC2_NETWORK_ACL]: NetworkAclData;
  [EC2_INSTANCE]: InstanceData;
  [EC2_VPC]: VpcData;
  [EC2_FLOW_LOG]: FlowLogData;
  [EC2_PREFIX_LIST]: PrefixListData;
  [EC2_ROUTE_TABLE]: RouteTableData;
}

export const EC2_TYPES: TypeTable<Ec2DataByType> = {
  [EC2_SECURITY_GROUP]: { provider: 'aws', scope: 'regional', version: 1, description: 'VPC security groups and their rules' },
  [EC2_NETWORK_ACL]: { provider: 'aws', scope: 'regional', version: 1, description: 'Network ACLs and their entries' },
  [EC2_INSTANCE]: { provider: 'aws', scope: 'regional', version: 1, description: 'EC2 instances: interfaces, addresses, metadata options' },
  [EC2_VPC]: { provider: 'aws', scope: 'regional', version: 1, description: 'VPCs' },
  [EC2_FLOW_LOG]: { provider: 'aws', scope: 'regional', version: 1, description: 'VPC flow logs' },
  [EC2_PREFIX_LIST]: { provider: 'aws', scope: 'regional', version: 1, description: 'Managed prefix lists referenced by security groups' },
  [EC2_ROUTE_TABLE]: { provider: 'aws', scope: 'regional', version: 1, description: 'Route tables and their subnet associations' },
};
