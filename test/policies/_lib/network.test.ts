import { describe, expect, it } from '@jest/globals';
import {
  cidrContains,
  coversAllPorts,
  describeRule,
  internetSources,
  isInternetCidr,
  matchPortSpecs,
  matchPorts,
  normalizeProtocol,
  parseCidr,
  parsePortRange,
  portSpecsCoverAll,
  protocolMatches,
  rangeCovers,
} from '../../../policies/_lib/network.js';
import { ADMIN_PORTS, PORT_CATALOGUE, SENSITIVE_PORTS, portInfo, serviceName } from '../../../policies/_lib/ports.js';

describe('ports catalogue', () => {
  it('lists each port once, admin and sensitive lists are disjoint', () => {
    const ports = PORT_CATALOGUE.map((e) => e.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ADMIN_PORTS.filter((p) => SENSITIVE_PORTS.includes(p))).toEqual([]);
  });

  it('covers the Prowler sensitive ports and the admin ports of the rule ids', () => {
    const prowler = [
      20, 21, 22, 23, 3389, 3306, 5432, 1433, 1434, 1521, 2483, 27017, 27018, 6379, 11211, 9092, 7199, 9160, 8888, 9200, 9300, 5601, 139, 445, 88, 464, 749,
      750, 389, 636,
    ];
    for (const p of prowler) expect([...ADMIN_PORTS, ...SENSITIVE_PORTS]).toContain(p);
    expect(ADMIN_PORTS).toEqual(expect.arrayContaining([22, 3389, 23, 21, 5900, 5985, 5986]));
    expect(ADMIN_PORTS[0]).toBe(22);
  });

  it('keeps HTTP/HTTPS catalogued but off by default', () => {
    expect(serviceName(443)).toBe('HTTPS');
    expect(SENSITIVE_PORTS).not.toContain(443);
    expect(SENSITIVE_PORTS).not.toContain(80);
  });

  it('gives unknown ports a generic tcp+udp entry', () => {
    expect(portInfo(12345)).toEqual({ port: 12345, service: 'port 12345', category: 'other', protocols: ['tcp', 'udp'] });
  });
});

