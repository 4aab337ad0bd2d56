/** Shared helpers of the aws-elbv2-* rules: resolving a listener's security policy and grading it against a Mozilla profile. */
import type { RuleResult, SnapshotIndex } from '../../src/engine/types.js';
import { ELBV2_SSL_POLICY, type ListenerData, type SslPolicyData } from '../../src/model/aws/elbv2.js';
import type { Resource } from '../../src/model/types.js';
import type { TlsProtocol } from '../../src/model/tls.js';
import { allowedByProfile, INSECURE, isTls13Suite, type MozillaProfile, type SuiteWeakness, suiteWeaknesses } from './tls-profiles.js';

export type Listener = Resource<ListenerData>;

/** Listener protocols that terminate TLS (and so carry a security policy). */
export const TLS_LISTENER_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'TLS']);

/** AWS protocol names → the TLS model's keys; `SSLv3` has no key and is always outside the profiles. */
const PROTOCOL_KEYS: Record<string, TlsProtocol> = { TLSv1: 'tls1_0', 'TLSv1.1': 'tls1_1', 'TLSv1.2': 'tls1_2', 'TLSv1.3': 'tls1_3' };
const KNOWN_LEGACY = new Set(['SSLv2', 'SSLv3']);

export type PolicyResolution = { status: 'not_applicable' } | { status: 'unresolved'; name: string | null } | { status: 'ok'; policy: SslPolicyData };

/**
 * The security policy of a TLS-terminating listener, looked up among the collected policies of the listener's
 * account and region. `unresolved` when the listener names no policy or the name was not returned by
 * DescribeSslPolicies: the rules then say unknown, never pass.
 */
export function resolvePolicy(l: Listener, index: SnapshotIndex): PolicyResolution {
  if (!TLS_LISTENER_PROTOCOLS.has(l.data.protocol ?? '')) return { status: 'not_applicable' };
  const name = l.data.sslPolicy;
  if (!name) return { status: 'unresolved', name: null };
  const p = index.inScope(ELBV2_SSL_POLICY, l.ref.account, l.ref.region).find((r) => r.ref.id === name);
  return p ? { status: 'ok', policy: p.data } : { status: 'unresolved', name };
}

/** Message templates of the outcomes {@link listenerPolicy} decides, shared by the policy rules. */
export const POLICY_MESSAGES = {
  notTls: 'Listener {{listener}} does not terminate TLS.',
  unresolved: 'Listener {{listener}}: security policy {{policy}} could not be resolved, so what it allows is unknown.',
} as const;

/**
 * The first step of every policy rule: the listener's display name and its resolved policy, or the result
 * when there is nothing to grade (not a TLS listener: not applicable; policy not resolved: unknown).
 */
export function listenerPolicy(
  l: Listener,
  index: SnapshotIndex,
): { listener: string; policy: SslPolicyData; result?: undefined } | { result: RuleResult<keyof typeof POLICY_MESSAGES> } {
  const listener = listenerName(l);
  const r = resolvePolicy(l, index);
  if (r.status === 'not_applicable') return { result: { status: 'not_applicable', messageId: 'notTls', data: { listener } } };
  if (r.status === 'unresolved') return { result: { status: 'unknown', messageId: 'unresolved', data: { listener, policy: r.name ?? '(none named)' } } };
  return { listener, policy: r.policy };
}

/** Protocols the policy allows outside the profile (AWS names), and names this code does not know. */
export function protocolsOutside(profile: MozillaProfile, policy: Pick<SslPolicyData, 'protocols'>): { outside: string[]; unrecognised: string[] } {
  const outside: string[] = [];
  const unrecognised: string[] = [];
  for (const p of policy.protocols) {
    const key = PROTOCOL_KEYS[p];
    if (key) {
      if (!profile.protocols.includes(key)) outside.push(p);
    } else if (KNOWN_LEGACY.has(p)) outside.push(p);
    else unrecognised.push(p);
  }
  return { outside, unrecognised };
}

export interface CipherOffender {
  suite: string;
  iana: string;
  weaknesses: string[];
  insecure: boolean;
}

/**
 * The policy's suites that the profile does not allow. TLS 1.2-and-older suites count only when the policy
 * allows such a protocol; a suite whose IANA name is unknown is returned in `unmapped`.
 */
export function ciphersOutside(
  profile: MozillaProfile,
  policy: Pick<SslPolicyData, 'protocols' | 'ciphers'>,
): { offenders: CipherOffender[]; unmapped: string[] } {
  const pre13 = policy.protocols.some((p) => p !== 'TLSv1.3');
  const offenders: CipherOffender[] = [];
  const unmapped: string[] = [];
  for (const c of policy.ciphers) {
    if (c.iana === null) {
      unmapped.push(c.name);
      continue;
    }
    const tls13 = isTls13Suite(c.iana);
    if (!tls13 && !pre13) continue;
    const weaknesses = suiteWeaknesses({ iana: c.iana });
    if (weaknesses.length === 0 && allowedByProfile(profile, tls13 ? 'tls1_3' : 'tls1_2', c.iana)) continue;
    offenders.push({ suite: c.name, iana: c.iana, weaknesses, insecure: weaknesses.some((w) => INSECURE.has(w as SuiteWeakness)) });
  }
  return { offenders, unmapped };
}

/** `alb-1:443 (HTTPS, policy ELBSecurityPolicy-2016-08)` */
export function listenerName(l: Listener): string {
  return `${l.data.loadBalancerName}:${l.data.port ?? '?'} (${l.data.protocol ?? '?'})`;
}

export const ELB_REFS = {
  policies: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
  nlbPolicies: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html',
  redirect: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
  attributes: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
};

/** Remediation lines shared by the policy rules. */
export const POLICY_REMEDIATION = [
  'Attach a TLS 1.3 security policy that also disallows TLS 1.0/1.1 and CBC / non-forward-secret suites, e.g. `ELBSecurityPolicy-TLS13-1-2-Res-2021-06` (or `ELBSecurityPolicy-TLS13-1-3-2021-06` for TLS 1.3 only).',
  '',
  '- Console: EC2 → Load Balancers → the load balancer → Listeners → the HTTPS/TLS listener → Edit → Security policy.',
  '- CLI: `aws elbv2 modify-listener --listener-arn ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06`',
  '- Terraform: `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"` on `aws_lb_listener`.',
].join('\n');
