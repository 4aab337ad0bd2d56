/**
 * One catalogue of sensitive ports, shared by the AWS and GCP network rules.
 *
 * Built from the lists peers use (see FACTS.md §4.2): Prowler's
 * `ec2_securitygroup_allow_ingress_from_internet_to_*` / `ec2_instance_port_*` checks and its
 * `ec2_high_risk_ports`, and CloudSploit's `plugins/aws/ec2/open*.js`. Protocols follow the
 * service (SSH is tcp only, SNMP udp only, DNS both), so `udp 22` open to the world is not "open SSH".
 *
 * `admin` ports give a remote shell or desktop (or a login over a plaintext channel): the
 * admin-port rules use them. Every other category feeds the sensitive-port rules.
 * Entries with `default: false` (HTTP/HTTPS) are catalogued for names and opt-in tuning only:
 * a web server open to the world is usually the point, so they are not flagged by default.
 */

export type PortProtocol = 'tcp' | 'udp';

export type PortCategory =
  'admin' | 'database' | 'cache' | 'queue' | 'search' | 'big-data' | 'file-sharing' | 'directory' | 'management' | 'mail' | 'network' | 'web' | 'other';

export interface PortEntry {
  port: number;
  /** Short service name used in messages and evidence, e.g. `SSH`. */
  service: string;
  category: PortCategory;
  protocols: readonly PortProtocol[];
  /** Part of the default lists (`ADMIN_PORTS` / `SENSITIVE_PORTS`). Default true. */
  default?: boolean;
  /** Which peer list it comes from. */
  source: 'prowler' | 'cloudsploit' | 'prowler+cloudsploit' | 'scoutsuite' | 'vigil';
}

const T: readonly PortProtocol[] = ['tcp'];
const U: readonly PortProtocol[] = ['udp'];
const TU: readonly PortProtocol[] = ['tcp', 'udp'];

