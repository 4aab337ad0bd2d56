/**
 * Elastic Load Balancing v2 collector (per region): load balancers, their listeners and attributes, and
 * the security policies the listeners use.
 *
 * Calls: DescribeLoadBalancers (paged, every load balancer of the region); per load balancer
 * DescribeListeners (paged) and DescribeLoadBalancerAttributes (no batch API exists for either), under the
 * shared per-resource cap; then one DescribeSslPolicies for the region, whatever the number of listeners,
 * and only when some listener names a policy. Policies are asked for by name; a name AWS does not return
 * stays unresolved, and the rules that grade it say `unknown`.
 */
import type { Action, Listener, LoadBalancer, SslPolicy } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  ELBV2_LISTENER,
  ELBV2_LOAD_BALANCER,
  ELBV2_LOAD_BALANCER_ATTRIBUTES,
  ELBV2_SSL_POLICY,
  type ListenerAction,
  type ListenerData,
  type LoadBalancerData,
  type SslPolicyData,
} from '../../model/aws/elbv2.js';
import type { InputType } from '../../model/registry.js';
import type { Resource, ResourceRef } from '../../model/types.js';
import { CIPHER_TABLE } from '../tls/cipher-table.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, perResource } from './per-resource.js';

export interface Elbv2Scope {
  account: string;
  region: string;
}

/** Upper bound on DescribeSslPolicies pages (AWS lists a few dozen policies; the API pages by Marker). */
const MAX_POLICY_PAGES = 20;

// ------------------------------------------------------------------ toModel (pure)

function ref(scope: Elbv2Scope, type: ResourceRef['type'], id: string, name: string, arn: string | null): ResourceRef {
  return { provider: 'aws', account: scope.account, region: scope.region, type, id, name, ...(arn ? { arn } : {}) };
}

/** `attributes`: DescribeLoadBalancerAttributes' list, or `null` when it could not be read. */
export function loadBalancerToModel(
  raw: LoadBalancer,
  attributes: Array<{ Key?: string; Value?: string }> | null,
  scope: Elbv2Scope,
): Resource<LoadBalancerData> {
  const arn = raw.LoadBalancerArn!;
  const name = raw.LoadBalancerName ?? arn.split('/').slice(-2, -1)[0] ?? arn;
  let attrs: Record<string, string> | null = null;
  if (attributes) {
    attrs = {};
    for (const a of attributes) if (a.Key !== undefined) attrs[a.Key] = a.Value ?? '';
  }
  return {
    ref: ref(scope, ELBV2_LOAD_BALANCER, arn, name, arn),
    data: {
      arn,
      name,
      type: raw.Type ?? null,
      scheme: raw.Scheme ?? null,
      dnsName: raw.DNSName ?? null,
      state: raw.State?.Code ?? null,
      vpcId: raw.VpcId ?? null,
      attributes: attrs,
    },
  };
}

function actionToModel(a: Action): ListenerAction {
  return {
    type: a.Type ?? 'unknown',
    order: a.Order ?? null,
    redirect: a.RedirectConfig
      ? { protocol: a.RedirectConfig.Protocol ?? null, port: a.RedirectConfig.Port ?? null, statusCode: a.RedirectConfig.StatusCode ?? null }
      : null,
    fixedResponseStatusCode: a.FixedResponseConfig?.StatusCode ?? null,
  };
}

export function listenerToModel(raw: Listener, lb: LoadBalancerData, scope: Elbv2Scope): Resource<ListenerData> {
  const arn = raw.ListenerArn!;
  return {
    ref: ref(scope, ELBV2_LISTENER, arn, `${lb.name}:${raw.Port ?? '?'}`, arn),
    data: {
      arn,
      loadBalancerArn: lb.arn,
      loadBalancerName: lb.name,
      loadBalancerType: lb.type,
      scheme: lb.scheme,
      port: raw.Port ?? null,
      protocol: raw.Protocol ?? null,
      sslPolicy: raw.SslPolicy ?? null,
      certificateArns: (raw.Certificates ?? []).map((c) => c.CertificateArn).filter((c): c is string => !!c),
      alpnPolicy: raw.AlpnPolicy ?? [],
      defaultActions: (raw.DefaultActions ?? []).map(actionToModel),
    },
  };
}

/**
 * Legacy suites that OpenSSL 3 no longer builds (so they are missing from the generated cipher table) but
 * that old ELB security policies still list. OpenSSL name → IANA name (RFC 5246, 4492, 2246 registries).
 */
const LEGACY_SUITES: Record<string, string> = {
  'DES-CBC3-SHA': 'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  'EDH-RSA-DES-CBC3-SHA': 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'EDH-DSS-DES-CBC3-SHA': 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA',
  'ECDHE-RSA-DES-CBC3-SHA': 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  'ECDHE-ECDSA-DES-CBC3-SHA': 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA',
  'RC4-SHA': 'TLS_RSA_WITH_RC4_128_SHA',
  'RC4-MD5': 'TLS_RSA_WITH_RC4_128_MD5',
  'ECDHE-RSA-RC4-SHA': 'TLS_ECDHE_RSA_WITH_RC4_128_SHA',
  'ECDHE-ECDSA-RC4-SHA': 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA',
  'DES-CBC-SHA': 'TLS_RSA_WITH_DES_CBC_SHA',
  'EDH-RSA-DES-CBC-SHA': 'TLS_DHE_RSA_WITH_DES_CBC_SHA',
  'EXP-RC4-MD5': 'TLS_RSA_EXPORT_WITH_RC4_40_MD5',
  'EXP-DES-CBC-SHA': 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA',
  'EXP-RC2-CBC-MD5': 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5',
};

