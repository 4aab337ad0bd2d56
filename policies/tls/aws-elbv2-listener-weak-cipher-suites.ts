import { defineRule } from '../../src/api/rule.js';
import { ELBV2_LISTENER, ELBV2_SSL_POLICY } from '../../src/model/aws/elbv2.js';
import { type CipherOffender, ciphersOutside, ELB_REFS, POLICY_REMEDIATION, listenerPolicy, POLICY_MESSAGES } from '../_lib/aws-elbv2.js';
import { PROFILE_TUNABLE, profileOf, REFS } from '../_lib/tls-rules.js';

const show = (list: CipherOffender[]) =>
  list
    .slice(0, 8)
    .map((o) => `${o.suite}${o.weaknesses.length ? ` (${o.weaknesses.join(', ')})` : ''}`)
    .join('; ') + (list.length > 8 ? '; …' : '');

export default defineRule({
  id: 'aws-elbv2-listener-weak-cipher-suites',
  title: 'Load balancer listener allows weak or non-recommended cipher suites',
  severity: 'high',
  resourceTypes: [ELBV2_LISTENER],
  inputs: [ELBV2_SSL_POLICY],
  description:
    'Grades every cipher suite the security policy of an HTTPS or TLS listener lists (`DescribeSSLPolicies`, names mapped to IANA through the OpenSSL cipher table) against the Mozilla profile, exactly as `tls-weak-cipher-suites` grades a live endpoint: `weak` for broken suites (NULL, anonymous, EXPORT, RC4, DES/3DES, MD5), `outsideProfile` for CBC-mode, non-forward-secret or other unlisted suites. TLS 1.2 suites do not count for a TLS 1.3-only policy. A policy that cannot be resolved, or a suite name that cannot be mapped, is unknown.',
  risk: 'Weak suites let an attacker read or alter traffic (Sweet32 on 3DES, RC4 biases); suites without forward secrecy (`AES128-SHA`, RSA key transport) let anyone who later obtains the certificate key decrypt recorded sessions; CBC suites carry the padding-oracle history.',
  remediation: POLICY_REMEDIATION,
  references: [ELB_REFS.policies, ELB_REFS.nlbPolicies, REFS.mozilla, REFS.rfc9325, REFS.nist],
  messages: {
    weak: 'Listener {{listener}}: security policy {{policy}} allows {{count}} weak suite(s): {{suites}}.',
    outsideProfile: 'Listener {{listener}}: security policy {{policy}} allows {{count}} suite(s) outside the Mozilla {{profile}} profile: {{suites}}.',
    ok: 'Listener {{listener}}: security policy {{policy}} allows only suites of the Mozilla {{profile}} profile.',
    ...POLICY_MESSAGES,
    unmapped: 'Listener {{listener}}: security policy {{policy}} lists suites Vigil cannot grade ({{suites}}).',
  },
  ...PROFILE_TUNABLE,
  evaluate(l, ctx) {
    const profile = profileOf(ctx.options);
    const lp = listenerPolicy(l, ctx.index);
    if (lp.result) return lp.result;
    const { listener, policy: p } = lp;
    const policy = p.name;
    const { offenders, unmapped } = ciphersOutside(profile, p);
    const evidence = {
      listenerArn: l.data.arn,
      sslPolicy: policy,
      profile: profile.name,
      suites: offenders.map(({ insecure: _, ...o }) => o),
      ...(unmapped.length ? { unmapped } : {}),
    };
    const insecure = offenders.filter((o) => o.insecure);
    if (insecure.length > 0) return { status: 'fail', messageId: 'weak', data: { listener, policy, count: insecure.length, suites: show(insecure) }, evidence };
    if (offenders.length > 0)
      return {
        status: 'fail',
        messageId: 'outsideProfile',
        data: { listener, policy, count: offenders.length, profile: profile.name, suites: show(offenders) },
        evidence,
      };
    if (unmapped.length > 0) return { status: 'unknown', messageId: 'unmapped', data: { listener, policy, suites: unmapped.join(', ') }, evidence };
    return { status: 'pass', messageId: 'ok', data: { listener, policy, profile: profile.name } };
  },
});
