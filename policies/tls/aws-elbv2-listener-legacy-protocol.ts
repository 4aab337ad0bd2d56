import { defineRule } from '../../src/api/rule.js';
import { ELBV2_LISTENER, ELBV2_SSL_POLICY } from '../../src/model/aws/elbv2.js';
import { ELB_REFS, POLICY_REMEDIATION, protocolsOutside, listenerPolicy, POLICY_MESSAGES } from '../_lib/aws-elbv2.js';
import { PROFILE_TUNABLE, profileOf, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elbv2-listener-legacy-protocol',
  title: 'Load balancer listener allows TLS 1.0 or TLS 1.1',
  severity: 'high',
  resourceTypes: [ELBV2_LISTENER],
  inputs: [ELBV2_SSL_POLICY],
  description:
    'Fails when the security policy of an HTTPS or TLS listener allows a protocol outside the Mozilla profile, from the protocols `DescribeSSLPolicies` lists for it: TLS 1.0 and 1.1 (and SSLv3) under `intermediate` (the default), also TLS 1.2 under `modern`. `ELBSecurityPolicy-2016-08`, the default of the console and CLI, allows TLS 1.0. A policy Vigil could not resolve, or a protocol name it does not know, is unknown.',
  risk: 'TLS 1.0/1.1 are deprecated by RFC 8996 (SHA-1/MD5 handshake integrity, CBC attacks such as BEAST and Lucky13, downgrade exposure); PCI DSS 4.2.1 does not accept them for cardholder data, and HIPAA transmission security expects current protocols.',
  remediation: POLICY_REMEDIATION,
  references: [ELB_REFS.policies, ELB_REFS.nlbPolicies, REFS.rfc8996, REFS.mozilla, REFS.pci],
  messages: {
    legacy: 'Listener {{listener}}: security policy {{policy}} allows {{protocols}}, outside the Mozilla {{profile}} profile.',
    ok: 'Listener {{listener}}: security policy {{policy}} allows only {{profile}}-profile protocols ({{protocols}}).',
    ...POLICY_MESSAGES,
    unrecognised: 'Listener {{listener}}: security policy {{policy}} lists protocols Vigil does not know ({{protocols}}).',
  },
  ...PROFILE_TUNABLE,
  evaluate(l, ctx) {
    const profile = profileOf(ctx.options);
    const lp = listenerPolicy(l, ctx.index);
    if (lp.result) return lp.result;
    const { listener, policy: p } = lp;
    const policy = p.name;
    const { outside, unrecognised } = protocolsOutside(profile, p);
    const evidence = { listenerArn: l.data.arn, sslPolicy: policy, protocols: p.protocols, profile: profile.name };
    if (outside.length > 0)
      return {
        status: 'fail',
        messageId: 'legacy',
        data: { listener, policy, protocols: outside.join(', '), profile: profile.name },
        evidence: { ...evidence, outside },
      };
    if (unrecognised.length > 0)
      return { status: 'unknown', messageId: 'unrecognised', data: { listener, policy, protocols: unrecognised.join(', ') }, evidence };
    return { status: 'pass', messageId: 'ok', data: { listener, policy, protocols: p.protocols.join(', '), profile: profile.name } };
  },
});
