import rule from '../../../policies/least-privilege/aws-iam-credentials-exposure.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, doc, gaadDenied, gaadDeniedResults, inline, role, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    {
      name: 'assume one named role',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow('sts:AssumeRole', 'arn:aws:iam::123456789012:role/deploy')))] }),
    },
    {
      name: 'own access keys only',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/${aws:username}')))] }),
    },
  ],
  invalid: [
    {
      name: 'assume any role',
      resource: role('r', { inlinePolicies: [inline('p', doc({ Sid: 'Hop', ...allow('sts:AssumeRole') }))] }),
      messageId: 'fail',
      evidence: { actions: [{ action: 'sts:AssumeRole', grantedBy: [{ statement: 'Hop' }] }] },
    },
    {
      name: 'ecr and ec2 passwords via wildcards',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow(['ecr:Get*', 'ec2:GetPassword*'])))] }),
      messageId: 'fail',
      evidence: { actions: [{ action: 'ecr:GetAuthorizationToken' }, { action: 'ec2:GetPasswordData' }] },
    },
  ],
  unknown: [{ name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults }],
});
