/**
 * AWS EC2 network logic shared by the network rules: security group openings to the internet (direct
 * CIDRs and the entries of referenced managed prefix lists), network ACL evaluation (rule-number order,
 * first match wins), the subnet's route to an internet gateway, instance exposure paths.
 */
import { defineDerivation } from '../../src/engine/derive.js';
import type { RuleResult, SnapshotIndex } from '../../src/engine/types.js';
import type {
  InstanceData,
  NaclEntry,
  NetworkAclData,
  PrefixListData,
  Route,
  RouteTableData,
  SecurityGroupData,
  SgPermission,
} from '../../src/model/aws/ec2.js';
import { EC2_NETWORK_ACL, EC2_PREFIX_LIST, EC2_ROUTE_TABLE, EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import type { Resource } from '../../src/model/types.js';
import { type PortHit, coversAllPorts, describeRule, isInternetCidr, matchPorts, parseCidr, rangeCovers } from './network.js';
import type { PortProtocol } from './ports.js';

export type IpFamily = 'ipv4' | 'ipv6';

/** An inbound permission whose source is the internet: its own CIDR, or an internet entry of its prefix list. */
export interface InternetIngress {
  perm: SgPermission;
  family: IpFamily;
  /** The internet CIDR: the permission's own, or the prefix-list entry that made it the internet. */
  cidr: string;
  /** Set when the permission's source is a managed prefix list (`pl-…`). */
  prefixList?: string;
}

/** The internet-facing inbound permissions of a group, and those whose prefix list could not be read. */
export interface IngressView {
  internet: InternetIngress[];
  /** Prefix-list permissions whose entries are unknown (list not collected or unreadable): maybe the internet. */
  unresolved: { perm: SgPermission; prefixList: string }[];
}

/**
 * The EC2 network of one snapshot, indexed once per evaluation by the derive stage ({@link AWS_NETWORK}):
 * prefix lists, the network ACL and route table of each subnet, and each group's internet-facing ingress
 * (memoized per group on this object, so nothing outlives the evaluation).
 */
export class AwsNetwork {
  private readonly prefixLists = new Map<string, Resource<PrefixListData>>();
  private readonly naclBySubnet = new Map<string, Resource<NetworkAclData>>();
  private readonly tableBySubnet = new Map<string, Resource<RouteTableData>>();
  private readonly mainTableByVpc = new Map<string, Resource<RouteTableData>>();
  private readonly views = new WeakMap<SecurityGroupData, IngressView>();

  constructor(readonly index: SnapshotIndex) {
    for (const pl of index.ofType(EC2_PREFIX_LIST)) this.prefixLists.set(`${pl.ref.account}|${pl.ref.region}|${pl.data.prefixListId}`, pl);
    for (const acl of index.ofType(EC2_NETWORK_ACL))
      for (const sn of acl.data.subnetIds) this.naclBySubnet.set(`${acl.ref.account}|${acl.ref.region}|${sn}`, acl);
    for (const t of index.ofType(EC2_ROUTE_TABLE)) {
      const scope = `${t.ref.account}|${t.ref.region}|`;
      for (const sn of t.data.subnetIds) this.tableBySubnet.set(scope + sn, t);
      if (t.data.isMain && t.data.vpcId) this.mainTableByVpc.set(scope + t.data.vpcId, t);
    }
  }

  /** The collected prefix list `id` of an account and region. */
  prefixList(account: string, region: string, id: string): Resource<PrefixListData> | undefined {
    return this.prefixLists.get(`${account}|${region}|${id}`);
  }

  /** The network ACL associated with a subnet. */
  naclForSubnet(subnetId: string, account: string, region: string): Resource<NetworkAclData> | undefined {
    return this.naclBySubnet.get(`${account}|${region}|${subnetId}`);
  }

  /** The route table of a subnet: the one explicitly associated with it, else the main table of its VPC; `undefined` when neither was collected. */
  routeTableForSubnet(subnetId: string, vpcId: string | null, account: string, region: string): Resource<RouteTableData> | undefined {
    const scope = `${account}|${region}|`;
    return this.tableBySubnet.get(scope + subnetId) ?? (vpcId ? this.mainTableByVpc.get(scope + vpcId) : undefined);
  }

  /** {@link internetIngress}, memoized per group for this evaluation. */
  ingress(sg: Resource<SecurityGroupData>): IngressView {
    let view = this.views.get(sg.data);
    if (!view) this.views.set(sg.data, (view = buildView(sg, this)));
    return view;
  }
}

/** Derived once per evaluation for the network rules (list it in a rule's `derives`). */
export const AWS_NETWORK = defineDerivation({
  id: 'aws-network',
  inputs: [EC2_PREFIX_LIST, EC2_NETWORK_ACL, EC2_ROUTE_TABLE, EC2_SECURITY_GROUP],
  compute: (index) => new AwsNetwork(index),
});

const familyOf = (cidr: string): IpFamily => (cidr.includes(':') ? 'ipv6' : 'ipv4');

/**
 * Inbound permissions of a group open to the internet (0.0.0.0/0, ::/0 or another very wide public range,
 * see `isInternetCidr`). A prefix-list source counts once per internet entry of the list; a list whose
 * entries are unknown is reported apart, so rules say `unknown` for it rather than pass.
 */
export function internetIngress(sg: Resource<SecurityGroupData>, net: AwsNetwork): IngressView {
  return net.ingress(sg);
}

function buildView(sg: Resource<SecurityGroupData>, net: AwsNetwork): IngressView {
  const view: IngressView = { internet: [], unresolved: [] };
  for (const perm of sg.data.ingress) {
    if (perm.peerKind === 'cidr4' || perm.peerKind === 'cidr6') {
      if (isInternetCidr(perm.peer)) view.internet.push({ perm, family: perm.peerKind === 'cidr4' ? 'ipv4' : 'ipv6', cidr: perm.peer });
    } else if (perm.peerKind === 'prefix-list') {
      const entries = net.prefixList(sg.ref.account, sg.ref.region, perm.peer)?.data.entries;
      if (!entries) view.unresolved.push({ perm, prefixList: perm.peer });
      else for (const e of entries) if (isInternetCidr(e.cidr)) view.internet.push({ perm, family: familyOf(e.cidr), cidr: e.cidr, prefixList: perm.peer });
    }
  }
  return view;
}

/** The permission as evidence, from its source: `0.0.0.0/0 tcp 22`, `pl-0abc (0.0.0.0/0) tcp 22`. */
export const describePermission = (p: SgPermission, source: string = p.peer): string =>
  describeRule(
    source,
    p.protocol,
    p.protocol === 'icmp' || p.protocol === 'icmpv6' ? (p.icmpType ?? -1) : p.fromPort,
    p.protocol === 'icmp' || p.protocol === 'icmpv6' ? (p.icmpCode ?? -1) : p.toPort,
  );

/** An internet-facing permission as evidence, naming the prefix list and its internet entry when it has one. */
export const describeIngress = (i: InternetIngress): string => describePermission(i.perm, i.prefixList ? `${i.prefixList} (${i.cidr})` : i.cidr);

/** One internet-sourced permission that lets a listed port through. */
export interface SgOpening {
  rule: string;
  port: number;
  protocol: PortProtocol;
  service: string;
  family: IpFamily;
  perm: SgPermission;
  prefixList?: string;
}

const hitsCache = new WeakMap<readonly number[], Map<string, PortHit[]>>();

/**
 * Ports of `ports` a permission lets through, memoized per (protocol, range) and port list: real accounts
 * (and the 100k benchmark) repeat the same few shapes (`tcp 22`, `all`) across thousands of groups.
 */
export function portHits(perm: SgPermission, ports: readonly number[]): PortHit[] {
  let byShape = hitsCache.get(ports);
  if (!byShape) hitsCache.set(ports, (byShape = new Map()));
  const key = `${perm.protocol}|${perm.fromPort}|${perm.toPort}`;
  let hits = byShape.get(key);
  if (!hits) byShape.set(key, (hits = matchPorts(perm.protocol, perm.fromPort, perm.toPort, ports)));
  return hits;
}

/**
 * Every (permission, port) pair of the group open to the internet on one of `ports` (ranges and `all`
 * count), and the prefix lists of unknown content on permissions that would let one of them through.
 */
export function sgPortOpenings(sg: Resource<SecurityGroupData>, net: AwsNetwork, ports: readonly number[]): { openings: SgOpening[]; unresolved: string[] } {
  const view = internetIngress(sg, net);
  const openings: SgOpening[] = [];
  for (const ing of view.internet) {
    const hits = portHits(ing.perm, ports);
    if (hits.length === 0) continue;
    const rule = describeIngress(ing);
    for (const h of hits)
      openings.push({
        rule,
        port: h.port,
        protocol: h.protocol,
        service: h.service,
        family: ing.family,
        perm: ing.perm,
        ...(ing.prefixList ? { prefixList: ing.prefixList } : {}),
      });
  }
  const unresolved = [...new Set(view.unresolved.filter((u) => portHits(u.perm, ports).length > 0).map((u) => u.prefixList))];
  return { openings, unresolved };
}

/** Evidence form of openings: the first one's fields at top level, the list (capped) under `openings`. */
export function openingsEvidence(list: SgOpening[], cap = 10): Record<string, unknown> {
  const [first] = list;
  return {
    ...(first ? { rule: first.rule, port: first.port, service: first.service } : {}),
    ...(first?.prefixList ? { prefixList: first.prefixList } : {}),
    openings: list.slice(0, cap).map((o) => ({ rule: o.rule, port: o.port, protocol: o.protocol, service: o.service })),
    ...(list.length > cap ? { more: list.length - cap } : {}),
  };
}

/** Message every security group rule uses when a prefix list it needs could not be read. */
export const PREFIX_LIST_UNKNOWN =
  'Security group {{name}}: cannot tell whether it is open to the internet, the entries of prefix list {{prefixLists}} were not read.';

/**
 * The whole verdict of an "internet → these ports" security group rule (admin ports, sensitive ports):
 * fail with the openings as evidence; unknown when only an unreadable prefix list could open them; pass.
 * Message ids: `open`, `prefixListUnknown`, `closed`.
 */
export function sgPortsVerdict(
  sg: Resource<SecurityGroupData>,
  net: AwsNetwork,
  ports: readonly number[],
): RuleResult<'open' | 'prefixListUnknown' | 'closed'> {
  const name = sg.ref.name ?? sg.data.groupId;
  const { openings, unresolved } = sgPortOpenings(sg, net, ports);
  const [first] = openings;
  if (first) {
    const more = openings.length > 1 ? ` (and ${openings.length - 1} more)` : '';
    return {
      status: 'fail',
      messageId: 'open',
      data: { name, service: first.service, port: first.port, rule: first.rule, more },
      evidence: openingsEvidence(openings),
    };
  }
  if (unresolved.length > 0)
    return { status: 'unknown', messageId: 'prefixListUnknown', data: { name, prefixLists: unresolved.join(', ') }, evidence: { prefixLists: unresolved } };
  return { status: 'pass', messageId: 'closed', data: { name } };
}

/** Internet-facing permissions that allow every protocol or every port, and unreadable lists on such permissions. */
export function sgAllPortsOpenings(sg: Resource<SecurityGroupData>, net: AwsNetwork): { rules: string[]; unresolved: string[] } {
  const view = internetIngress(sg, net);
  const all = (p: SgPermission) => coversAllPorts(p.protocol, p.fromPort, p.toPort);
  return {
    rules: view.internet.filter((i) => all(i.perm)).map(describeIngress),
    unresolved: [...new Set(view.unresolved.filter((u) => all(u.perm)).map((u) => u.prefixList))],
  };
}

// ---------------------------------------------------------------- network ACLs

/** `100 allow 0.0.0.0/0 tcp 22` */
export const describeNaclEntry = (e: NaclEntry): string =>
  `${e.ruleNumber} ${e.action} ${describeRule(e.cidr, e.protocol, e.protocol.startsWith('icmp') ? (e.icmpType ?? -1) : e.fromPort, e.protocol.startsWith('icmp') ? (e.icmpCode ?? -1) : e.toPort)}`;

const entryMatches = (e: NaclEntry, protocol: PortProtocol, port: number): boolean =>
  e.protocol === 'all' || (e.protocol === protocol && rangeCovers(e.fromPort, e.toPort, port));

/** `/0`: the whole IPv4 or IPv6 space. Reads the prefix from the string (hot path), validating through parseCidr otherwise. */
function isWholeSpace(cidr: string): boolean {
  const slash = cidr.lastIndexOf('/');
  const tail = slash >= 0 ? cidr.slice(slash + 1) : '';
  if (/^\d{1,3}$/.test(tail)) return Number(tail) === 0;
  return parseCidr(cidr).prefix === 0;
}

const sortedCache = new WeakMap<NaclEntry[], NaclEntry[]>();
/** Entries in evaluation order (the collector sorts them already; rules must not depend on it). */
function ordered(entries: NaclEntry[]): NaclEntry[] {
  let s = sortedCache.get(entries);
  if (!s) {
    s = [...entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
    sortedCache.set(entries, s);
  }
  return s;
}

/**
 * Does the ACL let `protocol`/`port` in from the internet? Inbound entries of the family are walked in
 * rule-number order and the first match decides: an allow whose CIDR is the internet opens the port; a
 * deny of the whole address space (`/0`) closes it; a deny of a narrower range leaves the rest of the
 * internet to later entries, and an allow of a narrow range is not "from anywhere". No match: implicit deny.
 */
type Verdict = { allowed: boolean; entry?: NaclEntry };
const verdictCache = new WeakMap<NetworkAclData, Map<number, Verdict>>();

export function naclIngress(acl: NetworkAclData, family: IpFamily, protocol: PortProtocol, port: number): { allowed: boolean; entry?: NaclEntry } {
  let cache = verdictCache.get(acl);
  if (!cache) verdictCache.set(acl, (cache = new Map()));
  const key = port * 4 + (family === 'ipv6' ? 2 : 0) + (protocol === 'udp' ? 1 : 0);
  let v = cache.get(key);
  if (!v) cache.set(key, (v = evaluateNacl(acl, family, protocol, port)));
  return v;
}

function evaluateNacl(acl: NetworkAclData, family: IpFamily, protocol: PortProtocol, port: number): { allowed: boolean; entry?: NaclEntry } {
  for (const e of ordered(acl.entries)) {
    if (e.egress || e.ipv6 !== (family === 'ipv6') || !entryMatches(e, protocol, port)) continue;
    if (e.action === 'deny') {
      if (isWholeSpace(e.cidr)) return { allowed: false, entry: e };
      continue;
    }
    if (isInternetCidr(e.cidr)) return { allowed: true, entry: e };
  }
  return { allowed: false };
}

/** First inbound entry letting every protocol and port in from the internet before a `/0` deny-all, if any. */
export function naclAllowsAllTraffic(acl: NetworkAclData, family: IpFamily): NaclEntry | undefined {
  for (const e of ordered(acl.entries)) {
    if (e.egress || e.ipv6 !== (family === 'ipv6')) continue;
    if (e.action === 'deny' && e.protocol === 'all' && isWholeSpace(e.cidr)) return undefined;
    if (e.action === 'allow' && e.protocol === 'all' && isInternetCidr(e.cidr)) return e;
  }
  return undefined;
}

// ---------------------------------------------------------------- instance exposure

// ---------------------------------------------------------------- route tables

/**
 * The route that brings internet traffic of `family` to the subnet: a route for the whole space (`0.0.0.0/0`
 * or `::/0`) to an internet gateway (`igw-…`) that is not a blackhole. Egress-only gateways (`eigw-…`), NAT
 * gateways and narrower routes do not let the internet in.
 */
export function internetRoute(table: RouteTableData, family: IpFamily): Route | undefined {
  return table.routes.find(
    (r) =>
      (family === 'ipv4' ? r.destinationCidr === '0.0.0.0/0' : r.destinationIpv6Cidr === '::/0') &&
      r.gatewayId?.startsWith('igw-') === true &&
      r.state !== 'blackhole',
  );
}

/** `rtb-0abc 0.0.0.0/0 → igw-0def` */
export const describeRoute = (table: RouteTableData, r: Route): string =>
  `${table.routeTableId} ${r.destinationCidr ?? r.destinationIpv6Cidr} → ${r.gatewayId}`;

/** One way in: public address → route to an internet gateway → security group rule → network ACL entry. */
export interface ExposurePath {
  address: string;
  networkInterfaceId: string;
  /** The subnet's route to the internet gateway, e.g. `rtb-0abc 0.0.0.0/0 → igw-0def`. */
  route: string;
  securityGroup: string;
  sgRule: string;
  networkAcl: string;
  naclEntry: string;
  port: number;
  protocol: PortProtocol;
  service: string;
}

export type ExposureResult = { kind: 'paths'; paths: ExposurePath[]; total: number } | { kind: 'no-public-address' } | { kind: 'missing'; what: string };

/** A path before it is turned into strings: most are counted, only the first few are shown. */
interface RawPath {
  address: string;
  route: string;
  eni: string;
  sgId: string;
  ingress: InternetIngress;
  hit: PortHit;
  acl: NetworkAclData;
  entry: NaclEntry;
  rank: number;
}

const rankCache = new WeakMap<readonly number[], Map<number, number>>();

/**
 * Every path from the internet to one of `ports` on the instance, per network interface. An address family
 * counts only when the subnet's route table (explicit association, else the VPC's main table) routes the
 * whole space to an internet gateway. Returns the `limit` most important paths (in `ports` order) as
 * evidence, and the total count; `missing` when a needed input is absent (route table, network ACL,
 * security group), including the entries of a prefix list that could open a port (no false pass).
 */
export function instanceExposure(instance: Resource<InstanceData>, net: AwsNetwork, ports: readonly number[], limit = 10): ExposureResult {
  const { account, region } = instance.ref;
  const d = instance.data;
  const enis = d.networkInterfaces.length
    ? d.networkInterfaces
    : [
        {
          networkInterfaceId: d.instanceId,
          subnetId: d.subnetId,
          publicIp: d.publicIpAddress,
          privateIp: d.privateIpAddress,
          ipv6Addresses: d.ipv6Addresses,
          securityGroupIds: d.securityGroupIds,
        },
      ];
  const raw: RawPath[] = [];
  const unresolved = new Set<string>();
  let anyPublic = false;
  let rankOf = rankCache.get(ports);
  if (!rankOf) rankCache.set(ports, (rankOf = new Map(ports.map((p, i) => [p, i]))));
  for (const eni of enis) {
    const v4 = eni.publicIp;
    const v6 = eni.ipv6Addresses[0];
    if (!v4 && !v6) continue;
    anyPublic = true;
    if (!eni.subnetId) return { kind: 'missing', what: `subnet of ${eni.networkInterfaceId}` };
    const table = net.routeTableForSubnet(eni.subnetId, d.vpcId, account, region);
    if (!table) return { kind: 'missing', what: `route table of subnet ${eni.subnetId}` };
    const route4 = v4 ? internetRoute(table.data, 'ipv4') : undefined;
    const route6 = v6 ? internetRoute(table.data, 'ipv6') : undefined;
    if (!route4 && !route6) continue; // public addresses, but the internet has no way into the subnet
    const routes: Record<IpFamily, string | undefined> = {
      ipv4: route4 && describeRoute(table.data, route4),
      ipv6: route6 && describeRoute(table.data, route6),
    };
    const acl = net.naclForSubnet(eni.subnetId, account, region);
    if (!acl) return { kind: 'missing', what: `network ACL of subnet ${eni.subnetId}` };
    for (const sgId of eni.securityGroupIds) {
      const sg = net.index.get(EC2_SECURITY_GROUP, sgId, account);
      if (!sg) return { kind: 'missing', what: `security group ${sgId}` };
      const view = internetIngress(sg, net);
      for (const ing of view.internet) {
        const address = ing.family === 'ipv4' ? v4 : v6;
        const route = routes[ing.family];
        if (!address || !route) continue;
        for (const hit of portHits(ing.perm, ports)) {
          const verdict = naclIngress(acl.data, ing.family, hit.protocol, hit.port);
          if (!verdict.allowed || !verdict.entry) continue;
          raw.push({
            address,
            route,
            eni: eni.networkInterfaceId,
            sgId,
            ingress: ing,
            hit,
            acl: acl.data,
            entry: verdict.entry,
            rank: rankOf.get(hit.port) ?? 0,
          });
        }
      }
      // A list of unknown content could open a port the network ACL lets through, on either address family.
      for (const u of view.unresolved) {
        const families: [IpFamily, string | null | undefined][] = [
          ['ipv4', route4 && v4],
          ['ipv6', route6 && v6],
        ];
        const open = portHits(u.perm, ports).some((hit) =>
          families.some(([f, address]) => address && naclIngress(acl.data, f, hit.protocol, hit.port).allowed),
        );
        if (open) unresolved.add(u.prefixList);
      }
    }
  }
  if (!anyPublic) return { kind: 'no-public-address' };
  if (raw.length === 0 && unresolved.size > 0) return { kind: 'missing', what: `entries of prefix list ${[...unresolved].join(', ')}` };
  raw.sort((a, b) => a.rank - b.rank);
  const paths = raw.slice(0, limit).map((r) => ({
    address: r.address,
    networkInterfaceId: r.eni,
    route: r.route,
    securityGroup: r.sgId,
    sgRule: describeIngress(r.ingress),
    networkAcl: r.acl.networkAclId,
    naclEntry: describeNaclEntry(r.entry),
    port: r.hit.port,
    protocol: r.hit.protocol,
    service: r.hit.service,
  }));
  return { kind: 'paths', paths, total: raw.length };
}
