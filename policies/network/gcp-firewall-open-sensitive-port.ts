import { defineRule } from '../../src/api/rule.js';
import { GCP_FIREWALL } from '../../src/model/gcp.js';
import { evaluateFirewallOpenings, firewallPortOpenings } from '../_lib/gcp-firewall.js';
import { PORT_LIST_SCHEMA, SENSITIVE_PORTS } from '../_lib/ports.js';

export default defineRule({
  id: 'gcp-firewall-open-sensitive-port',
  title: 'VPC firewall rule allows database or other sensitive ports from the internet',
  severity: 'high',
  resourceTypes: [GCP_FIREWALL],
  description:
    'Flags enabled INGRESS VPC firewall rules whose allowed traffic comes from 0.0.0.0/0 or ::/0 (or another very wide public range) and reaches a database, cache, queue, search, file-sharing, directory, management or mail port (MySQL 3306, PostgreSQL 5432, SQL Server 1433, MongoDB 27017, Redis 6379, Memcached 11211, Kafka 9092, Elasticsearch 9200, SMB 445, Docker API 2375 …; the shared catalogue). HTTP/HTTPS are not flagged by default.',
  risk: 'Data stores and management planes exposed to the internet are found by scanners within minutes; weak or default credentials, unauthenticated APIs (Redis, Elasticsearch, Docker) and unpatched services lead to data theft, ransom notes or cryptomining.',
  remediation: [
    'Remove the rule or restrict its sources to the application tier (network tags or service accounts) or a private range; reach databases through private IP, Cloud SQL Auth Proxy or IAP.',
    '',
    '- Console: VPC network → Firewall → the rule → Edit → Source filter.',
    '- CLI: `gcloud compute firewall-rules update RULE --source-ranges=10.0.0.0/8` or `--source-tags=app`.',
    '- Terraform: replace `source_ranges = ["0.0.0.0/0"]` with `source_tags` / `source_service_accounts`.',
  ].join('\n'),
  references: ['https://cloud.google.com/firewall/docs/firewalls', 'https://cloud.google.com/firewall/docs/using-firewalls'],
  messages: {
    open: 'Firewall rule {{name}} allows {{service}} (port {{port}}) from the internet through `{{rule}}`{{more}}.',
    closed: 'Firewall rule {{name}} allows no sensitive port from the internet.',
    notIngress: 'Firewall rule {{name}} is disabled or an egress rule.',
  },
  defaults: { ports: [...SENSITIVE_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(fw, ctx) {
    return evaluateFirewallOpenings(fw, (d) => firewallPortOpenings(d, ctx.options.ports));
  },
});
