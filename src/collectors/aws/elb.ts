/**
 * Classic Load Balancer collector (per region): load balancers with their listeners, attributes, and the
 * SSL negotiation policies of the load balancers that terminate TLS.
 *
 * Calls: DescribeLoadBalancers (paged; listeners come with it, Classic ELB has no listener API); per load
 * balancer DescribeLoadBalancerAttributes, and DescribeLoadBalancerPolicies for the load balancers with an
 * HTTPS or SSL listener (one call answers for every listener of the load balancer, so the cost does not
 * grow with listeners; AWS has no call that spans load balancers), under the shared per-resource cap.
 */
import type { LoadBalancerAttributes, LoadBalancerDescription, PolicyDescription } from '@aws-sdk/client-elastic-load-balancing';
import {
  type ClassicAttributes,
  type ClassicListener,
  type ClassicLoadBalancerData,
  type ClassicPolicy,
  ELB_LOAD_BALANCER,
  ELB_LOAD_BALANCER_ATTRIBUTES,
  ELB_LOAD_BALANCER_POLICIES,
} from '../../model/aws/elb.js';
import type { InputType } from '../../model/registry.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { ianaCipherName } from './elbv2.js';
import { allPages, perResource } from './per-resource.js';

export interface ElbScope {
  partition: string;
  account: string;
  region: string;
}

/** Front-end protocols that terminate TLS (and so carry an SSL negotiation policy). */
export const CLASSIC_TLS_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'SSL']);

// ------------------------------------------------------------------ toModel (pure)

export function classicAttributesToModel(raw: LoadBalancerAttributes): ClassicAttributes {
  const additional: Record<string, string> = {};
  for (const a of raw.AdditionalAttributes ?? []) if (a.Key !== undefined) additional[a.Key] = a.Value ?? '';
  return {
    accessLogEnabled: raw.AccessLog?.Enabled ?? null,
    accessLogBucket: raw.AccessLog?.S3BucketName || null,
    accessLogPrefix: raw.AccessLog?.S3BucketPrefix || null,
    accessLogInterval: raw.AccessLog?.EmitInterval ?? null,
    crossZoneEnabled: raw.CrossZoneLoadBalancing?.Enabled ?? null,
    connectionDrainingEnabled: raw.ConnectionDraining?.Enabled ?? null,
    connectionDrainingTimeout: raw.ConnectionDraining?.Timeout ?? null,
    idleTimeout: raw.ConnectionSettings?.IdleTimeout ?? null,
    additional,
  };
}

const PROTOCOL_ATTRIBUTE = /^Protocol-(.+)$/;
const NOT_CIPHERS = new Set(['Reference-Security-Policy', 'Server-Defined-Cipher-Order']);

/**
 * A policy as DescribeLoadBalancerPolicies describes it. For an SSL negotiation policy AWS lists every
 * protocol and cipher attribute with `true` or `false`; the ones set to `true` are what the policy allows.
 */
export function classicPolicyToModel(raw: PolicyDescription): ClassicPolicy {
  const attrs = (raw.PolicyAttributeDescriptions ?? []).filter((a) => a.AttributeName);
  const on = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'true';
  const protocols: string[] = [];
  const ciphers: ClassicPolicy['ciphers'] = [];
  let reference: string | null = null;
  let order: boolean | null = null;
  let expanded = false;
  for (const a of attrs) {
    const name = a.AttributeName!;
    const protocol = PROTOCOL_ATTRIBUTE.exec(name)?.[1];
    if (protocol !== undefined) {
      expanded = true;
      if (on(a.AttributeValue)) protocols.push(protocol);
    } else if (name === 'Reference-Security-Policy') reference = a.AttributeValue || null;
    else if (name === 'Server-Defined-Cipher-Order') order = on(a.AttributeValue);
    else if (!NOT_CIPHERS.has(name) && raw.PolicyTypeName === 'SSLNegotiationPolicyType' && on(a.AttributeValue))
      ciphers.push({ name, iana: ianaCipherName(name), priority: null });
  }
  return {
    name: raw.PolicyName ?? '',
    type: raw.PolicyTypeName ?? null,
    referenceSecurityPolicy: reference,
    protocols,
    ciphers,
    serverDefinedCipherOrder: order,
    expanded,
  };
}