const IANA_BY_OPENSSL = new Map<string, string>([...CIPHER_TABLE.map((c): [string, string] => [c.openssl, c.iana]), ...Object.entries(LEGACY_SUITES)]);
const IANA_NAMES = new Set<string>(IANA_BY_OPENSSL.values());

/** IANA name of a cipher as a security policy names it (OpenSSL style, or already IANA for TLS 1.3). */
export function ianaCipherName(name: string): string | null {
  return IANA_BY_OPENSSL.get(name) ?? (IANA_NAMES.has(name) ? name : null);
}

export function sslPolicyToModel(raw: SslPolicy, scope: Elbv2Scope): Resource<SslPolicyData> {
  const name = raw.Name!;
  return {
    ref: ref(scope, ELBV2_SSL_POLICY, name, name, null),
    data: {
      name,
      protocols: raw.SslProtocols ?? [],
      ciphers: (raw.Ciphers ?? []).filter((c) => c.Name).map((c) => ({ name: c.Name!, iana: ianaCipherName(c.Name!), priority: c.Priority ?? null })),
      supportedLoadBalancerTypes: raw.SupportedLoadBalancerTypes ?? [],
    },
  };
}

// ------------------------------------------------------------------ fetch

export const elbv2: AwsServiceCollector = {
  service: 'elbv2',
  scope: 'regional',
  resourceTypes: [ELBV2_LOAD_BALANCER, ELBV2_LISTENER, ELBV2_SSL_POLICY, ELBV2_LOAD_BALANCER_ATTRIBUTES],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const {
      DescribeLoadBalancerAttributesCommand,
      DescribeSSLPoliciesCommand,
      ElasticLoadBalancingV2Client,
      paginateDescribeListeners,
      paginateDescribeLoadBalancers,
    } = await import('@aws-sdk/client-elastic-load-balancing-v2');
    const client = ctx.client(ElasticLoadBalancingV2Client, region);
    const scope: Elbv2Scope = { account: ctx.account, region };
    const paging = { client, pageSize: 400, stopOnSameToken: true };
    const step = (operation: string, type: InputType) => ({ service: 'elbv2', region, operation, resourceTypes: [type] });

    const lbs = await ctx.attempt(step('DescribeLoadBalancers', ELBV2_LOAD_BALANCER), () =>
      allPages(paginateDescribeLoadBalancers(paging, {}), (p) => p.LoadBalancers),
    );
    if (lbs === undefined) {
      // Without the list, listeners and policies cannot be read either: the same gap, on their types.
      ctx.record({
        ...step('DescribeLoadBalancers', ELBV2_LISTENER),
        resourceTypes: [ELBV2_LISTENER, ELBV2_SSL_POLICY, ELBV2_LOAD_BALANCER_ATTRIBUTES],
        status: 'error',
        errorCode: 'NotListed',
        message: 'load balancers could not be listed',
      });
      return [];
    }
    const listed = lbs.filter((lb) => lb.LoadBalancerArn);
    const arnOf = (lb: LoadBalancer) => lb.LoadBalancerArn!;
    const [attributes, listeners] = await Promise.all([
      perResource(
        ctx,
        step('DescribeLoadBalancerAttributes', ELBV2_LOAD_BALANCER_ATTRIBUTES),
        listed,
        arnOf,
        async (lb) => (await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arnOf(lb) }))).Attributes ?? [],
      ),
      perResource(ctx, step('DescribeListeners', ELBV2_LISTENER), listed, arnOf, (lb) =>
        allPages(paginateDescribeListeners(paging, { LoadBalancerArn: arnOf(lb) }), (p) => p.Listeners),
      ),
    ]);

    const out: Resource<any>[] = [];
    const ls: Resource<ListenerData>[] = [];
    for (const raw of listed) {
      const lb = loadBalancerToModel(raw, attributes.get(arnOf(raw)) ?? null, scope);
      out.push(lb);
      for (const l of listeners.get(arnOf(raw)) ?? []) if (l.ListenerArn) ls.push(listenerToModel(l, lb.data, scope));
    }
    out.push(...ls);

    // One call for every policy in use in the region (a batch: the cost does not grow with listeners).
    const names = [...new Set(ls.map((l) => l.data.sslPolicy).filter((n): n is string => !!n))].sort();
    if (names.length === 0) {
      ctx.record({ ...step('DescribeSSLPolicies', ELBV2_SSL_POLICY), status: 'ok', message: 'none to read' });
      return out;
    }
    const policies = await ctx.attempt(step('DescribeSSLPolicies', ELBV2_SSL_POLICY), async () => {
      const got: SslPolicy[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_POLICY_PAGES; page++) {
        const res = await client.send(new DescribeSSLPoliciesCommand({ Names: names, Marker: marker }));
        got.push(...(res.SslPolicies ?? []));
        if (!res.NextMarker || res.NextMarker === marker) return got;
        marker = res.NextMarker;
      }
      throw new Error(`DescribeSSLPolicies returned more than ${MAX_POLICY_PAGES} pages`);
    });
    for (const p of policies ?? []) if (p.Name && names.includes(p.Name)) out.push(sslPolicyToModel(p, scope));
    return out;
  },
};
