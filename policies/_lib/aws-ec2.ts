/**
 * AWS EC2 network logic shared by the network rules: security group openings to the internet,
 * network ACL evaluation (rule-number order, first match wins), instance exposure paths.
 */
import type { InstanceData, NaclEntry, NetworkAclData, SecurityGroupData, SgPermission } from '../../src/model/aws/ec2.js';
import { EC2_NETWORK_ACL, EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import type { Resource } from '../../src/model/types.js';
import type { SnapshotIndex } from '../../src/engine/types.js';
import { type PortHit, describeRule, isInternetCidr, matchPorts, parseCidr, rangeCovers } from './network.js';
import type { PortProtocol } from './ports.js';

export type IpFamily = 'ipv4' | 'ipv6';

/** An ingress permission of a group whose peer is the internet (IPv4 or IPv6 CIDR). Prefix lists are not resolved. */
export function internetIngress(sg: SecurityGroupData): { perm: SgPermission; family: IpFamily }[] {
  const out: { perm: SgPermission; family: IpFamily }[] = [];
  for (const perm of sg.ingress) {
    if (perm.peerKind !== 'cidr4' && perm.peerKind !== 'cidr6') continue;
    if (isInternetCidr(perm.peer)) out.push({ perm, family: perm.peerKind === 'cidr4' ? 'ipv4' : 'ipv6' });
  }
  return out;
}

/** `0.0.0.0/0 tcp 22` */
export const describePermission = (p: SgPermission): string =>
  describeRule(p.peer, p.protocol, p.protocol === 'icmp' || p.protocol === 'icmpv6' ? (p.icmpType ?? -1) : p.fromPort, p.protocol === 'icmp' || p.protocol === 'icmpv6' ? (p.icmpCode ?? -1) : p.toPort);

/** One internet-sourced permission that lets a listed port through. */
export interface SgOpening {
  rule: string;
  port: number;
  protocol: PortProtocol;
  service: string;
  family: IpFamily;
  perm: SgPermission;
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

const ingressCache = new WeakMap<SecurityGroupData, { perm: SgPermission; family: IpFamily }[]>();
const internetIngressMemo = (sg: SecurityGroupData) => {
  let v = ingressCache.get(sg);
  if (!v) ingressCache.set(sg, (v = internetIngress(sg)));
  return v;
};

/** Every (permission, port) pair of the group open to the internet on one of `ports` (ranges and `all` count). */
export function sgPortOpenings(sg: SecurityGroupData, ports: readonly number[]): SgOpening[] {
  const out: SgOpening[] = [];
  for (const { perm, family } of internetIngressMemo(sg)) {
    const hits = portHits(perm, ports);
    if (hits.length === 0) continue;
    const rule = describePermission(perm);
    for (const h of hits) out.push({ rule, port: h.port, protocol: h.protocol, service: h.service, family, perm });
  }
  return out;
}

/** Evidence form of openings: the first one's fields at top level, the list (capped) under `openings`. */
export function openingsEvidence(list: SgOpening[], cap = 10): Record<string, unknown> {
  const first = list[0];
  return {
    rule: first.rule,
    port: first.port,
    service: first.service,
    openings: list.slice(0, cap).map((o) => ({ rule: o.rule, port: o.port, protocol: o.protocol, service: o.service })),
    ...(list.length > cap ? { more: list.length - cap } : {}),
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

const naclBySubnet = new WeakMap<SnapshotIndex, Map<string, Resource<NetworkAclData>>>();

/** The network ACL associated with a subnet (indexed once per evaluation). */
export function naclForSubnet(index: SnapshotIndex, subnetId: string, account: string, region: string): Resource<NetworkAclData> | undefined {
  let map = naclBySubnet.get(index);
  if (!map) {
    map = new Map();
    for (const acl of index.ofType<NetworkAclData>(EC2_NETWORK_ACL)) {
      for (const s of acl.data.subnetIds) map.set(`${acl.ref.account}|${acl.ref.region}|${s}`, acl);
    }
    naclBySubnet.set(index, map);
  }
  return map.get(`${account}|${region}|${subnetId}`);
}

/** One way in: public address → security group rule → network ACL entry. */
export interface ExposurePath {
  address: string;
  networkInterfaceId: string;
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
  eni: string;
  sgId: string;
  perm: SgPermission;
  hit: PortHit;
  acl: NetworkAclData;
  entry: NaclEntry;
  rank: number;
}

const rankCache = new WeakMap<readonly number[], Map<number, number>>();

/**
 * Every path from the internet to one of `ports` on the instance, per network interface. Returns the
 * `limit` most important paths (in `ports` order) as evidence, and the total count.
 */
export function instanceExposure(instance: Resource<InstanceData>, index: SnapshotIndex, ports: readonly number[], limit = 10): ExposureResult {
  const { account, region } = instance.ref;
  const d = instance.data;
  const enis = d.networkInterfaces.length
    ? d.networkInterfaces
    : [{ networkInterfaceId: d.instanceId, subnetId: d.subnetId, publicIp: d.publicIpAddress, privateIp: d.privateIpAddress, ipv6Addresses: d.ipv6Addresses, securityGroupIds: d.securityGroupIds }];
  const raw: RawPath[] = [];
  let anyPublic = false;
  let rankOf = rankCache.get(ports);
  if (!rankOf) rankCache.set(ports, (rankOf = new Map(ports.map((p, i) => [p, i]))));
  for (const eni of enis) {
    const v4 = eni.publicIp;
    const v6 = eni.ipv6Addresses[0];
    if (!v4 && !v6) continue;
    anyPublic = true;
    if (!eni.subnetId) return { kind: 'missing', what: `subnet of ${eni.networkInterfaceId}` };
    const acl = naclForSubnet(index, eni.subnetId, account, region);
    if (!acl) return { kind: 'missing', what: `network ACL of subnet ${eni.subnetId}` };
    for (const sgId of eni.securityGroupIds) {
      const sg = index.get<SecurityGroupData>(EC2_SECURITY_GROUP, sgId, account);
      if (!sg) return { kind: 'missing', what: `security group ${sgId}` };
      for (const { perm, family } of internetIngressMemo(sg.data)) {
        const address = family === 'ipv4' ? v4 : v6;
        if (!address) continue;
        for (const hit of portHits(perm, ports)) {
          const verdict = naclIngress(acl.data, family, hit.protocol, hit.port);
          if (!verdict.allowed || !verdict.entry) continue;
          raw.push({ address, eni: eni.networkInterfaceId, sgId, perm, hit, acl: acl.data, entry: verdict.entry, rank: rankOf.get(hit.port) ?? 0 });
        }
      }
    }
  }
  if (!anyPublic) return { kind: 'no-public-address' };
  raw.sort((a, b) => a.rank - b.rank);
  const paths = raw.slice(0, limit).map((r) => ({
    address: r.address,
    networkInterfaceId: r.eni,
    securityGroup: r.sgId,
    sgRule: describePermission(r.perm),
    networkAcl: r.acl.networkAclId,
    naclEntry: describeNaclEntry(r.entry),
    port: r.hit.port,
    protocol: r.hit.protocol,
    service: r.hit.service,
  }));
  return { kind: 'paths', paths, total: raw.length };
}
