import rule from '../../../policies/tls/aws-elbv2-listener-weak-cipher-suites.js';
import { listener, sslPolicy } from '../../support/aws-elbv2.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const https = (policy: string) => listener('web', 443, 'HTTPS', { sslPolicy: policy });

ruleTester(rule, {
  valid: [
    {
      name: 'restricted TLS 1.3 + 1.2 policy (AEAD, forward secret)',
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
      name: 'TLS 1.2 suites listed by a TLS 1.3-only policy do not count',
      resource: https('Only13'),
      others: [sslPolicy('Only13', { protocols: ['TLSv1.3'], ciphers: ['TLS_AES_128_GCM_SHA256', 'AES128-SHA'] })],
    },
    { name: 'HTTP listener', resource: listener('web', 80, 'HTTP'), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: '3DES is weak',
      resource: https('ELBSecurityPolicy-TLS-1-0-2015-04'),
      others: [sslPolicy('ELBSecurityPolicy-TLS-1-0-2015-04')],
      messageId: 'weak',
      evidence: {
        suites: [
          { suite: 'AES128-SHA', iana: 'TLS_RSA_WITH_AES_128_CBC_SHA', weaknesses: ['CBC', 'no-FS'] },
          { suite: 'DES-CBC3-SHA', iana: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', weaknesses: ['3DES', 'CBC', 'no-FS'] },
        ],
      },
    },
    {
      name: '2016-08: CBC and RSA key transport outside the profile',
      resource: https('ELBSecurityPolicy-2016-08'),
      others: [sslPolicy('ELBSecurityPolicy-2016-08')],
      messageId: 'outsideProfile',
      data: {
        listener: 'web:443 (HTTPS)',
        policy: 'ELBSecurityPolicy-2016-08',
        count: 6,
        profile: 'intermediate',
        suites:
          'ECDHE-RSA-AES128-SHA256 (CBC); ECDHE-RSA-AES128-SHA (CBC); AES128-GCM-SHA256 (no-FS); AES128-SHA256 (CBC, no-FS); AES128-SHA (CBC, no-FS); AES256-SHA (CBC, no-FS)',
      },
    },
    {
      name: 'TLS13-1-2-2021-06 still lists CBC suites',
      resource: https('ELBSecurityPolicy-TLS13-1-2-2021-06'),
      others: [sslPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06')],
      messageId: 'outsideProfile',
    },
    {
      name: 'any TLS 1.2 suite under modern',
      resource: https('ELBSecurityPolicy-TLS-1-2-2017-01'),
      others: [sslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')],
      options: { profile: 'modern' },
      messageId: 'outsideProfile',
    },
  ],
  unknown: [
    {
      name: 'suite name not in the cipher table',
      resource: https('Odd'),
      others: [sslPolicy('Odd', { protocols: ['TLSv1.2'], ciphers: ['ECDHE-RSA-AES128-GCM-SHA256', 'FUTURE-CIPHER'] })],
      messageId: 'unmapped',
    },
    {
      name: 'policy not resolved in a collected region',
      resource: https('Missing'),
      others: [sslPolicy('ELBSecurityPolicy-2016-08')],
      messageId: 'unresolved',
    },
    {
      name: 'DescribeSslPolicies denied',
      resource: https('ELBSecurityPolicy-2016-08'),
      others: [sslPolicy('ELBSecurityPolicy-2016-08')],
      coverage: [gap(['aws.elbv2.ssl-policy'])],
      messageId: '_coverage',
    },
  ],
});
