import rule from '../../../policies/tls/aws-elbv2-listener-tls-1-3-not-supported.js';
import { listener, sslPolicy } from '../../support/aws-elbv2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const https = (policy: string) => listener('web', 443, 'HTTPS', { sslPolicy: policy });

ruleTester(rule, {
  valid: [
    { name: 'TLS13 policy', resource: https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'), others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')] },
    { name: 'TCP listener', resource: listener('nlb', 22, 'TCP'), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'TLS 1.2 only',
      resource: https('ELBSecurityPolicy-TLS-1-2-2017-01'),
      others: [sslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')],
      messageId: 'missing',
      evidence: { protocols: ['TLSv1.2'] },
    },
    { name: '2016-08', resource: https('ELBSecurityPolicy-2016-08'), others: [sslPolicy('ELBSecurityPolicy-2016-08')], messageId: 'missing' },
  ],
  unknown: [
    { name: 'unresolved policy', resource: https('Nope'), others: [sslPolicy('ELBSecurityPolicy-2016-08')], messageId: 'unresolved' },
    { name: 'denied', resource: https('ELBSecurityPolicy-2016-08'), coverage: [gap(['aws.elbv2.ssl-policy'])], messageId: '_coverage' },
  ],
});
