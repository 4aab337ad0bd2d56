import { defineRule } from '../../src/api/rule.js';
import { ELB_LOAD_BALANCER, ELB_LOAD_BALANCER_POLICIES } from '../../src/model/aws/elb.js';
import { CLB_POLICY_MESSAGES, CLB_POLICY_REMEDIATION, CLB_REFS, verdict } from '../_lib/aws-elb.js';
import { type CipherOffender, ciphersOutside } from '../_lib/aws-elbv2.js';
import { PROFILE_TUNABLE, profileOf, REFS } from '../_lib/tls-rules.js';

const show = (list: CipherOffender[]) =>
  list
    .slice(0, 6)
    .map((o) => `${o.suite}${o.weaknesses.length ? ` (${o.weaknesses.join(', ')})` : ''}`)
    .join(', ') + (list.length > 6 ? ', …' : '');

export default defineRule({
  id: 'aws-elb-listener-weak-cipher-suites',
  title: 'Classic Load Balancer listener allows weak or non-recommended cipher suites',
  severity: 'high',
  resourceTypes: [ELB_LOAD_BALANCER],
  inputs: [ELB_LOAD_BALANCER_POLICIES],
  description:
    'Grades every cipher the SSL negotiation policy of an HTTPS or SSL listener enables (attributes set to `true` in `DescribeLoadBalancerPolicies`, OpenSSL names mapped to IANA) against the Mozilla profile, exactly as `aws-elbv2-listener-weak-cipher-suites` and `tls-weak-cipher-suites` do: broken suites (3DES, RC4, DES, EXPORT, NULL, MD5) and suites outside the profile (CBC mode, RSA key transport without forward secrecy) fail. A suite name that cannot be mapped is unknown; so is a policy whose attributes were not returned.',
  risk: 'Weak suites let an attacker read or alter traffic (Sweet32 on 3DES, RC4 biases); suites without forward secrecy let anyone who later obtains the certificate key decrypt recorded sessions; CBC suites carry the padding-oracle history.',
  remediation: CLB_POLICY_REMEDIATION,
  references: [CLB_REFS.policies, CLB_REFS.update, REFS.mozilla, REFS.rfc9325, REFS.nist],
  messages: {
    weak: 'Classic Load Balancer {{name}} allows weak or non-profile suites: {{listeners}}.',
    ok: 'Classic Load Balancer {{name}} allows only suites of the Mozilla profile ({{listeners}}).',
    unmapped: 'Classic Load Balancer {{name}}: suites Vigil cannot grade: {{listeners}}.',
    ...CLB_POLICY_MESSAGES,
  },
  ...PROFILE_TUNABLE,
  evaluate(lb, ctx) {
    const profile = profileOf(ctx.options);
    return verdict(
      lb,
      (p) => {
        const { offenders, unmapped } = ciphersOutside(profile, p);
        const insecure = offenders.filter((o) => o.insecure);
        const problem = offenders.length ? `${insecure.length} weak and ${offenders.length - insecure.length} outside the profile: ${show(offenders)}` : null;
        return { problem, ...(unmapped.length ? { unknown: unmapped.join(', ') } : {}) };
      },
      { fail: 'weak', pass: 'ok', unknown: 'unmapped' },
    );
  },
});
