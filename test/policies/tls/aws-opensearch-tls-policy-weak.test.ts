import rule from '../../../policies/tls/aws-opensearch-tls-policy-weak.js';
import { domain } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const withPolicy = (name: string, TLSSecurityPolicy: string) =>
  domain(name, { DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: TLSSecurityPolicy as never } });

ruleTester(rule, {
  valid: [
    { name: 'TLS 1.2 PFS', resource: domain('d1'), messageId: 'ok' },
    { name: 'TLS 1.2 (2019)', resource: withPolicy('d2', 'Policy-Min-TLS-1-2-2019-07'), messageId: 'ok' },
  ],
  invalid: [
    { name: 'TLS 1.0 minimum', resource: withPolicy('d3', 'Policy-Min-TLS-1-0-2019-07'), messageId: 'weak', evidence: { minimumProtocol: 'TLS 1.0' } },
    {
      name: 'forward secrecy required by the tunable',
      resource: withPolicy('d4', 'Policy-Min-TLS-1-2-2019-07'),
      options: { allowedPolicies: ['Policy-Min-TLS-1-2-PFS-2023-10'] },
      messageId: 'notAllowed',
    },
  ],
  unknown: [
    { name: 'unknown policy name', resource: withPolicy('d5', 'Policy-Min-TLS-1-3-2030-01'), messageId: 'unknownPolicy' },
    { name: 'no policy reported', resource: domain('d6', { DomainEndpointOptions: { EnforceHTTPS: true } }), messageId: 'notReported' },
    { name: 'domains not listed', coverage: [gap(['aws.opensearch.domain'])] },
  ],
});