describe('isInternetCidr', () => {
  it.each([
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['0.0.0.0/1', true],
    ['128.0.0.0/1', true],
    ['2000::/3', true],
    ['8.0.0.0/8', true],
    ['10.0.0.0/8', false],
    ['0.0.0.0/8', false],
    ['224.0.0.0/4', false],
    ['fc00::/7', false],
    ['fe80::/10', false],
    ['11.0.0.0/9', false],
    ['203.0.113.0/24', false],
    ['1.2.3.4', false],
    ['2600:1f18::/32', false],
  ])('%s → %s', (cidr, expected) => expect(isInternetCidr(cidr)).toBe(expected));

  it('can be narrowed to /0 only', () => {
    expect(isInternetCidr('0.0.0.0/1', { maxIpv4Prefix: 0 })).toBe(false);
    expect(isInternetCidr('2000::/3', { maxIpv6Prefix: 0 })).toBe(false);
    expect(isInternetCidr('0.0.0.0/0', { maxIpv4Prefix: 0 })).toBe(true);
  });

  it('rejects what is not a CIDR with a clear error', () => {
    expect(() => isInternetCidr('0.0.0.0/33')).toThrow(/invalid CIDR "0.0.0.0\/33"/);
    expect(() => parseCidr('any')).toThrow(/invalid CIDR/);
  });

  it('filters source lists', () => {
    expect(internetSources(['10.0.0.0/8', '0.0.0.0/0', '::/0'])).toEqual(['0.0.0.0/0', '::/0']);
    expect(internetSources(undefined)).toEqual([]);
  });

  it('cidrContains works per family', () => {
    expect(cidrContains('10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '11.1.2.3')).toBe(false);
    expect(cidrContains('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(cidrContains('2600::/16', '10.1.2.3')).toBe(false);
  });
});

describe('ports and protocols', () => {
  it('normalizes protocols', () => {
    expect(['-1', 'ALL', '6', '17', '1', '58', 'ipv6-icmp', 'tcp', '50'].map(normalizeProtocol)).toEqual([
      'all',
      'all',
      'tcp',
      'udp',
      'icmp',
      'icmpv6',
      'icmpv6',
      'tcp',
      '50',
    ]);
    expect(protocolMatches('-1', 'udp')).toBe(true);
    expect(protocolMatches('6', 'tcp')).toBe(true);
    expect(protocolMatches('udp', 'tcp')).toBe(false);
  });

  it('rangeCovers: 20-30 covers 22, null bounds cover everything', () => {
    expect(rangeCovers(20, 30, 22)).toBe(true);
    expect(rangeCovers(23, 30, 22)).toBe(false);
    expect(rangeCovers(22, 22, 22)).toBe(true);
    expect(rangeCovers(null, null, 65535)).toBe(true);
    expect(rangeCovers(0, 65535, 3389)).toBe(true);
  });

  it('parsePortRange reads GCP specs and refuses the rest', () => {
    expect(parsePortRange('22')).toEqual({ from: 22, to: 22 });
    expect(parsePortRange('1000-2000')).toEqual({ from: 1000, to: 2000 });
    expect(() => parsePortRange('2000-1000')).toThrow(/invalid port range/);
    expect(() => parsePortRange('ssh')).toThrow(/invalid port range "ssh"/);
    expect(() => parsePortRange('70000')).toThrow(/invalid port range/);
  });

  it('coversAllPorts: -1, or tcp/udp 0|1-65535', () => {
    expect(coversAllPorts('-1', null, null)).toBe(true);
    expect(coversAllPorts('tcp', 0, 65535)).toBe(true);
    expect(coversAllPorts('udp', 1, 65535)).toBe(true);
    expect(coversAllPorts('tcp', 2, 65535)).toBe(false);
    expect(coversAllPorts('icmp', null, null)).toBe(false);
    expect(portSpecsCoverAll('tcp', undefined)).toBe(true);
    expect(portSpecsCoverAll('tcp', ['0-65535'])).toBe(true);
    expect(portSpecsCoverAll('tcp', ['22', '80-90'])).toBe(false);
  });

  it('matchPorts respects the protocol of each service', () => {
    expect(matchPorts('tcp', 20, 30, [22, 3389]).map((h) => h.service)).toEqual(['SSH']);
    expect(matchPorts('udp', 0, 65535, [22, 3389, 161])).toEqual([
      { port: 3389, protocol: 'udp', service: 'RDP', category: 'admin' },
      { port: 161, protocol: 'udp', service: 'SNMP', category: 'network' },
    ]);
    expect(matchPorts('all', null, null, [22, 161]).map((h) => `${h.protocol} ${h.port}`)).toEqual(['tcp 22', 'udp 161']);
    expect(matchPorts('icmp', null, null, [22])).toEqual([]);
    expect(matchPorts('50', null, null, [22])).toEqual([]);
  });

  it('matchPortSpecs is the GCP form (no ports = all ports)', () => {
    expect(matchPortSpecs('tcp', ['20-25', '3389'], ADMIN_PORTS).map((h) => h.port)).toEqual([22, 3389, 23, 21, 20]);
    expect(matchPortSpecs('tcp', undefined, [22, 5432]).map((h) => h.port)).toEqual([22, 5432]);
    expect(matchPortSpecs('all', [], [6379]).map((h) => h.service)).toEqual(['Redis']);
  });

  it('describeRule renders evidence strings', () => {
    expect(describeRule('0.0.0.0/0', '6', 22, 22)).toBe('0.0.0.0/0 tcp 22');
    expect(describeRule('::/0', 'tcp', 1000, 4000)).toBe('::/0 tcp 1000-4000');
    expect(describeRule('0.0.0.0/0', '-1', null, null)).toBe('0.0.0.0/0 all');
    expect(describeRule('0.0.0.0/0', 'icmp', 8, -1)).toBe('0.0.0.0/0 icmp 8/-1');
    expect(describeRule('0.0.0.0/0', 'udp', null, null)).toBe('0.0.0.0/0 udp all ports');
  });
});
