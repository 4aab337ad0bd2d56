import rule from '../../../policies/least-privilege/aws-iam-data-exfiltration.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, attach, deny, doc, gaadDenied, gaadDeniedResults, inline, managed, role, user } from './aws-iam-fixtures.js';

const readOnly = managed('AmazonS3ReadOnlyAccess', doc(allow(['s3:Get*', 's3:List*'])), { awsManaged: true });

ruleTester(rule, {
  valid: [
    { name: 'reads one bucket only', resource: user('u', { inlinePolicies: [inline('p', doc(allow('s3:GetObject', 'arn:aws:s3:::reports/*')))] }) },
    {
      name: 'reads one secret only',
      resource: role('r', {
        inlinePolicies: [inline('p', doc(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf')))],
      }),
    },
    {
      name: 'Deny on * removes it',
      resource: role('r', { attachedPolicies: [attach(readOnly)], inlinePolicies: [inline('d', doc(deny('s3:GetObject')))] }),
      others: [readOnly],
    },
  ],
  invalid: [
    {
      name: 's3:Get* on * through an AWS-managed policy',
      resource: role('r', { attachedPolicies: [attach(readOnly)] }),
      others: [readOnly],
      messageId: 'fail',
      evidence: { actions: [{ action: 's3:GetObject', grantedBy: [{ policy: 'AmazonS3ReadOnlyAccess', policyType: 'managed' }] }] },
    },
    {
      name: 'secrets on secret:*',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:*')))] }),
      messageId: 'fail',
      evidence: { actions: [{ action: 'secretsmanager:GetSecretValue' }] },
    },
    {
      name: 'tunable action list',
      options: { actions: ['dynamodb:Scan'] },
      resource: user('u', { inlinePolicies: [inline('p', doc(allow('dynamodb:*')))] }),
      messageId: 'fail',
      evidence: { actions: [{ action: 'dynamodb:Scan' }] },
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults },
    { name: 'inline document unreadable', resource: user('u', { inlinePolicies: [inline('broken', null)] }) },
  ],
});
