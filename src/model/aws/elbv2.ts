/**
 * `data` of the Elastic Load Balancing v2 resource types (ALB, NLB, GWLB) written by
 * src/collectors/aws/elbv2.ts (per region).
 *
 * - `aws.elbv2.load-balancer` (`ref.id` = load balancer ARN, `ref.name` = its name).
 * - `aws.elbv2.listener` (`ref.id` = listener ARN, `ref.name` = `<load balancer>:<port>`): protocol, the
 *   name of its security policy, certificates and default actions. The policy's contents are a separate
 *   type, so a denied `DescribeSSLPolicies` makes only the rules that grade the policy unknown.
 * - `aws.elbv2.ssl-policy` (`ref.id` = policy name): what a security policy allows, as
 *   `DescribeSSLPolicies` states it. Only the policies some listener of the region uses are kept.
 * - `aws.elbv2.load-balancer-attributes` (virtual input): `DescribeLoadBalancerAttributes`, one call per
 *   load balancer; its data lives in the load balancer's `attributes`.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const ELBV2_LOAD_BALANCER = 'aws.elbv2.load-balancer' as const;
export const ELBV2_LISTENER = 'aws.elbv2.listener' as const;
export const ELBV2_SSL_POLICY = 'aws.elbv2.ssl-policy' as const;
export const ELBV2_LOAD_BALANCER_ATTRIBUTES = 'aws.elbv2.load-balancer-attributes' as const;

/** `aws.elbv2.load-balancer` */
export interface LoadBalancerData {
  arn: string;
  name: string;
  /** `application`, `network` or `gateway`. */
  type: string | null;
  /** `internet-facing` or `internal`. */
  scheme: string | null;
  dnsName: string | null;
  /** `active`, `provisioning`, `active_impaired`, `failed`. */
  state: string | null;
  vpcId: string | null;
  /**
   * Every attribute `DescribeLoadBalancerAttributes` returned (`routing.http.drop_invalid_header_fields.enabled`,
   * `access_logs.s3.enabled`, `routing.http.desync_mitigation_mode`, …), values as strings. `null` when the
   * attributes could not be read (coverage entry on `aws.elbv2.load-balancer-attributes`).
   */
  attributes: Record<string, string> | null;
}

/** One action of a listener (default actions only). */
export interface ListenerAction {
  /** `forward`, `redirect`, `fixed-response`, `authenticate-oidc`, `authenticate-cognito`. */
  type: string;
  order: number | null;
  /** For `redirect`: the target protocol (`HTTPS`, `HTTP`, `#{protocol}`), port and status code. */
  redirect: { protocol: string | null; port: string | null; statusCode: string | null } | null;
  /** For `fixed-response`: the status code. */
  fixedResponseStatusCode: string | null;
}

/** `aws.elbv2.listener` */
export interface ListenerData {
  arn: string;
  loadBalancerArn: string;
  loadBalancerName: string;
  /** The load balancer's `type` and `scheme`, copied so rules need no join. */
  loadBalancerType: string | null;
  scheme: string | null;
  port: number | null;
  /** `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`. */
  protocol: string | null;
  /** Security policy name (HTTPS and TLS listeners). */
  sslPolicy: string | null;
  /** ARNs of the default certificates. */
  certificateArns: string[];
  /** TLS listeners of NLBs: `HTTP2Preferred`, `HTTP1Only`, … */
  alpnPolicy: string[];
  defaultActions: ListenerAction[];
}

/** One cipher suite of a security policy. */
export interface SslPolicyCipher {
  /** As AWS names it (OpenSSL style, e.g. `ECDHE-RSA-AES128-GCM-SHA256`; TLS 1.3 suites by IANA name). */
  name: string;
  /** IANA name, from the OpenSSL cipher table; `null` when the name is not in it (the rules say unknown). */
  iana: string | null;
  priority: number | null;
}

/** `aws.elbv2.ssl-policy` */
export interface SslPolicyData {
  name: string;
  /** Protocols as AWS names them: `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3` (`SSLv3` for old classic policies). */
  protocols: string[];
  ciphers: SslPolicyCipher[];
  /** `application`, `network`; empty when not stated. */
  supportedLoadBalancerTypes: string[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface Elbv2DataByType {
  [ELBV2_LOAD_BALANCER]: LoadBalancerData;
  [ELBV2_LISTENER]: ListenerData;
  [ELBV2_SSL_POLICY]: SslPolicyData;
}

export const ELBV2_TYPES: TypeTable<Elbv2DataByType> = {
  [ELBV2_LOAD_BALANCER]: { provider: 'aws', scope: 'regional', version: 1, description: 'Application, Network and Gateway Load Balancers' },
  [ELBV2_LISTENER]: { provider: 'aws', scope: 'regional', version: 1, description: 'ELBv2 listeners (protocol, security policy, default actions)' },
  [ELBV2_SSL_POLICY]: { provider: 'aws', scope: 'regional', version: 1, description: 'ELBv2 security policies in use (protocols and cipher suites)' },
};

export const ELBV2_INPUT_TYPES = {
  [ELBV2_LOAD_BALANCER_ATTRIBUTES]: { provider: 'aws', scope: 'regional', description: "A load balancer's attributes (DescribeLoadBalancerAttributes)" },
} as const satisfies Record<string, InputTypeInfo>;