/** Every catalogued port, in priority order (most commonly attacked first): evidence names the first hit. */
export const PORT_CATALOGUE: readonly PortEntry[] = Object.freeze([
  // Remote administration (shell, desktop, file transfer with plaintext logins).
  { port: 22, service: 'SSH', category: 'admin', protocols: T, source: 'prowler+cloudsploit' },
  { port: 3389, service: 'RDP', category: 'admin', protocols: TU, source: 'prowler+cloudsploit' },
  { port: 23, service: 'Telnet', category: 'admin', protocols: T, source: 'prowler+cloudsploit' },
  { port: 21, service: 'FTP', category: 'admin', protocols: T, source: 'prowler+cloudsploit' },
  { port: 20, service: 'FTP data', category: 'admin', protocols: T, source: 'prowler' },
  { port: 5900, service: 'VNC', category: 'admin', protocols: T, source: 'cloudsploit' },
  { port: 5500, service: 'VNC', category: 'admin', protocols: T, source: 'cloudsploit' },
  { port: 5985, service: 'WinRM HTTP', category: 'admin', protocols: T, source: 'vigil' },
  { port: 5986, service: 'WinRM HTTPS', category: 'admin', protocols: T, source: 'vigil' },

  // Databases.
  { port: 3306, service: 'MySQL', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 5432, service: 'PostgreSQL', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 1433, service: 'SQL Server', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 1434, service: 'SQL Server Browser', category: 'database', protocols: TU, source: 'prowler+cloudsploit' },
  { port: 1521, service: 'Oracle', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 1522, service: 'Oracle ADW', category: 'database', protocols: T, source: 'cloudsploit' },
  { port: 2483, service: 'Oracle', category: 'database', protocols: TU, source: 'prowler' },
  { port: 2484, service: 'Oracle TLS', category: 'database', protocols: TU, source: 'prowler' },
  { port: 27017, service: 'MongoDB', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 27018, service: 'MongoDB shard', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 27019, service: 'MongoDB config', category: 'database', protocols: T, source: 'cloudsploit' },
  { port: 9042, service: 'Cassandra CQL', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 9160, service: 'Cassandra Thrift', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 7000, service: 'Cassandra internode', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 7001, service: 'Cassandra internode TLS', category: 'database', protocols: T, source: 'prowler' },
  { port: 7199, service: 'Cassandra JMX', category: 'database', protocols: T, source: 'prowler+cloudsploit' },
  { port: 8888, service: 'Cassandra OpsCenter', category: 'database', protocols: T, source: 'prowler' },
  { port: 4333, service: 'mSQL', category: 'database', protocols: T, source: 'prowler+cloudsploit' },

  // Caches.
  { port: 6379, service: 'Redis', category: 'cache', protocols: T, source: 'prowler+cloudsploit' },
  { port: 11211, service: 'Memcached', category: 'cache', protocols: TU, source: 'prowler+cloudsploit' },

  // Queues.
  { port: 9092, service: 'Kafka', category: 'queue', protocols: T, source: 'prowler+cloudsploit' },

  // Search.
  { port: 5601, service: 'Kibana', category: 'search', protocols: T, source: 'prowler' },
  { port: 9200, service: 'Elasticsearch', category: 'search', protocols: T, source: 'prowler+cloudsploit' },
  { port: 9300, service: 'Elasticsearch transport', category: 'search', protocols: T, source: 'prowler+cloudsploit' },

  // Big data.
  { port: 8020, service: 'Hadoop NameNode', category: 'big-data', protocols: T, source: 'cloudsploit' },
  { port: 8088, service: 'Hadoop YARN', category: 'big-data', protocols: T, source: 'prowler' },
  { port: 50070, service: 'Hadoop NameNode web', category: 'big-data', protocols: T, source: 'cloudsploit' },
  { port: 50470, service: 'Hadoop NameNode web TLS', category: 'big-data', protocols: T, source: 'cloudsploit' },

  // File sharing.
  { port: 137, service: 'NetBIOS name', category: 'file-sharing', protocols: U, source: 'cloudsploit' },
  { port: 138, service: 'NetBIOS datagram', category: 'file-sharing', protocols: U, source: 'cloudsploit' },
  { port: 139, service: 'NetBIOS session (CIFS)', category: 'file-sharing', protocols: TU, source: 'prowler+cloudsploit' },
  { port: 445, service: 'SMB/CIFS', category: 'file-sharing', protocols: T, source: 'prowler+cloudsploit' },
  { port: 2049, service: 'NFS', category: 'file-sharing', protocols: TU, source: 'scoutsuite' },

  // Directory and authentication.
  { port: 88, service: 'Kerberos', category: 'directory', protocols: TU, source: 'prowler' },
  { port: 389, service: 'LDAP', category: 'directory', protocols: TU, source: 'prowler' },
  { port: 464, service: 'Kerberos password', category: 'directory', protocols: TU, source: 'prowler' },
  { port: 636, service: 'LDAPS', category: 'directory', protocols: T, source: 'prowler' },
  { port: 749, service: 'Kerberos admin', category: 'directory', protocols: TU, source: 'prowler' },
  { port: 750, service: 'Kerberos v4', category: 'directory', protocols: TU, source: 'prowler' },

  // Management planes (an unauthenticated API here is a root shell).
  { port: 135, service: 'MS RPC', category: 'management', protocols: T, source: 'prowler+cloudsploit' },
  { port: 2375, service: 'Docker API', category: 'management', protocols: T, source: 'cloudsploit' },
  { port: 2376, service: 'Docker API TLS', category: 'management', protocols: T, source: 'cloudsploit' },
  { port: 4505, service: 'Salt publisher', category: 'management', protocols: T, source: 'cloudsploit' },
  { port: 4506, service: 'Salt request', category: 'management', protocols: T, source: 'cloudsploit' },

  // Mail.
  { port: 25, service: 'SMTP', category: 'mail', protocols: T, source: 'prowler+cloudsploit' },
  { port: 110, service: 'POP3', category: 'mail', protocols: T, source: 'prowler' },
  { port: 143, service: 'IMAP', category: 'mail', protocols: T, source: 'prowler' },

  // Network services.
  { port: 53, service: 'DNS', category: 'network', protocols: TU, source: 'cloudsploit' },
  { port: 161, service: 'SNMP', category: 'network', protocols: U, source: 'cloudsploit' },

  // Development / admin web servers (Prowler's high-risk list).
  { port: 3000, service: 'HTTP dev (3000)', category: 'other', protocols: T, source: 'prowler' },
  { port: 5000, service: 'HTTP dev (5000)', category: 'other', protocols: T, source: 'prowler' },
  { port: 8080, service: 'HTTP alt (8080)', category: 'other', protocols: T, source: 'prowler+cloudsploit' },

  // Public web: catalogued, not flagged by default.
  { port: 80, service: 'HTTP', category: 'web', protocols: T, default: false, source: 'cloudsploit' },
  { port: 443, service: 'HTTPS', category: 'web', protocols: TU, default: false, source: 'cloudsploit' },
] satisfies PortEntry[]);

const BY_PORT = new Map<number, PortEntry[]>();
for (const e of PORT_CATALOGUE) {
  const list = BY_PORT.get(e.port);
  if (list) list.push(e);
  else BY_PORT.set(e.port, [e]);
}

const isDefault = (e: PortEntry) => e.default !== false;
const unique = (ports: number[]) => [...new Set(ports)];

/** Default admin ports (remote shell / desktop / plaintext login): 22, 3389, 23, 21, 20, 5900, 5500, 5985, 5986 (priority order). */
export const ADMIN_PORTS: readonly number[] = Object.freeze(unique(PORT_CATALOGUE.filter((e) => e.category === 'admin' && isDefault(e)).map((e) => e.port)));

/** Default sensitive, non-admin ports (priority order): databases, caches, queues, search, file sharing, directory, management, mail … */
export const SENSITIVE_PORTS: readonly number[] = Object.freeze(
  unique(PORT_CATALOGUE.filter((e) => e.category !== 'admin' && isDefault(e)).map((e) => e.port)),
);

/** Catalogue entry for a port, or a generic one (tcp and udp) for a port the user added through options. */
export function portInfo(port: number): { port: number; service: string; category: PortCategory; protocols: readonly PortProtocol[] } {
  return BY_PORT.get(port)?.[0] ?? { port, service: `port ${port}`, category: 'other', protocols: TU };
}

/** Service name for messages (`SSH`, `MySQL`, `port 12345`). */
export function serviceName(port: number): string {
  return portInfo(port).service;
}

/** JSON Schema for a tunable port list (used by every rule's `optionsSchema`). */
export const PORT_LIST_SCHEMA = {
  type: 'array',
  items: { type: 'integer', minimum: 0, maximum: 65535 },
  uniqueItems: true,
} as const;
