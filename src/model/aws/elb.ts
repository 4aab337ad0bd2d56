/**
 * `data` of the Classic Load Balancer resource types, written by src/collectors/aws/elb.ts (per region).
 *
 * - `aws.elb.load-balancer` (`ref.id` = the load balancer's ARN, `ref.name` = its name): scheme, listeners
 *   (from DescribeLoadBalancers: Classic ELB has no listener API of its own), attributes
 *   (DescribeLoadBalancerAttributes) and the SSL negotiation policies of the load balancer
 *   (DescribeLoadBalancerPolicies). Policies belong to one load balancer on Classic ELB, so they are kept
 *   on it rather than as a type of their own: the rules that grade them judge the load balancer, and a
 *   failed read of one load balancer's policies makes only that load balancer's policy rules unknown.
 * - `aws.elb.load-balancer-attributes` (virtual input): DescribeLoadBalancerAttributes, one call per load
 *   balancer (no batch API).
 * - `aws.elb.load-balancer-policies` (virtual input): DescribeLoadBalancerPolicies, one call per load
 *   balancer that has an HTTPS or SSL listener (all its policies in one answer, whatever the number of
 *   listeners).
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const ELB_LOAD_BALANCER = 'aws.elb.load-balancer' as const;
export const ELB_LOAD_BALANCER_ATTRIBUTES = 'aws.elb.load-balancer-attributes' as const;
export const ELB_LOAD_BALANCER_POLICIES = 'aws.elb.load-balancer-policies' as const;

/** One listener of a Classic Load Balancer. */
export interface ClassicListener {
  /** Front-end protocol: `HTTP`, `HTTPS`, `TCP` or `SSL`. */
  protocol: string;
  port: number | null;
  /** Back-end protocol towards the instances: `HTTP`, `HTTPS`, `TCP` or `SSL`. */
  instanceProtocol: string | null;
  instancePort: number | null;
  /** ACM or IAM certificate ARN (HTTPS and SSL listeners). */
  sslCertificateId: string | null;
  /** Names of the load balancer's policies attached to this listener (the SSL negotiation policy among them). */
  policyNames: string[];
}

/** The access log, cross-zone and connection settings of a Classic Load Balancer. */
export interface ClassicAttributes {
  accessLogEnabled: boolean | null;
  accessLogBucket: string | null;
  accessLogPrefix: string | null;
  /** Minutes between log files (5 or 60). */
  accessLogInterval: number | null;
  crossZoneEnabled: boolean | null;
  connectionDrainingEnabled: boolean | null;
  connectionDrainingTimeout: number | null;
  idleTimeout: number | null;
  /** `AdditionalAttributes` (e.g. `elb.http.desyncmitigationmode`), values as strings. */
  additional: Record<string, string>;
}

/** One cipher of an SSL negotiation policy. */
export interface ClassicPolicyCipher {
  /** As AWS names it (OpenSSL style, e.g. `ECDHE-RSA-AES128-GCM-SHA256`). */
  name: string;
  /** IANA name from the OpenSSL cipher table; `null` when the name is not in it (the rules say unknown). */
  iana: string | null;
  /** Classic ELB policies carry no priority (the order is `Server-Defined-Cipher-Order`). */
  priority: null;
}

/** A policy of the load balancer (DescribeLoadBalancerPolicies). */
export interface ClassicPolicy {
  name: string;
  /** `SSLNegotiationPolicyType`, `LBCookieStickinessPolicyType`, `ProxyProtocolPolicyType`, … */
  type: string | null;
  /** SSL negotiation policies: the predefined policy it was created from (`Reference-Security-Policy`). */
  referenceSecurityPolicy: string | null;
  /** SSL negotiation policies: the protocols whose attribute is `true` (`SSLv2`, `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`). */
  protocols: string[];
  /** SSL negotiation policies: the ciphers whose attribute is `true`. */
  ciphers: ClassicPolicyCipher[];
  serverDefinedCipherOrder: boolean | null;
  /**
   * Whether the answer listed the policy's protocol and cipher attributes (AWS lists every one, `true` or
   * `false`). `false` when only a `Reference-Security-Policy` came back: what it allows is then unknown.
   */
  expanded: boolean;
}

/** `aws.elb.load-balancer` */
export interface ClassicLoadBalancerData {
  arn: string;
  name: string;
  /** `internet-facing` or `internal`. */
  scheme: string | null;
  dnsName: string | null;
  /** `null` for EC2-Classic load balancers. */
  vpcId: string | null;
  listeners: ClassicListener[];
  /** `null` when DescribeLoadBalancerAttributes could not be read (coverage on `aws.elb.load-balancer-attributes`). */
  attributes: ClassicAttributes | null;
  /**
   * Every policy of the load balancer; `null` when not read: the load balancer has no HTTPS or SSL listener
   * (it is not asked), or DescribeLoadBalancerPolicies failed (coverage on `aws.elb.load-balancer-policies`).
   */
  policies: ClassicPolicy[] | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface ElbDataByType {
  [ELB_LOAD_BALANCER]: ClassicLoadBalancerData;
}

export const ELB_TYPES: TypeTable<ElbDataByType> = {
  [ELB_LOAD_BALANCER]: {
    provider: 'aws',
    scope: 'regional',
    version: 1,
    description: 'Classic Load Balancers (listeners, attributes, SSL negotiation policies)',
  },
};

export const ELB_INPUT_TYPES = {
  [ELB_LOAD_BALANCER_ATTRIBUTES]: { provider: 'aws', scope: 'regional', description: "A Classic Load Balancer's attributes (DescribeLoadBalancerAttributes)" },
  [ELB_LOAD_BALANCER_POLICIES]: { provider: 'aws', scope: 'regional', description: "A Classic Load Balancer's policies (DescribeLoadBalancerPolicies)" },
} as const satisfies Record<string, InputTypeInfo>;
