import rule from '../../../policies/least-privilege/aws-iam-role-trust-no-external-id.js';
import { ruleTester } from '../../support/rule-tester.js';
import { doc, gaadDenied, role } from './aws-iam-fixtures.js';

const trust = (aws: string, condition?: Record<string, unknown>) =>
  doc({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

ruleTester(rule, {
  valid: [
    {
      name: 'third party with an external id',
      resource: role('r', { trustPolicy: trust('arn:aws:iam::999988887777:root', { StringEquals: { 'sts:ExternalId': 'abc-123' } }) }),
    },
    { name: 'internal account', options: { internalAccounts: ['111122223333'] }, resource: role('r', { trustPolicy: trust('111122223333') }) },
    {
      name: 'pinned to the organization',
      resource: role('r', { trustPolicy: trust('arn:aws:iam::111122223333:root', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }) }),
    },
    { name: 'same account', resource: role('r', { trustPolicy: trust('arn:aws:iam::123456789012:role/ci') }) },
  ],
  invalid: [
    {
      name: 'vendor without external id',
      resource: role('vendor', { trustPolicy: trust('arn:aws:iam::999988887777:root') }),
      messageId: 'noExternalId',
      evidence: { trusts: [{ account: '999988887777' }] },
    },
    {
      name: 'negated external id is not a requirement',
      resource: role('vendor', { trustPolicy: trust('arn:aws:iam::999988887777:root', { StringNotEquals: { 'sts:ExternalId': 'abc' } }) }),
      messageId: 'noExternalId',
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied] },
    { name: 'trust policy unreadable', resource: role('r', { trustPolicy: null }) },
  ],
});
