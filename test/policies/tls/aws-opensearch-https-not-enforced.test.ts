import rule from '../../../policies/tls/aws-opensearch-https-not-enforced.js';
import { domain } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'enforced', resource: domain('d1'), messageId: 'on' }],
  invalid: [
    { name: 'not enforced', resource: domain('d2', { DomainEndpointOptions: { EnforceHTTPS: false } }), messageId: 'off', evidence: { enforceHttps: false } },
  ],
  unknown: [
    { name: 'not reported', resource: domain('d3', { DomainEndpointOptions: undefined }), messageId: 'unknown' },
    { name: 'DescribeDomains denied', coverage: [gap(['aws.opensearch.domain'], { resourceId: 'd4', operation: 'DescribeDomains' })] },
  ],
});
