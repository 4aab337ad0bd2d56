import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { TlsCertificate, TlsHostnameCheck } from '../../model/tls.js';

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * RFC 6125 §6.4.3 with the stricter RFC 9525 / CA-Browser-Forum reading: a wildcard is only the whole
 * left-most label (`*.example.com`), matches exactly one non-empty label, and needs at least two labels
 * after it (no `*.com`). Partial-label wildcards (`w*.example.com`) never match.
 */
export function dnsPatternMatches(pattern: string, name: string): boolean {
  const p = normalize(pattern);
  const n = normalize(name);
  if (!p || !n) return false;
  if (!p.includes('*')) return p === n;
  const pl = p.split('.');
  const nl = n.split('.');
  if (pl[0] !== '*' || pl.slice(1).some((l) => l.includes('*')) || pl.length < 3) return false;
  if (pl.length !== nl.length || nl[0] === '') return false;
  return pl.slice(1).every((l, i) => l === nl[i + 1]);
}

function sameIp(a: string, b: string): boolean {
  try {
    const x = ipaddr.process(a);
    const y = ipaddr.process(b);
    return x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
  } catch {
    return false;
  }
}

/**
 * Does the leaf certificate cover `name` (the SNI name, else the target host)?
 * IP addresses match iPAddress SANs only; DNS names match dNSName SANs, and the subject CN only
 * when the certificate has no dNSName at all (RFC 6125 §6.4.4).
 */
export function checkHostname(name: string, cert: Pick<TlsCertificate, 'dnsNames' | 'ipAddresses' | 'commonName'>): TlsHostnameCheck {
  if (isIP(name)) {
    const hit = cert.ipAddresses.find((ip) => sameIp(ip, name));
    return { name, matches: hit !== undefined, matchedBy: hit ? `IP:${hit}` : null };
  }
  const dns = cert.dnsNames.find((d) => dnsPatternMatches(d, name));
  if (dns) return { name, matches: true, matchedBy: `DNS:${dns}` };
  if (cert.dnsNames.length === 0 && cert.commonName && dnsPatternMatches(cert.commonName, name)) {
    return { name, matches: true, matchedBy: `CN:${cert.commonName}` };
  }
  return { name, matches: false, matchedBy: null };
}
