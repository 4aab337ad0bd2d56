import rule from '../../../policies/network/aws-default-sg-has-rules.js';
import { perm, sg } from '../../support/aws-ec2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'empty default group', resource: sg('sg-d', [], { isDefault: true, egress: [] }, 'default') },
    { name: 'non-default group with rules', resource: sg('sg-1', [perm('tcp', 22, 22, '0.0.0.0/0')]), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'aws creation defaults (self reference + egress all)',
      resource: sg('sg-d', [perm('all', null, null, 'sg-d')], { isDefault: true }, 'default'),
      messageId: 'hasRules',
      evidence: { rule: 'sg-d all', ingress: ['sg-d all'], egress: ['0.0.0.0/0 all'] },
    },
    {
      name: 'egress only',
      resource: sg('sg-d', [], { isDefault: true }, 'default'),
      messageId: 'hasRules',
      evidence: { ingress: [], egress: ['0.0.0.0/0 all'] },
    },
  ],
  unknown: [{ name: 'groups not collected', coverage: [gap(['aws.ec2.security-group'])] }],
});
