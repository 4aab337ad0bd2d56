/**
 * Builders for Classic ELB, OpenSearch, ElastiCache and Redshift resources in rule tests, through the
 * collectors' normalizers from AWS-shaped input (as DescribeLoadBalancers / DescribeLoadBalancerPolicies /
 * DescribeDomains / DescribeReplicationGroups / DescribeClusters return it).
 */
import type { LoadBalancerAttributes, LoadBalancerDescription, PolicyDescription } from '@aws-sdk/client-elastic-load-balancing';
import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import type { Cluster } from '@aws-sdk/client-redshift';
import { classicLoadBalancerToModel } from '../../src/collectors/aws/elb.js';
import { cacheClusterToModel, replicationGroupToModel } from '../../src/collectors/aws/elasticache.js';
import { domainToModel } from '../../src/collectors/aws/opensearch.js';
import { redshiftClusterToModel, redshiftParameterGroupToModel } from '../../src/collectors/aws/redshift.js';
import type { Resource } from '../../src/model/types.js';
import { TEST_ACCOUNT, TEST_REGION } from './rule-tester.js';

const scope = { partition: 'aws', account: TEST_ACCOUNT, region: TEST_REGION };

/** An SSL negotiation policy as AWS describes it: every protocol attribute, and the given ciphers `true`. */
export function negotiationPolicy(
  name: string,
  protocols: string[],
  ciphers: string[],
  extra: Array<{ AttributeName: string; AttributeValue: string }> = [],
): PolicyDescription {
  return {
    PolicyName: name,
    PolicyTypeName: 'SSLNegotiationPolicyType',
    PolicyAttributeDescriptions: [
      { AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
      ...['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2'].map((p) => ({ AttributeName: `Protocol-${p}`, AttributeValue: String(protocols.includes(p)) })),
      { AttributeName: 'Server-Defined-Cipher-Order', AttributeValue: 'true' },
      ...ciphers.map((c) => ({ AttributeName: c, AttributeValue: 'true' })),
      { AttributeName: 'AES128-SHA', AttributeValue: ciphers.includes('AES128-SHA') ? 'true' : 'false' },
      ...extra,
    ],
  };
}

export const TLS12_POLICY = negotiationPolicy(
  'tls12',
  ['TLSv1.2'],
  ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384'],
);
export const LEGACY_POLICY = negotiationPolicy('legacy', ['TLSv1', 'TLSv1.1', 'TLSv1.2'], ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA', 'DES-CBC3-SHA']);

type ListenerSpec = { protocol: string; port: number; policies?: string[] };

export function classicLb(
  name: string,
  o: { scheme?: string; listeners?: ListenerSpec[]; policies?: PolicyDescription[] | null; attributes?: LoadBalancerAttributes | null } = {},
): Resource {
  const listeners = o.listeners ?? [{ protocol: 'HTTPS', port: 443, policies: ['tls12'] }];
  const raw: LoadBalancerDescription = {
    LoadBalancerName: name,
    DNSName: `${name}-1.${TEST_REGION}.elb.amazonaws.com`,
    Scheme: o.scheme ?? 'internet-facing',
    VPCId: 'vpc-1',
    ListenerDescriptions: listeners.map((l) => ({
      Listener: {
        Protocol: l.protocol,
        LoadBalancerPort: l.port,
        InstanceProtocol: 'HTTP',
        InstancePort: 8080,
        ...(l.protocol === 'HTTPS' || l.protocol === 'SSL' ? { SSLCertificateId: 'arn:aws:acm:us-east-1:123456789012:certificate/1' } : {}),
      },
      PolicyNames: l.policies ?? [],
    })),
  };
  const attributes = o.attributes === undefined ? { AccessLog: { Enabled: true, S3BucketName: 'logs', EmitInterval: 5 } } : o.attributes;
  const policies = o.policies === undefined ? [TLS12_POLICY] : o.policies;
  return classicLoadBalancerToModel(raw, attributes, policies, scope) as unknown as Resource;
}

export function domain(name: string, o: Partial<DomainStatus> = {}): Resource {
  return domainToModel(
    {
      DomainName: name,
      DomainId: `${TEST_ACCOUNT}/${name}`,
      ARN: `arn:aws:es:${TEST_REGION}:${TEST_ACCOUNT}:domain/${name}`,
      EngineVersion: 'OpenSearch_2.11',
      ClusterConfig: {},
      Endpoints: { vpc: `vpc-${name}.${TEST_REGION}.es.amazonaws.com` },
      VPCOptions: { VPCId: 'vpc-1', SubnetIds: ['subnet-1'] },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
      NodeToNodeEncryptionOptions: { Enabled: true },
      EncryptionAtRestOptions: { Enabled: true, KmsKeyId: 'key-1' },
      ...o,
    },
    scope,
  ) as unknown as Resource;
}

/** A public domain (no VPC options) whose access policy allows `principal`. */
export function publicDomain(name: string, principal: unknown, o: Partial<DomainStatus> = {}): Resource {
  return domain(name, {
    Endpoints: undefined,
    VPCOptions: undefined,
    Endpoint: `search-${name}.${TEST_REGION}.es.amazonaws.com`,
    AccessPolicies: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'es:*', Resource: '*' }] }),
    ...o,
  });
}

export function replicationGroup(id: string, o: Partial<ReplicationGroup> = {}): Resource {
  return replicationGroupToModel(
    {
      ReplicationGroupId: id,
      ARN: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:replicationgroup:${id}`,
      Status: 'available',
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'required',
      AtRestEncryptionEnabled: true,
      AuthTokenEnabled: true,
      MemberClusters: [`${id}-001`],
      ...o,
    },
    scope,
  ) as unknown as Resource;
}

export function cacheCluster(id: string, o: Partial<CacheCluster> = {}): Resource {
  return cacheClusterToModel(
    {
      CacheClusterId: id,
      ARN: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:cluster:${id}`,
      Engine: 'memcached',
      CacheClusterStatus: 'available',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: false,
      AuthTokenEnabled: false,
      ...o,
    },
    scope,
  ) as unknown as Resource;
}

export function redshiftCluster(id: string, o: Partial<Cluster> = {}): Resource {
  return redshiftClusterToModel(
    {
      ClusterIdentifier: id,
      ClusterStatus: 'available',
      Encrypted: true,
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1',
      PubliclyAccessible: false,
      Endpoint: { Address: `${id}.abc.${TEST_REGION}.redshift.amazonaws.com`, Port: 5439 },
      ClusterParameterGroups: [{ ParameterGroupName: 'tls', ParameterApplyStatus: 'in-sync' }],
      ...o,
    },
    scope,
  ) as unknown as Resource;
}

/** A parameter group with `require_ssl` = `value` (`undefined`: not listed; `null`: could not be read). */
export function redshiftGroup(name: string, value: string | undefined | null): Resource {
  const params = value === null ? null : value === undefined ? [] : [{ ParameterName: 'require_ssl', ParameterValue: value, Source: 'user' }];
  return redshiftParameterGroupToModel(name, params, scope) as unknown as Resource;
}
