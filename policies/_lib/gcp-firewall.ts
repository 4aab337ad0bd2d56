/**
 * GCP VPC firewall helpers for the `gcp-firewall-*` rules, on top of the shared port catalogue and
 * CIDR helpers (ports.ts, network.ts).
 *
 * Only `allowed` entries of enabled INGRESS rules are read. Higher-priority deny rules are not
 * subtracted: a rule that a deny rule shadows is still reported (an over-report, never a false pass).
 */
import type { RuleResult } from '../../src/engine/types.js';
import type { GcpFirewall } from '../../src/model/gcp.js';
import type { Resource } from '../../src/model/types.js';
import { internetSources, matchPortSpecs, normalizeProtocol, portSpecsCoverAll } from './network.js';

/** Ingress rules that are enforced; everything else is not applicable to "open from the internet" rules. */
export function isEnforcedIngress(fw: GcpFirewall): boolean {
  return fw.direction === 'INGRESS' && !fw.disabled;
}

/**
 * Internet sources of an ingress rule. An ingress rule with no source at all (no ranges, tags or
 * service accounts) matches every source: Google documents 0.0.0.0/0 as the default source range.
 */
export function worldSources(fw: GcpFirewall): string[] {
  if (fw.sourceRanges.length === 0 && fw.sourceTags.length === 0 && fw.sourceServiceAccounts.length === 0) return ['0.0.0.0/0'];
  return internetSources(fw.sourceRanges);
}

export interface FirewallOpening {
  /** `0.0.0.0/0 tcp 22 (SSH)`. */
  rule: string;
  port?: number;
  service?: string;
}

/** Catalogued ports of `wanted` that the rule lets in from the internet. */
export function firewallPortOpenings(fw: GcpFirewall, wanted: readonly number[]): FirewallOpening[] {
  const sources = worldSources(fw);
  if (sources.length === 0) return [];
  const out: FirewallOpening[] = [];
  for (const entry of fw.allowed) {
    for (const hit of matchPortSpecs(entry.protocol, entry.ports, wanted)) {
      out.push({ rule: `${sources.join(', ')} ${hit.protocol} ${hit.port} (${hit.service})`, port: hit.port, service: hit.service });
    }
  }
  return out;
}

/** Allowed entries that let every port (or every protocol) in from the internet. */
export function firewallAllPortOpenings(fw: GcpFirewall): FirewallOpening[] {
  const sources = worldSources(fw);
  if (sources.length === 0) return [];
  return fw.allowed
    .filter((e) => portSpecsCoverAll(e.protocol, e.ports))
    .map((e) => {
      const p = normalizeProtocol(e.protocol);
      return { rule: `${sources.join(', ')} ${p === 'all' ? 'all protocols' : `${p} ${e.ports.length ? e.ports.join(',') : 'all ports'}`}` };
    });
}

/** Evidence common to the firewall rules. */
export function firewallEvidence(fw: GcpFirewall, openings: FirewallOpening[]): Record<string, unknown> {
  return {
    openings: openings.map((o) => o.rule),
    network: fw.network,
    priority: fw.priority,
    targets:
      fw.targetTags.length || fw.targetServiceAccounts.length
        ? [...fw.targetTags.map((t) => `tag:${t}`), ...fw.targetServiceAccounts.map((s) => `serviceAccount:${s}`)]
        : 'all instances in the network',
  };
}

/**
 * The evaluation shared by the `gcp-firewall-open-*` rules (message ids `notIngress`, `closed`, `open`):
 * not applicable unless an enforced ingress rule; fail naming the first opening `openingsOf` finds.
 */
export function evaluateFirewallOpenings(
  fw: Resource<GcpFirewall>,
  openingsOf: (fw: GcpFirewall) => FirewallOpening[],
): RuleResult<'notIngress' | 'closed' | 'open'> {
  const name = fw.ref.name ?? fw.data.name;
  if (!isEnforcedIngress(fw.data)) return { status: 'not_applicable', messageId: 'notIngress', data: { name } };
  const openings = openingsOf(fw.data);
  const [first] = openings;
  if (!first) return { status: 'pass', messageId: 'closed', data: { name } };
  const more = openings.length > 1 ? ` (and ${openings.length - 1} more)` : '';
  return {
    status: 'fail',
    messageId: 'open',
    data: { name, service: first.service, port: first.port, rule: first.rule, more },
    evidence: firewallEvidence(fw.data, openings),
  };
}
