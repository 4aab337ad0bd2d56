import rule from '../../../policies/least-privilege/aws-iam-privilege-escalation.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, deny, doc, gaadDenied, gaadDeniedResults, group, inline, managed, role, user } from './aws-iam-fixtures.js';

const boundary = managed('reports-only-boundary', doc(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'])), {
  attachmentCount: 0,
  permissionsBoundaryUsageCount: 1,
});
const iamAll = inline('iam-all', doc({ Sid: 'IamAll', ...allow('iam:*') }));
const passGroup = group('deployers', { inlinePolicies: [inline('pass', doc({ Sid: 'Pass', ...allow('iam:PassRole') }))] });

ruleTester(rule, {
  valid: [
    {
      name: 'self-service key rotation on own user only',
      resource: user('u', {
        inlinePolicies: [inline('self', doc(allow(['iam:CreateAccessKey', 'iam:DeleteAccessKey'], 'arn:aws:iam::*:user/${aws:username}')))],
      }),
    },
    { name: 'half a method: PassRole without a compute action', resource: user('u', { groups: ['deployers'] }), others: [passGroup] },
    {
      name: 'Deny removes the escalation',
      resource: user('u', {
        inlinePolicies: [
          inline(
            'p',
            doc(
              allow('iam:*Policy*'),
              deny(['iam:Put*', 'iam:Attach*', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:UpdateAssumeRolePolicy']),
            ),
          ),
        ],
      }),
    },
    {
      name: 'iam:* inside a permissions boundary that allows only S3 reads',
      resource: user('bounded', { inlinePolicies: [iamAll], permissionsBoundary: boundary.data.arn }),
      others: [boundary],
    },
    {
      name: 'AttachRolePolicy without sts:AssumeRole is no path for a user',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow('iam:AttachRolePolicy')))] }),
    },
  ],
  invalid: [
    {
      name: 'split across the group (PassRole) and inline (Lambda)',
      resource: user('dave', {
        groups: ['deployers'],
        inlinePolicies: [inline('lambda', doc({ Sid: 'Lambda', ...allow(['lambda:CreateFunction', 'lambda:InvokeFunction']) }))],
      }),
      others: [passGroup],
      messageId: 'fail',
      evidence: {
        identity: 'user/dave',
        methods: [
          {
            method: 'PassExistingRoleToNewLambdaThenInvoke',
            actions: [
              { action: 'iam:PassRole', grantedBy: [{ identity: 'group/deployers', policy: 'pass', statement: 'Pass' }] },
              { action: 'lambda:CreateFunction', grantedBy: [{ identity: 'user/dave', statement: 'Lambda' }] },
              { action: 'lambda:InvokeFunction' },
            ],
          },
        ],
      },
    },
    {
      name: 'boundary that allows iam:* does not help',
      resource: role('r', { inlinePolicies: [iamAll], permissionsBoundary: managed('loose', doc(allow('iam:*'))).data.arn }),
      others: [managed('loose', doc(allow('iam:*')))],
      messageId: 'fail',
      evidence: { identity: 'role/r' },
    },
    {
      name: 'boundary not collected: judged on the identity policies alone',
      resource: user('u', { inlinePolicies: [iamAll], permissionsBoundary: boundary.data.arn }),
      messageId: 'fail',
    },
    {
      name: 'a role can attach policies to itself (no AssumeRole needed)',
      resource: role('r', { inlinePolicies: [inline('p', doc(allow('IAM:attachRolePolicy')))] }),
      messageId: 'fail',
      evidence: { methods: [{ method: 'AttachRolePolicy' }] },
    },
    {
      name: 'wildcard iam:Create* gives CreateAccessKey and CreateLoginProfile',
      resource: group('g', { inlinePolicies: [inline('p', doc(allow('iam:Create*')))] }),
      messageId: 'fail',
    },
    {
      name: 'conditional grant is still reported, marked conditional',
      resource: user('u', {
        inlinePolicies: [inline('p', doc(allow('iam:PutUserPolicy', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })))],
      }),
      messageId: 'fail',
      evidence: { methods: [{ method: 'PutUserPolicy', conditional: true }] },
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults },
    { name: 'group not collected', resource: user('u', { groups: ['ghost'] }) },
  ],
});
