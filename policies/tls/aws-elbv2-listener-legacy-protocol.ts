import { defineRule } from '../../src/engine/define-rule.js';
import { ELBV2_LISTENER, ELBV2_SSL_POLICY } from '../../src/model/aws/elbv2.js';
import { ELB_REFS, listenerName, POLICY_REMEDIATION, protocolsOutside, resolvePolicy } from '../_lib/aws-elbv2.js';
import { PROFILE_TUNABLE, profileOf, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elbv2-listener-legacy-protocol',
  title: 'Load balancer listener allows TLS 1.0 or TLS 1.1',
  severity: 'high',
  resourceTypes: [ELBV2_LISTENER],
  inputs: [ELBV2_SSL_POLICY],
  description:
    'Fails when the security policy of an HTTPS or TLS listener allows a protocol outside the Mozilla profile, from the protocols `DescribeSslPolicies` lists for it: TLS 1.0 and 1.1 (and SSLv3) under `intermediate` (the default), also TLS 1.2 under `modern`. `ELBSecurityPolicy-2016-08`, the default of the console and CLI, allows TLS 1.0. A policy Vigil could not resolve, or a protocol name it does not know, is unknown.',
  risk: 'TLS 1.0/1.1 are deprecated by RFC 8996 (SHA-1/MD5 handshake integrity, CBC attacks such as BEAST and Lucky13, downgrade exposure); PCI DSS 4.2.1 does not accept them for cardholder data, and HIPAA transmission security expects current protocols.',
  remediation: POLICY_REMEDIATION,
  references: [ELB_REFS.policies, ELB_REFS.nlbPolicies, REFS.rfc8996, REFS.mozilla, REFS.pci],
  messages: {
    legacy: 'Listener {{listener}}: security policy {{policy}} allows {{protocols}}, outside the Mozilla {{profile}} profile.',
    ok: 'Listener {{listener}}: security policy {{policy}} allows only {{profile}}-profile protocols ({{protocols}}).',
    notTls: 'Listener {{listener}} does not terminate TLS.',
    unresolved: 'Listener {{listener}}: security policy {{policy}} could not be resolved, so what it allows is unknown.',
    unrecognised: 'Listener {{listener}}: security policy {{policy}} lists protocols Vigil does not know ({{protocols}}).',
  },
  ...PROFILE_TUNABLE,
  evaluate(l, ctx) {
    const profile = profileOf(ctx.options);
    const listener = listenerName(l);
    const r = resolvePolicy(l, ctx.index);
    if (r.status === 'not_applicable') return { status: 'not_applicable', messageId: 'notTls', data: { listener } };
    if (r.status === 'unresolved') return { status: 'unknown', messageId: 'unresolved', data: { listener, policy: r.name ?? '(none named)' } };
    const policy = r.policy.name;
    const { outside, unrecognised } = protocolsOutside(profile, r.policy);
    const evidence = { listenerArn: l.data.arn, sslPolicy: policy, protocols: r.policy.protocols, profile: profile.name };
    if (outside.length > 0) return { status: 'fail', messageId: 'legacy', data: { listener, policy, protocols: outside.join(', '), profile: profile.name }, evidence: { ...evidence, outside } };
    if (unrecognised.length > 0) return { status: 'unknown', messageId: 'unrecognised', data: { listener, policy, protocols: unrecognised.join(', ') }, evidence };
    return { status: 'pass', messageId: 'ok', data: { listener, policy, protocols: r.policy.protocols.join(', '), profile: profile.name } };
  },
});
