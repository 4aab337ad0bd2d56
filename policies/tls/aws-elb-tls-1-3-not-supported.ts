import { defineRule } from '../../src/api/rule.js';
import { ELB_LOAD_BALANCER, ELB_LOAD_BALANCER_POLICIES } from '../../src/model/aws/elb.js';
import { CLB_POLICY_MESSAGES, CLB_POLICY_REMEDIATION, CLB_REFS, verdict } from '../_lib/aws-elb.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elb-tls-1-3-not-supported',
  title: 'Classic Load Balancer listener cannot offer TLS 1.3',
  severity: 'medium',
  resourceTypes: [ELB_LOAD_BALANCER],
  inputs: [ELB_LOAD_BALANCER_POLICIES],
  description:
    'Fails for a Classic Load Balancer with an HTTPS or SSL listener whose SSL negotiation policy does not list TLS 1.3, which is every Classic policy: Classic Load Balancers have no TLS 1.3 support at all, so this finding cannot be fixed by changing the policy, only by migrating to an Application or Network Load Balancer. It is graded on the returned protocols all the same (a future TLS 1.3 attribute would pass). A policy whose protocols were not returned is unknown.',
  risk: 'Without TLS 1.3 every session uses the TLS 1.2 handshake: no encrypted certificate exchange, more round trips, and a negotiation that still carries legacy options. Both Mozilla profiles and NIST SP 800-52r2 require TLS 1.3 support.',
  remediation: CLB_POLICY_REMEDIATION,
  references: [CLB_REFS.policies, CLB_REFS.migrate, REFS.nist, REFS.mozilla],
  messages: {
    noTls13: 'Classic Load Balancer {{name}} offers no TLS 1.3 (Classic ELB has no TLS 1.3 policy): {{listeners}}.',
    ok: 'Classic Load Balancer {{name}} lists TLS 1.3 ({{listeners}}).',
    ...CLB_POLICY_MESSAGES,
  },
  evaluate(lb) {
    return verdict(lb, (p) => ({ problem: p.protocols.includes('TLSv1.3') ? null : `protocols ${p.protocols.join(', ') || '(none)'}` }), {
      fail: 'noTls13',
      pass: 'ok',
    });
  },
});
