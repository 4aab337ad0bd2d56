import rule from '../../../policies/least-privilege/aws-iam-role-trust-any-principal.js';
import { ruleTester } from '../../support/rule-tester.js';
import { doc, gaadDenied, role } from './aws-iam-fixtures.js';

const trust = (principal: unknown, extra: Record<string, unknown> = {}) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

ruleTester(rule, {
  valid: [
    { name: 'service principal', resource: role('r') },
    {
      name: '* pinned to the organization',
      resource: role('r', { trustPolicy: trust('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) }),
    },
    {
      name: '* restricted by a Deny outside the org',
      resource: role('r', {
        trustPolicy: doc(
          { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
          { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } },
        ),
      }),
    },
    {
      name: 'OIDC federation pinned to one repository',
      resource: role('gh', {
        trustPolicy: doc({
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } },
        }),
      }),
    },
  ],
  invalid: [
    {
      name: 'Principal "*" and no condition',
      resource: role('open', { trustPolicy: trust('*') }),
      messageId: 'open',
      evidence: { identity: 'role/open', statements: [{ statement: 'statement[0]', principal: { AWS: ['*'] }, condition: null }] },
    },
    {
      name: '{"AWS": "*"} with only an IfExists condition',
      resource: role('open', { trustPolicy: trust({ AWS: '*' }, { Sid: 'Anyone', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-1' } } }) }),
      messageId: 'open',
      evidence: { statements: [{ statement: 'Anyone' }] },
    },
    {
      name: 'wildcard-only value does not restrict',
      resource: role('open', { trustPolicy: trust('*', { Condition: { StringLike: { 'aws:PrincipalArn': '*' } } }) }),
      messageId: 'open',
    },
    {
      name: 'sts:* action counts as assume',
      resource: role('open', { trustPolicy: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:*' }) }),
      messageId: 'open',
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied] },
    { name: 'trust policy unreadable', resource: role('r', { trustPolicy: null }) },
  ],
});
