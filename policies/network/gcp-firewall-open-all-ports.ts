import { defineRule } from '../../src/api/rule.js';
import { GCP_FIREWALL } from '../../src/model/gcp.js';
import { evaluateFirewallOpenings, firewallAllPortOpenings } from '../_lib/gcp-firewall.js';

export default defineRule({
  id: 'gcp-firewall-open-all-ports',
  title: 'VPC firewall rule allows all ports or all protocols from the internet',
  severity: 'critical',
  resourceTypes: [GCP_FIREWALL],
  description:
    'Flags enabled INGRESS VPC firewall rules that allow protocol `all`, or tcp/udp without a port list or with a range covering every port (0/1-65535), from 0.0.0.0/0 or ::/0 (or another very wide public range).',
  risk: 'Every service on every targeted VM, including ones started later or by accident (debug servers, databases, admin consoles), is reachable from the internet; the firewall no longer filters anything.',
  remediation: [
    'Replace the rule with rules for the ports the workload serves, from the sources that need them.',
    '',
    '- Console: VPC network → Firewall → the rule → Edit → Protocols and ports → Specified protocols and ports.',
    '- CLI: `gcloud compute firewall-rules update RULE --allow=tcp:443` (or delete the rule).',
    '- Terraform: list explicit `ports` in the `allow` block and narrow `source_ranges`.',
  ].join('\n'),
  references: ['https://cloud.google.com/firewall/docs/firewalls', 'https://cloud.google.com/compute/docs/reference/rest/v1/firewalls'],
  messages: {
    open: 'Firewall rule {{name}} allows all traffic from the internet through `{{rule}}`{{more}}.',
    closed: 'Firewall rule {{name}} does not allow all ports from the internet.',
    notIngress: 'Firewall rule {{name}} is disabled or an egress rule.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(fw) {
    return evaluateFirewallOpenings(fw, firewallAllPortOpenings);
  },
});
