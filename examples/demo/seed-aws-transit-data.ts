/**
 * Seeds Classic Load Balancers, OpenSearch domains, ElastiCache and Redshift clusters for the demo and the
 * integration test (test/integration/aws-transit-data.test.ts): each problem next to a look-alike that is fine.
 *
 * Classic ELB
 * - `legacy-clb` (internet-facing): HTTPS:443 with an SSL negotiation policy allowing TLS 1.0/1.1 and 3DES /
 *   RSA-key-transport suites (what `ELBSecurityPolicy-2016-08` era policies allow), plus HTTP:80 in clear;
 *   access logs off.
 * - `tls12-clb` (internet-facing): HTTPS:443 with `ELBSecurityPolicy-TLS-1-2-2017-01`'s contents (TLS 1.2,
 *   ECDHE-GCM only); access logs on. Still no TLS 1.3: Classic ELB has none.
 * - `http-only-clb` (internet-facing): HTTP:80 and no TLS listener at all.
 * - `internal-clb` (internal): HTTP:80, the look-alike of `http-only-clb` the default rule leaves out.
 * OpenSearch
 * - `legacy-search`: public endpoint open to `*`, HTTPS not enforced, `Policy-Min-TLS-1-0-2019-07`, no
 *   node-to-node or at-rest encryption.
 * - `private-search`: in a VPC, HTTPS enforced with `Policy-Min-TLS-1-2-PFS-2023-10`, both encryptions on.
 * - `public-restricted-search`: public endpoint, but its access policy names one role; otherwise fine.
 * ElastiCache
 * - `plain-redis` (replication group): no in-transit, no at-rest encryption, no AUTH.
 * - `secure-redis` (replication group): both encryptions and an AUTH token.
 * - `plain-memcached` / `tls-memcached`: standalone Memcached without / with in-transit encryption.
 * Redshift
 * - `open-warehouse`: unencrypted, publicly accessible, default parameter group (`require_ssl` false).
 * - `private-warehouse`: KMS-encrypted, private, parameter group `tls-required` (moto lists the engine
 *   defaults for every group, so `require_ssl` reads false there; the integration test answers this group's
 *   DescribeClusterParameters with a recorded AWS response where it is true).
 */
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  CreateLoadBalancerPolicyCommand,
  type Listener,
  ModifyLoadBalancerAttributesCommand,
  SetLoadBalancerPoliciesOfListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { CreateCacheClusterCommand, CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { CreateDomainCommand } from '@aws-sdk/client-opensearch';
import { CreateClusterCommand, CreateClusterParameterGroupCommand } from '@aws-sdk/client-redshift';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { awsClients } from '../../src/testing/aws-clients.js';

const ACCOUNT = '123456789012';

/** An SSL negotiation policy's attributes as AWS describes them: every protocol and the listed ciphers, `true` or `false`. */
function negotiation(reference: string, protocols: string[], ciphersOn: string[], ciphersOff: string[]) {
  const all = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'];
  return [
    { AttributeName: 'Reference-Security-Policy', AttributeValue: reference },
    ...all.map((p) => ({ AttributeName: `Protocol-${p}`, AttributeValue: String(protocols.includes(p)) })),
    { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
    ...ciphersOn.map((c) => ({ AttributeName: c, AttributeValue: 'true' })),
    ...ciphersOff.map((c) => ({ AttributeName: c, AttributeValue: 'false' })),
  ];
}

const GCM = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'];
const LEGACY = ['ECDHE-RSA-AES128-SHA', 'AES128-GCM-SHA256', 'AES128-SHA', 'DES-CBC3-SHA'];

export async function seedAwsTransitData(endpoint: string, region: string): Promise<void> {
  const clients = awsClients(endpoint, region);
  const { ec2, elb, opensearch, elasticache, redshift, s3 } = clients;
  try {
    // ---------------------------------------------------------------- Classic ELB
    const zones = [`${region}a`, `${region}b`];
    const cert = `arn:aws:iam::${ACCOUNT}:server-certificate/clb-${region}`;
    const http: Listener = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 };
    const https: Listener = { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 8080, SSLCertificateId: cert };
    const clb = (LoadBalancerName: string, Listeners: Listener[], Scheme = 'internet-facing') =>
      elb.send(new CreateLoadBalancerCommand({ LoadBalancerName, Listeners, AvailabilityZones: zones, Scheme }));
    const policy = async (lb: string, name: string, attributes: ReturnType<typeof negotiation>) => {
      await elb.send(
        new CreateLoadBalancerPolicyCommand({
          LoadBalancerName: lb,
          PolicyName: name,
          PolicyTypeName: 'SSLNegotiationPolicyType',
          PolicyAttributes: attributes,
        }),
      );
      await elb.send(new SetLoadBalancerPoliciesOfListenerCommand({ LoadBalancerName: lb, LoadBalancerPort: 443, PolicyNames: [name] }));
    };
    await clb('legacy-clb', [https, http]);
    await policy('legacy-clb', 'legacy-negotiation', negotiation('ELBSecurityPolicy-2016-08', ['TLSv1', 'TLSv1.1', 'TLSv1.2'], [...GCM, ...LEGACY], []));
    await clb('tls12-clb', [https]);
    await policy('tls12-clb', 'tls12-negotiation', negotiation('ELBSecurityPolicy-TLS-1-2-2017-01', ['TLSv1.2'], GCM, LEGACY));
    const logs = `clb-logs-${region}`;
    await s3.send(
      new CreateBucketCommand({ Bucket: logs, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }) }),
    );
    await elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerName: 'tls12-clb',
        LoadBalancerAttributes: { AccessLog: { Enabled: true, S3BucketName: logs, EmitInterval: 5, S3BucketPrefix: 'tls12-clb' } },
      }),
    );
    await clb('http-only-clb', [http]);
    await clb('internal-clb', [http], 'internal');

    // ---------------------------------------------------------------- OpenSearch
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.60.1.0/24', AvailabilityZone: zones[0] }))).Subnet!.SubnetId!;
    const domainArn = (name: string) => `arn:aws:es:${region}:${ACCOUNT}:domain/${name}/*`;
    const policyFor = (name: string, principal: unknown) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'es:*', Resource: domainArn(name) }] });
    const cluster = { InstanceType: 't3.small.search' as const, InstanceCount: 1 };
    await opensearch.send(
      new CreateDomainCommand({
        DomainName: 'legacy-search',
        EngineVersion: 'OpenSearch_2.11',
        ClusterConfig: cluster,
        AccessPolicies: policyFor('legacy-search', { AWS: '*' }),
        DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
        NodeToNodeEncryptionOptions: { Enabled: false },
        EncryptionAtRestOptions: { Enabled: false },
      }),
    );
    const secure = {
      EngineVersion: 'OpenSearch_2.11',
      ClusterConfig: cluster,
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' as const },
      NodeToNodeEncryptionOptions: { Enabled: true },
      EncryptionAtRestOptions: { Enabled: true },
    };
    await opensearch.send(
      new CreateDomainCommand({
        ...secure,
        DomainName: 'private-search',
        VPCOptions: { SubnetIds: [subnet] },
        AccessPolicies: policyFor('private-search', { AWS: '*' }),
      }),
    );
    await opensearch.send(
      new CreateDomainCommand({
        ...secure,
        DomainName: 'public-restricted-search',
        AccessPolicies: policyFor('public-restricted-search', { AWS: `arn:aws:iam::${ACCOUNT}:role/search-writer` }),
      }),
    );

    // ---------------------------------------------------------------- ElastiCache
    await elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'plain-redis',
        ReplicationGroupDescription: 'no encryption, no AUTH',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheClusters: 1,
      }),
    );
    await elasticache.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'secure-redis',
        ReplicationGroupDescription: 'TLS, at-rest encryption, AUTH',
        Engine: 'redis',
        CacheNodeType: 'cache.t3.micro',
        NumCacheClusters: 1,
        TransitEncryptionEnabled: true,
        AtRestEncryptionEnabled: true,
        AuthToken: 'demo-auth-token-0123456789',
      }),
    );
    const memcached = (CacheClusterId: string, TransitEncryptionEnabled: boolean) =>
      elasticache.send(
        new CreateCacheClusterCommand({ CacheClusterId, Engine: 'memcached', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, TransitEncryptionEnabled }),
      );
    await memcached('plain-memcached', false);
    await memcached('tls-memcached', true);

    // ---------------------------------------------------------------- Redshift
    await redshift.send(
      new CreateClusterParameterGroupCommand({ ParameterGroupName: 'tls-required', ParameterGroupFamily: 'redshift-1.0', Description: 'require_ssl = true' }),
    );
    const warehouse = { NodeType: 'ra3.xlplus', ClusterType: 'single-node', MasterUsername: 'admin', MasterUserPassword: 'Demo-Passw0rd-only' };
    await redshift.send(new CreateClusterCommand({ ...warehouse, ClusterIdentifier: 'open-warehouse', Encrypted: false, PubliclyAccessible: true }));
    await redshift.send(
      new CreateClusterCommand({
        ...warehouse,
        ClusterIdentifier: 'private-warehouse',
        Encrypted: true,
        KmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
        PubliclyAccessible: false,
        ClusterParameterGroupName: 'tls-required',
      }),
    );
  } finally {
    clients.destroy();
  }
}
