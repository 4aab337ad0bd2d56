import rule from '../../../policies/network/aws-opensearch-domain-public.js';
import { domain, publicDomain } from '../../support/aws-transit-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'VPC domain, even with a * policy',
      resource: domain('d1', { AccessPolicies: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'es:*' }] }) }),
      messageId: 'vpc',
    },
    { name: 'public endpoint, named principal', resource: publicDomain('d2', { AWS: 'arn:aws:iam::123456789012:role/app' }), messageId: 'restricted' },
    { name: 'public endpoint, no access policy', resource: publicDomain('d3', '*', { AccessPolicies: '' }), messageId: 'restricted' },
  ],
  invalid: [
    { name: 'public endpoint open to *', resource: publicDomain('d4', '*'), messageId: 'open' },
    { name: 'public endpoint open to AWS:*', resource: publicDomain('d5', { AWS: '*' }), messageId: 'open' },
    {
      name: 'public endpoint with named principals under failPublicEndpoint',
      resource: publicDomain('d6', { AWS: 'arn:aws:iam::123456789012:role/app' }),
      options: { failPublicEndpoint: true },
      messageId: 'publicEndpoint',
    },
  ],
  unknown: [
    { name: 'unparsable access policy', resource: publicDomain('d7', '*', { AccessPolicies: '{not json' }), messageId: 'unparsed' },
    { name: 'domains not listed', coverage: [gap(['aws.opensearch.domain'])] },
  ],
});
