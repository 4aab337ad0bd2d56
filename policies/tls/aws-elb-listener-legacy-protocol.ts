import { defineRule } from '../../src/api/rule.js';
import { ELB_LOAD_BALANCER, ELB_LOAD_BALANCER_POLICIES } from '../../src/model/aws/elb.js';
import { CLB_POLICY_MESSAGES, CLB_POLICY_REMEDIATION, CLB_REFS, verdict } from '../_lib/aws-elb.js';
import { protocolsOutside } from '../_lib/aws-elbv2.js';
import { PROFILE_TUNABLE, profileOf, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-elb-listener-legacy-protocol',
  title: 'Classic Load Balancer listener allows TLS 1.0 or TLS 1.1',
  severity: 'high',
  resourceTypes: [ELB_LOAD_BALANCER],
  inputs: [ELB_LOAD_BALANCER_POLICIES],
  description:
    'Fails for a Classic Load Balancer when the SSL negotiation policy of one of its HTTPS or SSL listeners allows a protocol outside the Mozilla profile, read from the `Protocol-*` attributes `DescribeLoadBalancerPolicies` returns for it (not from the policy name): TLS 1.0/1.1 and SSLv2/SSLv3 under `intermediate` (the default), also TLS 1.2 under `modern`. Most predefined Classic policies (`ELBSecurityPolicy-2016-08`, the default) allow TLS 1.0. A policy whose protocols are not returned, or a protocol name Vigil does not know, is unknown.',
  risk: 'TLS 1.0/1.1 are deprecated by RFC 8996 (SHA-1/MD5 handshake integrity, CBC attacks such as BEAST and Lucky13, downgrade exposure); PCI DSS 4.2.1 does not accept them for cardholder data, and HIPAA transmission security expects current protocols.',
  remediation: CLB_POLICY_REMEDIATION,
  references: [CLB_REFS.policies, CLB_REFS.update, REFS.rfc8996, REFS.mozilla, REFS.pci],
  messages: {
    legacy: 'Classic Load Balancer {{name}} allows protocols outside the Mozilla profile: {{listeners}}.',
    ok: 'Classic Load Balancer {{name}} allows only profile protocols on its TLS listeners ({{listeners}}).',
    unrecognised: 'Classic Load Balancer {{name}}: protocols Vigil does not know: {{listeners}}.',
    ...CLB_POLICY_MESSAGES,
  },
  ...PROFILE_TUNABLE,
  evaluate(lb, ctx) {
    const profile = profileOf(ctx.options);
    return verdict(
      lb,
      (p) => {
        const { outside, unrecognised } = protocolsOutside(profile, p);
        return {
          problem: outside.length ? `allows ${outside.join(', ')}` : null,
          ...(unrecognised.length ? { unknown: `lists ${unrecognised.join(', ')}` } : {}),
        };
      },
      { fail: 'legacy', pass: 'ok', unknown: 'unrecognised' },
    );
  },
});
