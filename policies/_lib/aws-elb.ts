/**
 * Shared helpers of the aws-elb-* rules (Classic Load Balancers): the SSL negotiation policy of each HTTPS
 * or SSL listener, resolved among the load balancer's own policies (on Classic ELB a policy belongs to one
 * load balancer), and the per-load-balancer verdict over its listeners. The grading itself is the ELBv2
 * one (`aws-elbv2.ts`, Mozilla profiles of `tls-profiles.ts`).
 */
import type { RuleResult } from '../../src/engine/types.js';
import type { ClassicListener, ClassicLoadBalancerData, ClassicPolicy } from '../../src/model/aws/elb.js';
import type { Resource } from '../../src/model/types.js';

export type ClassicLoadBalancer = Resource<ClassicLoadBalancerData>;

export const CLASSIC_TLS_PROTOCOLS: ReadonlySet<string> = new Set(['HTTPS', 'SSL']);

export const CLB_REFS = {
  policies: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html',
  listeners: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html',
  update: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html',
  accessLogs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-access-logs.html',
  migrate: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/migrate-classic-load-balancer.html',
};

/** `443 (HTTPS)` */
export function listenerLabel(l: ClassicListener): string {
  return `${l.port ?? '?'} (${l.protocol})`;
}

export type ListenerPolicy = { listener: ClassicListener; label: string } & (
  { status: 'ok'; policy: ClassicPolicy } | { status: 'unresolved'; reason: string; policyName: string | null }
);

/**
 * The SSL negotiation policy of every HTTPS / SSL listener. `unresolved` (the rules say unknown) when the
 * listener names no negotiation policy among the load balancer's policies, or the policy came back with only
 * a `Reference-Security-Policy` and no protocol attributes.
 */
export function listenerPolicies(lb: ClassicLoadBalancer): ListenerPolicy[] {
  const out: ListenerPolicy[] = [];
  for (const listener of lb.data.listeners) {
    if (!CLASSIC_TLS_PROTOCOLS.has(listener.protocol)) continue;
    const label = listenerLabel(listener);
    const policies = lb.data.policies;
    if (policies === null) {
      out.push({ listener, label, status: 'unresolved', reason: 'the load balancer’s policies were not read', policyName: null });
      continue;
    }
    const named = policies.filter((p) => listener.policyNames.includes(p.name) && p.type === 'SSLNegotiationPolicyType');
    const policy = named[0];
    if (!policy) {
      out.push({ listener, label, status: 'unresolved', reason: 'the listener names no SSL negotiation policy that was returned', policyName: null });
      continue;
    }
    if (!policy.expanded) {
      const ref = policy.referenceSecurityPolicy ? ` (only its reference ${policy.referenceSecurityPolicy})` : '';
      out.push({
        listener,
        label,
        status: 'unresolved',
        reason: `policy ${policy.name} came back without its protocol attributes${ref}`,
        policyName: policy.name,
      });
      continue;
    }
    out.push({ listener, label, status: 'ok', policy });
  }
  return out;
}

/** Message templates of the outcomes {@link verdict} produces besides fail/pass. */
export const CLB_POLICY_MESSAGES = {
  notTls: 'Classic Load Balancer {{name}} has no HTTPS or SSL listener.',
  unresolved: 'Classic Load Balancer {{name}}: what the SSL negotiation policy of listener(s) {{listeners}} allows is unknown ({{reasons}}).',
} as const;

export interface ListenerVerdict {
  label: string;
  policy: string;
  /** What is wrong (`TLSv1, TLSv1.1`), or `null` when the listener is fine. */
  problem: string | null;
  /** Something the grader could not judge (unknown names); only counts when no listener fails. */
  unknown?: string;
}

/**
 * One result for the load balancer from a grade per TLS listener: fail when any listener fails (all failing
 * listeners in the message), else unknown when any could not be resolved or judged, else pass.
 */
export function verdict<M extends string>(
  lb: ClassicLoadBalancer,
  grade: (p: ClassicPolicy) => { problem: string | null; unknown?: string },
  ids: { fail: M; pass: M; unknown?: M },
): RuleResult<M | keyof typeof CLB_POLICY_MESSAGES> {
  const name = lb.data.name;
  const lps = listenerPolicies(lb);
  if (lps.length === 0) return { status: 'not_applicable', messageId: 'notTls', data: { name } };
  const graded: ListenerVerdict[] = [];
  const unresolved: Array<{ label: string; reason: string }> = [];
  for (const lp of lps) {
    if (lp.status === 'unresolved') unresolved.push({ label: lp.label, reason: lp.reason });
    else graded.push({ label: lp.label, policy: lp.policy.name, ...grade(lp.policy) });
  }
  const failing = graded.filter((g) => g.problem !== null);
  const evidence = {
    arn: lb.data.arn,
    scheme: lb.data.scheme,
    listeners: graded.map((g) => ({
      listener: g.label,
      policy: g.policy,
      ...(g.problem ? { problem: g.problem } : {}),
      ...(g.unknown ? { unknown: g.unknown } : {}),
    })),
    ...(unresolved.length ? { unresolved } : {}),
  };
  if (failing.length > 0)
    return {
      status: 'fail',
      messageId: ids.fail,
      data: { name, listeners: failing.map((g) => `${g.label} policy ${g.policy}: ${g.problem}`).join('; ') },
      evidence,
    };
  if (unresolved.length > 0)
    return {
      status: 'unknown',
      messageId: 'unresolved',
      data: { name, listeners: unresolved.map((u) => u.label).join(', '), reasons: [...new Set(unresolved.map((u) => u.reason))].join('; ') },
      evidence,
    };
  const unjudged = graded.filter((g) => g.unknown);
  if (unjudged.length > 0 && ids.unknown)
    return {
      status: 'unknown',
      messageId: ids.unknown,
      data: { name, listeners: unjudged.map((g) => `${g.label} policy ${g.policy}: ${g.unknown}`).join('; ') },
      evidence,
    };
  return { status: 'pass', messageId: ids.pass, data: { name, listeners: graded.map((g) => `${g.label} policy ${g.policy}`).join('; ') } };
}

/** Remediation lines shared by the policy rules. */
export const CLB_POLICY_REMEDIATION = [
  'Classic Load Balancers offer no TLS 1.3 policy at all: migrate the load balancer to an Application or Network Load Balancer with `ELBSecurityPolicy-TLS13-1-2-Res-2021-06` (AWS’s migration wizard copies listeners and targets). Until then, attach the strictest Classic policy, `ELBSecurityPolicy-TLS-1-2-2017-01` (TLS 1.2, ECDHE-GCM suites only).',
  '',
  '- Console: EC2 → Load Balancers → the Classic Load Balancer → Listeners → Edit → SSL negotiation policy "Predefined: ELBSecurityPolicy-TLS-1-2-2017-01"; or "Launch ALB migration wizard".',
  '- CLI: `aws elb create-load-balancer-policy --load-balancer-name LB --policy-name tls12 --policy-type-name SSLNegotiationPolicyType --policy-attributes AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01` then `aws elb set-load-balancer-policies-of-listener --load-balancer-name LB --load-balancer-port 443 --policy-names tls12`',
  '- Terraform: `aws_load_balancer_policy` with `policy_type_name = "SSLNegotiationPolicyType"` and `policy_attribute { name = "Reference-Security-Policy" value = "ELBSecurityPolicy-TLS-1-2-2017-01" }`, attached with `aws_load_balancer_listener_policy`; better, replace `aws_elb` by `aws_lb` + `aws_lb_listener`.',
].join('\n');
