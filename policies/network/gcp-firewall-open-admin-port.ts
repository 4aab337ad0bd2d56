import { defineRule } from '../../src/api/rule.js';
import { GCP_FIREWALL } from '../../src/model/gcp.js';
import { evaluateFirewallOpenings, firewallPortOpenings } from '../_lib/gcp-firewall.js';
import { ADMIN_PORTS, PORT_LIST_SCHEMA } from '../_lib/ports.js';

export default defineRule({
  id: 'gcp-firewall-open-admin-port',
  title: 'VPC firewall rule allows administrative ports from the internet',
  severity: 'high',
  resourceTypes: [GCP_FIREWALL],
  description:
    'Flags enabled INGRESS VPC firewall rules whose allowed traffic comes from 0.0.0.0/0 or ::/0 (or another very wide public range) and reaches an administrative port: SSH 22, RDP 3389, Telnet 23, FTP 20/21, VNC 5500/5900, WinRM 5985/5986. Port ranges covering such a port, `all` and tcp without ports count. Higher-priority deny rules are not subtracted.',
  risk: 'Remote administration services are the first thing internet-wide scanners try: brute force, leaked keys and exploits of the service itself lead straight to a shell or desktop on every VM the rule targets.',
  remediation: [
    'Delete the rule or restrict its source ranges to the addresses that need it. For SSH/RDP, allow only Identity-Aware Proxy TCP forwarding (`35.235.240.0/20`) and use `gcloud compute ssh --tunnel-through-iap`.',
    '',
    '- Console: VPC network → Firewall → the rule → Edit → Source IPv4 ranges.',
    '- CLI: `gcloud compute firewall-rules update RULE --source-ranges=35.235.240.0/20` (or `gcloud compute firewall-rules delete RULE`).',
    '- Terraform: narrow `source_ranges` of the `google_compute_firewall`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/firewall/docs/firewalls',
    'https://cloud.google.com/iap/docs/using-tcp-forwarding',
    'https://www.cisecurity.org/benchmark/google_cloud_computing_platform',
  ],
  messages: {
    open: 'Firewall rule {{name}} allows {{service}} (port {{port}}) from the internet through `{{rule}}`{{more}}.',
    closed: 'Firewall rule {{name}} allows no administrative port from the internet.',
    notIngress: 'Firewall rule {{name}} is disabled or an egress rule.',
  },
  defaults: { ports: [...ADMIN_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(fw, ctx) {
    return evaluateFirewallOpenings(fw, (d) => firewallPortOpenings(d, ctx.options.ports));
  },
});
