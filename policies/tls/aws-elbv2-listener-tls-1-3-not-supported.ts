import { defineRule } from '../../src/engine/define-rule.js';
import { ELBV2_LISTENER, ELBV2_SSL_POLICY } from '../../src/model/aws/elbv2.js';
import { ELB_REFS, listenerName, POLICY_REMEDIATION, resolvePolicy } from '../_lib/aws-elbv2.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elbv2-listener-tls-1-3-not-supported',
  title: 'Load balancer listener does not offer TLS 1.3',
  severity: 'medium',
  resourceTypes: [ELBV2_LISTENER],
  inputs: [ELBV2_SSL_POLICY],
  description:
    'Reads what the security policy of each HTTPS (ALB) and TLS (NLB) listener actually allows, as `DescribeSslPolicies` states it (not a list of policy names), and fails when TLS 1.3 is not among its protocols. Listeners of other protocols are not applicable; a policy Vigil could not resolve is unknown.',
  risk: 'Without TLS 1.3 every client falls back to TLS 1.2 handshakes: a slower handshake, negotiable legacy options and no protection of the certificate exchange. Both Mozilla profiles expect TLS 1.3.',
  remediation: POLICY_REMEDIATION,
  references: [ELB_REFS.policies, ELB_REFS.nlbPolicies, REFS.mozilla, REFS.rfc9325],
  messages: {
    missing: 'Listener {{listener}}: security policy {{policy}} does not offer TLS 1.3 (allows {{protocols}}).',
    offered: 'Listener {{listener}}: security policy {{policy}} offers TLS 1.3.',
    notTls: 'Listener {{listener}} does not terminate TLS.',
    unresolved: 'Listener {{listener}}: security policy {{policy}} could not be resolved, so what it allows is unknown.',
  },
  evaluate(l, ctx) {
    const listener = listenerName(l);
    const r = resolvePolicy(l, ctx.index);
    if (r.status === 'not_applicable') return { status: 'not_applicable', messageId: 'notTls', data: { listener } };
    if (r.status === 'unresolved') return { status: 'unknown', messageId: 'unresolved', data: { listener, policy: r.name ?? '(none named)' } };
    const data = { listener, policy: r.policy.name, protocols: r.policy.protocols.join(', ') || 'none' };
    if (r.policy.protocols.includes('TLSv1.3')) return { status: 'pass', messageId: 'offered', data };
    return { status: 'fail', messageId: 'missing', data, evidence: { listenerArn: l.data.arn, sslPolicy: r.policy.name, protocols: r.policy.protocols } };
  },
});
