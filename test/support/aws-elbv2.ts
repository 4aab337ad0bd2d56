/**
 * Builders for ELBv2 resources in rule tests. Security policies go through the collector's normalizer
 * (`sslPolicyToModel`) from DescribeSslPolicies-shaped input, as AWS (and moto) return them.
 */
import { sslPolicyToModel } from '../../src/collectors/aws/elbv2.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER, type ListenerData, type LoadBalancerData } from '../../src/model/aws/elbv2.js';
import type { Resource, ResourceRef } from '../../src/model/types.js';
import { resource, TEST_ACCOUNT, TEST_REGION } from './rule-tester.js';

const arn = (kind: string, name: string) => `arn:aws:elasticloadbalancing:${TEST_REGION}:${TEST_ACCOUNT}:${kind}/app/${name}/0123456789abcdef`;

/** Security policies as DescribeSslPolicies returns them (protocols and ciphers in AWS's order). */
export const POLICIES = {
  'ELBSecurityPolicy-2016-08': {
    protocols: ['TLSv1.2', 'TLSv1.1', 'TLSv1'],
    ciphers: [
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES128-SHA256',
      'ECDHE-RSA-AES128-SHA',
      'AES128-GCM-SHA256',
      'AES128-SHA256',
      'AES128-SHA',
      'AES256-SHA',
    ],
  },
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': {
    protocols: ['TLSv1.3', 'TLSv1.2'],
    ciphers: [
      'TLS_AES_128_GCM_SHA256',
      'TLS_AES_256_GCM_SHA384',
      'TLS_CHACHA20_POLY1305_SHA256',
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-RSA-AES256-GCM-SHA384',
    ],
  },
  'ELBSecurityPolicy-TLS13-1-2-2021-06': {
    protocols: ['TLSv1.3', 'TLSv1.2'],
    ciphers: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA384'],
  },
  'ELBSecurityPolicy-TLS13-1-3-2021-06': {
    protocols: ['TLSv1.3'],
    ciphers: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'],
  },
  'ELBSecurityPolicy-TLS-1-2-2017-01': {
    protocols: ['TLSv1.2'],
    ciphers: ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'],
  },
  'ELBSecurityPolicy-TLS-1-0-2015-04': {
    protocols: ['TLSv1.2', 'TLSv1.1', 'TLSv1'],
    ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'AES128-SHA', 'DES-CBC3-SHA'],
  },
} as const;

export type PolicyName = keyof typeof POLICIES;

/** A policy resource in the test region (through the normalizer); `overrides` replaces protocols or ciphers. */
export function sslPolicy(name: PolicyName | string, overrides: { protocols?: string[]; ciphers?: string[] } = {}, extra: Partial<ResourceRef> = {}): Resource {
  const base = (POLICIES as Record<string, { protocols: readonly string[]; ciphers: readonly string[] }>)[name] ?? { protocols: [], ciphers: [] };
  const protocols = overrides.protocols ?? [...base.protocols];
  const ciphers = (overrides.ciphers ?? [...base.ciphers]).map((Name, i) => ({ Name, Priority: i + 1 }));
  const r = sslPolicyToModel({ Name: name, SslProtocols: protocols, Ciphers: ciphers }, { account: TEST_ACCOUNT, region: extra.region ?? TEST_REGION });
  return { ...r, ref: { ...r.ref, ...extra } } as unknown as Resource;
}

export function listener(lbName: string, port: number, protocol: string, data: Partial<ListenerData> = {}): Resource {
  const a = `${arn('listener', lbName)}/${port}`;
  const d: ListenerData = {
    arn: a,
    loadBalancerArn: arn('loadbalancer', lbName),
    loadBalancerName: lbName,
    loadBalancerType: 'application',
    scheme: 'internet-facing',
    port,
    protocol,
    sslPolicy: protocol === 'HTTPS' || protocol === 'TLS' ? 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' : null,
    certificateArns: [],
    alpnPolicy: [],
    defaultActions: [{ type: 'forward', order: 1, redirect: null, fixedResponseStatusCode: null }],
    ...data,
  };
  return resource(ELBV2_LISTENER, a, d as never, { name: `${lbName}:${port}` }) as unknown as Resource;
}

export const redirectTo = (protocol: string): ListenerData['defaultActions'][number] => ({
  type: 'redirect',
  order: 1,
  redirect: { protocol, port: '443', statusCode: 'HTTP_301' },
  fixedResponseStatusCode: null,
});

export function loadBalancer(name: string, data: Partial<LoadBalancerData> = {}): Resource {
  const a = arn('loadbalancer', name);
  const d: LoadBalancerData = {
    arn: a,
    name,
    type: 'application',
    scheme: 'internet-facing',
    dnsName: `${name}-1.${TEST_REGION}.elb.amazonaws.com`,
    state: 'active',
    vpcId: 'vpc-1',
    attributes: { 'routing.http.drop_invalid_header_fields.enabled': 'true' },
    ...data,
  };
  return resource(ELBV2_LOAD_BALANCER, a, d as never, { name }) as unknown as Resource;
}