function listenerToModel(d: NonNullable<LoadBalancerDescription['ListenerDescriptions']>[number]): ClassicListener | undefined {
  const l = d.Listener;
  if (!l?.Protocol) return undefined;
  return {
    protocol: l.Protocol.toUpperCase(),
    port: l.LoadBalancerPort ?? null,
    instanceProtocol: l.InstanceProtocol?.toUpperCase() ?? null,
    instancePort: l.InstancePort ?? null,
    sslCertificateId: l.SSLCertificateId || null,
    policyNames: d.PolicyNames ?? [],
  };
}

/** `attributes` / `policies`: the per-load-balancer answers, `null` when not read. */
export function classicLoadBalancerToModel(
  raw: LoadBalancerDescription,
  attributes: LoadBalancerAttributes | null,
  policies: PolicyDescription[] | null,
  scope: ElbScope,
): Resource<ClassicLoadBalancerData> {
  const name = raw.LoadBalancerName!;
  const arn = `arn:${scope.partition}:elasticloadbalancing:${scope.region}:${scope.account}:loadbalancer/${name}`;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: ELB_LOAD_BALANCER, id: arn, name, arn },
    data: {
      arn,
      name,
      scheme: raw.Scheme ?? null,
      dnsName: raw.DNSName ?? null,
      vpcId: raw.VPCId || null,
      listeners: (raw.ListenerDescriptions ?? []).map(listenerToModel).filter((l): l is ClassicListener => !!l),
      attributes: attributes ? classicAttributesToModel(attributes) : null,
      policies: policies ? policies.filter((p) => p.PolicyName).map(classicPolicyToModel) : null,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const elb: AwsServiceCollector = {
  service: 'elb',
  scope: 'regional',
  resourceTypes: [ELB_LOAD_BALANCER, ELB_LOAD_BALANCER_ATTRIBUTES, ELB_LOAD_BALANCER_POLICIES],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeLoadBalancerAttributesCommand, DescribeLoadBalancerPoliciesCommand, ElasticLoadBalancingClient, paginateDescribeLoadBalancers } =
      await import('@aws-sdk/client-elastic-load-balancing');
    const client = ctx.client(ElasticLoadBalancingClient, region);
    const scope: ElbScope = { partition: ctx.partition, account: ctx.account, region };
    const step = (operation: string, type: InputType) => ({ service: 'elb', region, operation, resourceTypes: [type] });

    const lbs = await ctx.attempt(step('DescribeLoadBalancers', ELB_LOAD_BALANCER), () =>
      allPages(paginateDescribeLoadBalancers({ client, pageSize: 400, stopOnSameToken: true }, {}), (p) => p.LoadBalancerDescriptions),
    );
    if (lbs === undefined) {
      ctx.record({
        ...step('DescribeLoadBalancers', ELB_LOAD_BALANCER_ATTRIBUTES),
        resourceTypes: [ELB_LOAD_BALANCER_ATTRIBUTES, ELB_LOAD_BALANCER_POLICIES],
        status: 'error',
        errorCode: 'NotListed',
        message: 'load balancers could not be listed',
      });
      return [];
    }
    const listed = lbs.filter((lb) => lb.LoadBalancerName);
    const nameOf = (lb: LoadBalancerDescription) => lb.LoadBalancerName!;
    const arnOf = (lb: LoadBalancerDescription) => `arn:${scope.partition}:elasticloadbalancing:${region}:${scope.account}:loadbalancer/${nameOf(lb)}`;
    const terminatesTls = (lb: LoadBalancerDescription) =>
      (lb.ListenerDescriptions ?? []).some((d) => CLASSIC_TLS_PROTOCOLS.has((d.Listener?.Protocol ?? '').toUpperCase()));
    const [attributes, policies] = await Promise.all([
      perResource(
        ctx,
        step('DescribeLoadBalancerAttributes', ELB_LOAD_BALANCER_ATTRIBUTES),
        listed,
        nameOf,
        async (lb) => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerName: nameOf(lb) }))).LoadBalancerAttributes ?? {},
        arnOf,
      ),
      perResource(
        ctx,
        step('DescribeLoadBalancerPolicies', ELB_LOAD_BALANCER_POLICIES),
        listed.filter(terminatesTls),
        nameOf,
        async (lb) => (await client.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: nameOf(lb) }))).PolicyDescriptions ?? [],
        arnOf,
      ),
    ]);
    return listed.map((lb) => classicLoadBalancerToModel(lb, attributes.get(nameOf(lb)) ?? null, policies.get(nameOf(lb)) ?? null, scope));
  },
};
