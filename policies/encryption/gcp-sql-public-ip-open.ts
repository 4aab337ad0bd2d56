import { defineRule } from '../../src/api/rule.js';
import { GCP_SQL_INSTANCE } from '../../src/model/gcp.js';
import { isInternetCidr } from '../_lib/network.js';

export default defineRule({
  id: 'gcp-sql-public-ip-open',
  title: 'Cloud SQL instance with a public IP accepts connections from the whole internet',
  severity: 'high',
  resourceTypes: [GCP_SQL_INSTANCE],
  description:
    'Flags Cloud SQL instances that have a public IPv4 address and an authorized network of `0.0.0.0/0` (or another very wide public range such as `0.0.0.0/1`). Instances without a public IP pass. Unknown when the IP configuration could not be read (CIS GCP 6.5).',
  risk: 'The database port is reachable from every address on the internet: only the database password stands between scanners and the data, and brute force, leaked credentials and engine vulnerabilities are routinely exploited.',
  remediation: [
    'Remove the open authorized network and connect through private IP, the Cloud SQL Auth Proxy or connectors (IAM-authorized, no authorized networks needed), or list only the exact client ranges.',
    '',
    '- Console: SQL → the instance → Connections → Networking → delete the `0.0.0.0/0` network (or untick Public IP).',
    '- CLI: `gcloud sql instances patch INSTANCE --clear-authorized-networks` (or `--no-assign-ip` with private IP configured).',
    '- Terraform: remove the `authorized_networks` block with `0.0.0.0/0`; set `ipv4_enabled = false`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/sql/docs/mysql/authorize-networks',
    'https://cloud.google.com/sql/docs/mysql/sql-proxy',
    'https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#ipconfiguration',
  ],
  messages: {
    open: 'Cloud SQL instance {{name}} has public IP and authorized network `{{network}}`{{more}}: open to the internet.',
    noPublicIp: 'Cloud SQL instance {{name}} has no public IP.',
    restricted: 'Cloud SQL instance {{name}} has a public IP but no authorized network open to the internet.',
    unreadable: 'The IP configuration of Cloud SQL instance {{name}} could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(db) {
    const name = db.ref.name ?? db.data.name;
    const { ipv4Enabled, authorizedNetworks } = db.data;
    if (ipv4Enabled === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (!ipv4Enabled) return { status: 'pass', messageId: 'noPublicIp', data: { name } };
    if (authorizedNetworks === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    const open = authorizedNetworks.filter((n) => isInternetCidr(n.value));
    const [first] = open;
    if (!first) return { status: 'pass', messageId: 'restricted', data: { name } };
    const label = (n: { name: string | null; value: string }) => (n.name ? `${n.value} (${n.name})` : n.value);
    const more = open.length > 1 ? ` (and ${open.length - 1} more)` : '';
    return {
      status: 'fail',
      messageId: 'open',
      data: { name, network: label(first), more },
      evidence: { authorizedNetworks: open.map(label), publicIpAddresses: db.data.publicIpAddresses },
    };
  },
});
