import { defineRule } from '../../src/api/rule.js';
import { ELBV2_LISTENER, ELBV2_SSL_POLICY } from '../../src/model/aws/elbv2.js';
import { ELB_REFS, POLICY_REMEDIATION, listenerPolicy, POLICY_MESSAGES } from '../_lib/aws-elbv2.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elbv2-listener-tls-1-3-not-supported',
  title: 'Load balancer listener does not offer TLS 1.3',
  severity: 'medium',
  resourceTypes: [ELBV2_LISTENER],
  inputs: [ELBV2_SSL_POLICY],
  description:
    'Reads what the security policy of each HTTPS (ALB) and TLS (NLB) listener actually allows, as `DescribeSSLPolicies` states it (not a list of policy names), and fails when TLS 1.3 is not among its protocols. Listeners of other protocols are not applicable; a policy Vigil could not resolve is unknown.',
  risk: 'Without TLS 1.3 every client falls back to TLS 1.2 handshakes: a slower handshake, negotiable legacy options and no protection of the certificate exchange. Both Mozilla profiles expect TLS 1.3.',
  remediation: POLICY_REMEDIATION,
  references: [ELB_REFS.policies, ELB_REFS.nlbPolicies, REFS.mozilla, REFS.rfc9325],
  messages: {
    missing: 'Listener {{listener}}: security policy {{policy}} does not offer TLS 1.3 (allows {{protocols}}).',
    offered: 'Listener {{listener}}: security policy {{policy}} offers TLS 1.3.',
    ...POLICY_MESSAGES,
  },
  evaluate(l, ctx) {
    const lp = listenerPolicy(l, ctx.index);
    if (lp.result) return lp.result;
    const { listener, policy: p } = lp;
    const data = { listener, policy: p.name, protocols: p.protocols.join(', ') || 'none' };
    if (p.protocols.includes('TLSv1.3')) return { status: 'pass', messageId: 'offered', data };
    return { status: 'fail', messageId: 'missing', data, evidence: { listenerArn: l.data.arn, sslPolicy: p.name, protocols: p.protocols } };
  },
});
