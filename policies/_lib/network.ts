/**
 * Network helpers shared by the AWS (security groups, NACLs) and GCP (firewall) rules:
 * "is this source the internet", "does this port range cover that port", protocol matching.
 * Pure functions over plain strings and numbers.
 */
import ipaddr from 'ipaddr.js';
import { ADMIN_PORTS, type PortCategory, type PortProtocol, portInfo } from './ports.js';

// ---------------------------------------------------------------- protocols

/** IANA numbers the clouds use in place of names (AWS accepts both; GCP firewall too). */
const PROTOCOL_NUMBERS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

/**
 * Normalizes a protocol: `-1`, `all` (any case) → `all`; `6`/`17`/`1`/`58` → `tcp`/`udp`/`icmp`/`icmpv6`;
 * `icmpv6`/`ipv6-icmp` → `icmpv6`; other names lower-cased; other numbers kept as strings.
 */
export function normalizeProtocol(protocol: string | number): string {
  const p = String(protocol).trim().toLowerCase();
  if (p === '-1' || p === 'all') return 'all';
  if (p === 'ipv6-icmp') return 'icmpv6';
  return PROTOCOL_NUMBERS[p] ?? p;
}

/** Does traffic of `ruleProtocol` (normalized or not) include `wanted` (`tcp`/`udp`)? `all` includes everything. */
export function protocolMatches(ruleProtocol: string | number, wanted: PortProtocol): boolean {
  const p = normalizeProtocol(ruleProtocol);
  return p === 'all' || p === wanted;
}

// ---------------------------------------------------------------- ports

/** Highest port number. */
export const MAX_PORT = 65535;

/**
 * Does the range `from`–`to` include `port`? `null` bounds mean "every port" (AWS protocol -1,
 * a GCP allow entry without `ports`). A range 20–30 covers 22; 0–65535 covers everything.
 */
export function rangeCovers(from: number | null | undefined, to: number | null | undefined, port: number): boolean {
  const lo = from ?? 0;
  const hi = to ?? MAX_PORT;
  return lo <= port && port <= hi;
}

/**
 * Parses a port spec as GCP writes them (`"22"`, `"1000-2000"`). Throws on anything else, so a rule
 * never silently treats an unreadable spec as "closed".
 */
export function parsePortRange(spec: string): { from: number; to: number } {
  const m = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(spec);
  if (!m) throw new Error(`invalid port range "${spec}" (expected "22" or "1000-2000")`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > MAX_PORT || to > MAX_PORT || from > to) throw new Error(`invalid port range "${spec}"`);
  return { from, to };
}

/**
 * True when a rule lets every port through: protocol `all` (AWS `-1`), or tcp/udp with no port
 * bounds or a range from 0 or 1 up to 65535 (port 0 is not usable, so 1–65535 is "all" too).
 */
export function coversAllPorts(protocol: string | number, from: number | null | undefined, to: number | null | undefined): boolean {
  const p = normalizeProtocol(protocol);
  if (p === 'all') return true;
  if (p !== 'tcp' && p !== 'udp') return false;
  return (from ?? 0) <= 1 && (to ?? MAX_PORT) >= MAX_PORT;
}

/** One catalogued (or user-listed) port that a rule lets through. */
export interface PortHit {
  port: number;
  /** The protocol of the service that is exposed (the rule itself may say `all`). */
  protocol: PortProtocol;
  service: string;
  category: PortCategory;
}

/**
 * Which of `ports` a rule (protocol + range) lets through. A port counts on the protocols its
 * service uses (catalogue), so `udp 22` does not expose SSH; ports unknown to the catalogue count
 * on tcp and udp. ICMP and other protocols never expose a port.
 */
export function matchPorts(protocol: string | number, from: number | null | undefined, to: number | null | undefined, ports: readonly number[]): PortHit[] {
  const p = normalizeProtocol(protocol);
  if (p !== 'all' && p !== 'tcp' && p !== 'udp') return [];
  const hits: PortHit[] = [];
  for (const port of ports) {
    const info = portInfo(port);
    if (p !== 'all' && !rangeCovers(from, to, port)) continue;
    const proto = p === 'all' ? info.protocols[0] : (p as PortProtocol);
    if (proto === undefined || !info.protocols.includes(proto)) continue;
    hits.push({ port, protocol: proto, service: info.service, category: info.category });
  }
  return hits;
}

/**
 * GCP form: `ports` is the allow entry's list of specs (`["22", "8000-9000"]`); absent or empty
 * means every port of the protocol. Hits come in `wanted` order (most important first).
 */
export function matchPortSpecs(protocol: string | number, ports: readonly string[] | null | undefined, wanted: readonly number[]): PortHit[] {
  const all = matchPorts(protocol, null, null, wanted); // in `wanted` (priority) order
  if (!ports || ports.length === 0) return all;
  const ranges = ports.map(parsePortRange);
  return all.filter((h) => ranges.some((r) => rangeCovers(r.from, r.to, h.port)));
}

/** GCP form of {@link coversAllPorts}. */
export function portSpecsCoverAll(protocol: string | number, ports: readonly string[] | null | undefined): boolean {
  if (!ports || ports.length === 0) return coversAllPorts(protocol, null, null);
  return ports.some((s) => {
    const { from, to } = parsePortRange(s);
    return coversAllPorts(protocol, from, to);
  });
}

