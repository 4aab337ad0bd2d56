import rule from '../../../policies/tls/aws-elbv2-listener-legacy-protocol.js';
import { listener, sslPolicy } from '../../support/aws-elbv2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const https = (policy: string) => listener('web', 443, 'HTTPS', { sslPolicy: policy });

ruleTester(rule, {
  valid: [
    {
      name: 'TLS 1.2 + 1.3 policy',
      resource: https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')],
    },
    {
      name: 'TLS 1.3 only under modern',
      resource: https('ELBSecurityPolicy-TLS13-1-3-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-3-2021-06')],
      options: { profile: 'modern' },
    },
    {
      name: 'NLB TLS listener',
      resource: listener('nlb', 443, 'TLS', { loadBalancerType: 'network', sslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }),
      others: [sslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')],
    },
    { name: 'HTTP listener', resource: listener('web', 80, 'HTTP'), status: 'not_applicable' },
    { name: 'TCP listener', resource: listener('nlb', 5432, 'TCP', { loadBalancerType: 'network' }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'console default 2016-08 allows TLS 1.0 and 1.1',
      resource: https('ELBSecurityPolicy-2016-08'),
      others: [sslPolicy('ELBSecurityPolicy-2016-08')],
      messageId: 'legacy',
      evidence: { outside: ['TLSv1.1', 'TLSv1'], sslPolicy: 'ELBSecurityPolicy-2016-08' },
    },
    {
      name: 'TLS 1.2 under modern',
      resource: https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')],
      options: { profile: 'modern' },
      messageId: 'legacy',
      evidence: { outside: ['TLSv1.2'] },
    },
    {
      name: 'SSLv3 listed',
      resource: https('Old'),
      others: [sslPolicy('Old', { protocols: ['SSLv3', 'TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256'] })],
      messageId: 'legacy',
      evidence: { outside: ['SSLv3'] },
    },
    {
      name: 'what the policy allows decides, not its name',
      resource: https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06', { protocols: ['TLSv1.3', 'TLSv1.1'] })],
      messageId: 'legacy',
    },
  ],
  unknown: [
    {
      name: 'policy not returned by DescribeSslPolicies',
      resource: https('ELBSecurityPolicy-Unheard-Of'),
      others: [sslPolicy('ELBSecurityPolicy-2016-08')],
      messageId: 'unresolved',
    },
    {
      name: 'policy of another region does not count',
      resource: https('ELBSecurityPolicy-TLS13-1-2-Res-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06', {}, { region: 'eu-west-1' })],
      messageId: 'unresolved',
    },
    { name: 'HTTPS listener naming no policy', resource: listener('web', 443, 'HTTPS', { sslPolicy: null }), messageId: 'unresolved' },
    {
      name: 'unknown protocol name',
      resource: https('Future'),
      others: [sslPolicy('Future', { protocols: ['TLSv1.2', 'TLSv1.4'], ciphers: [] })],
      messageId: 'unrecognised',
    },
    {
      name: 'DescribeSslPolicies denied',
      resource: https('ELBSecurityPolicy-2016-08'),
      coverage: [gap(['aws.elbv2.ssl-policy'], { operation: 'DescribeSslPolicies' })],
      messageId: '_coverage',
    },
    { name: 'collected, but no policy of that name (the tester records ok coverage)', resource: https('ELBSecurityPolicy-2016-08'), messageId: 'unresolved' },
  ],
});
