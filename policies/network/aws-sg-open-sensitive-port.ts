import { defineRule } from '../../src/api/rule.js';
import { EC2_SECURITY_GROUP } from '../../src/model/aws/ec2.js';
import { AWS_NETWORK, PREFIX_LIST_UNKNOWN, sgPortsVerdict } from '../_lib/aws-ec2.js';
import { PORT_LIST_SCHEMA, SENSITIVE_PORTS } from '../_lib/ports.js';

export default defineRule({
  id: 'aws-sg-open-sensitive-port',
  title: 'Security group allows database, cache, queue or other sensitive ports from the internet',
  severity: 'high',
  resourceTypes: [EC2_SECURITY_GROUP],
  derives: [AWS_NETWORK],
  description:
    'Flags security groups with an inbound rule from 0.0.0.0/0 or ::/0 (or another very wide public range) to a sensitive service port: databases (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Cassandra 9042 …), caches (Redis 6379, Memcached 11211), queues (Kafka 9092), search (Elasticsearch 9200, Kibana 5601), file sharing (SMB 445, NFS 2049), directory (LDAP, Kerberos), management APIs (Docker 2375, Salt 4505), mail, DNS and SNMP. The list comes from the Prowler and CloudSploit checks and is tunable; port ranges and protocol `-1` count, and so does a managed prefix list source that contains an internet range (unreadable list: unknown).',
  risk: 'Data stores and management APIs exposed to the internet are found by scanners within minutes; many ship without authentication or with default credentials, and are routinely wiped, ransomed or used for amplification attacks.',
  remediation: [
    'Remove the rule and reach the service from inside the VPC (reference the client security group instead of a CIDR), through a VPN, or through a private endpoint.',
    '',
    '- Console: EC2 → Security Groups → the group → Inbound rules → Edit inbound rules → replace the 0.0.0.0/0 or ::/0 source with the client security group.',
    '- CLI: `aws ec2 revoke-security-group-ingress --group-id sg-… --ip-permissions IpProtocol=tcp,FromPort=3306,ToPort=3306,Ipv6Ranges=[{CidrIpv6=::/0}]`',
    '- Terraform: use `referenced_security_group_id` in `aws_vpc_security_group_ingress_rule` instead of `cidr_ipv4 = "0.0.0.0/0"`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19',
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  ],
  messages: {
    open: 'Security group {{name}} allows {{service}} (port {{port}}) from the internet through `{{rule}}`{{more}}.',
    prefixListUnknown: PREFIX_LIST_UNKNOWN,
    closed: 'Security group {{name}} allows no sensitive service port from the internet.',
  },
  defaults: { ports: [...SENSITIVE_PORTS] },
  optionsSchema: { type: 'object', properties: { ports: PORT_LIST_SCHEMA }, additionalProperties: false },
  evaluate(sg, ctx) {
    return sgPortsVerdict(sg, ctx.derived(AWS_NETWORK), ctx.options.ports);
  },
});