/** `0.0.0.0/0 tcp 22`, `::/0 tcp 1000-4000`, `0.0.0.0/0 all`, `0.0.0.0/0 icmp 8/0` for evidence. */
export function describeRule(source: string, protocol: string | number, from: number | null | undefined, to: number | null | undefined): string {
  const p = normalizeProtocol(protocol);
  if (p === 'all') return `${source} all`;
  if (p === 'icmp' || p === 'icmpv6') return from == null || from === -1 ? `${source} ${p}` : `${source} ${p} ${from}/${to ?? -1}`;
  if (from == null && to == null) return `${source} ${p} all ports`;
  return from === to ? `${source} ${p} ${from}` : `${source} ${p} ${from ?? 0}-${to ?? MAX_PORT}`;
}

// ---------------------------------------------------------------- addresses

/**
 * What counts as "the internet":
 * - `0.0.0.0/0` and `::/0` always;
 * - also any very wide range: IPv4 prefix ≤ /8 (≥ 16.7 M addresses) or IPv6 prefix ≤ /16, unless it lies
 *   entirely inside private or non-routable space (10/8, 127/8, 0/8, 224/4, 240/4, fc00::/7, fe80::/10,
 *   ff00::/8 …). This catches the classic evasions `0.0.0.0/1` + `128.0.0.0/1` and `2000::/3`
 *   (all global IPv6 unicast) while a VPC's own `10.0.0.0/8` stays internal.
 * Single addresses without a prefix are accepted (/32, /128). Tunable through {@link InternetOptions}.
 */
export interface InternetOptions {
  /** IPv4 ranges with a prefix length at or below this count as the internet (default 8; 0 = only /0). */
  maxIpv4Prefix?: number;
  /** IPv6 ranges with a prefix length at or below this count as the internet (default 16; 0 = only /0). */
  maxIpv6Prefix?: number;
}

export const DEFAULT_INTERNET_OPTIONS: Required<InternetOptions> = { maxIpv4Prefix: 8, maxIpv6Prefix: 16 };

const NON_PUBLIC_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
].map((c) => ipaddr.IPv4.parseCIDR(c));
const NON_PUBLIC_V6 = ['::/128', '::1/128', 'fc00::/7', 'fe80::/10', 'ff00::/8'].map((c) => ipaddr.IPv6.parseCIDR(c));

/** Parses `a.b.c.d/n`, `x::/n` or a bare address. Throws a clear error on anything else. */
export function parseCidr(cidr: string): { kind: 'ipv4' | 'ipv6'; address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number } {
  const s = cidr.trim();
  try {
    if (s.includes('/')) {
      const [address, prefix] = ipaddr.parseCIDR(s);
      return { kind: address.kind(), address, prefix };
    }
    const address = ipaddr.parse(s);
    return { kind: address.kind(), address, prefix: address.kind() === 'ipv4' ? 32 : 128 };
  } catch {
    throw new Error(`invalid CIDR "${cidr}" (expected e.g. 0.0.0.0/0, 10.0.0.0/8 or ::/0)`);
  }
}

/** True when the range lies entirely inside private / non-routable space. */
export function isNonPublicCidr(cidr: string): boolean {
  const { kind, address, prefix } = parseCidr(cidr);
  const list = kind === 'ipv4' ? NON_PUBLIC_V4 : NON_PUBLIC_V6;
  return list.some(([net, bits]) => bits <= prefix && address.match(net as never, bits));
}

const cache = new Map<string, boolean>();

/** Is this CIDR "the internet" (see {@link InternetOptions} for what counts)? */
export function isInternetCidr(cidr: string, options: InternetOptions = {}): boolean {
  if (cidr === '0.0.0.0/0' || cidr === '::/0') return true;
  const v4 = options.maxIpv4Prefix ?? DEFAULT_INTERNET_OPTIONS.maxIpv4Prefix;
  const v6 = options.maxIpv6Prefix ?? DEFAULT_INTERNET_OPTIONS.maxIpv6Prefix;
  const key = `${cidr}|${v4}|${v6}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const { kind, prefix } = parseCidr(cidr);
  const result = prefix === 0 || (prefix <= (kind === 'ipv4' ? v4 : v6) && !isNonPublicCidr(cidr));
  if (cache.size > 10000) cache.clear();
  cache.set(key, result);
  return result;
}

/** The sources in a list that count as the internet (GCP `sourceRanges`, NACL / SG CIDRs). */
export function internetSources(cidrs: readonly string[] | null | undefined, options: InternetOptions = {}): string[] {
  return (cidrs ?? []).filter((c) => isInternetCidr(c, options));
}

/** Does `cidr` contain `address` (both IPv4 or both IPv6)? */
export function cidrContains(cidr: string, address: string): boolean {
  const { address: net, prefix, kind } = parseCidr(cidr);
  let a = ipaddr.parse(address);
  if (kind === 'ipv4' && a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
  if (a.kind() !== kind) return false;
  return a.match(net as never, prefix);
}

/** Admin ports by default: re-exported for convenience. */
export { ADMIN_PORTS };
