import rule from '../../../policies/least-privilege/aws-iam-full-admin.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, attach, deny, doc, gaadDenied, gaadDeniedResults, group, inline, managed, role, user } from './aws-iam-fixtures.js';

const admin = managed('AdministratorAccess', doc(allow('*')), { awsManaged: true });

ruleTester(rule, {
  valid: [
    { name: 'scoped inline policy', resource: user('u', { inlinePolicies: [inline('s3', doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')))] }) },
    {
      name: 'NotAction excluding whole services is not admin',
      resource: role('power', { inlinePolicies: [inline('pu', doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }))] }),
    },
    {
      name: 'Deny * in the same identity removes it',
      resource: user('u', { attachedPolicies: [attach(admin)], inlinePolicies: [inline('lock', doc(deny('*')))] }),
      others: [admin],
    },
    { name: 'action * on one resource only', resource: role('r', { inlinePolicies: [inline('p', doc(allow('*', 'arn:aws:s3:::b')))] }) },
    {
      name: 'service-linked roles are skipped by default',
      status: 'not_applicable',
      resource: role('AWSServiceRoleForX', { serviceLinked: true, path: '/aws-service-role/x/', attachedPolicies: [attach(admin)] }),
      others: [admin],
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess attached to a role',
      resource: role('ops', { attachedPolicies: [attach(admin)] }),
      others: [admin],
      messageId: 'fail',
      evidence: { identity: 'role/ops', grants: [{ policy: 'AdministratorAccess', statement: 'statement[0]', via: 'Action' }] },
    },
    {
      name: 'inherited through a group',
      resource: user('u', { groups: ['admins'] }),
      others: [group('admins', { attachedPolicies: [attach(admin)] }), admin],
      messageId: 'fail',
      evidence: { grants: [{ identity: 'group/admins' }] },
    },
    {
      name: 'NotAction that excludes one action, with Sid',
      resource: group('g', {
        inlinePolicies: [inline('almost', doc({ Sid: 'Everything', Effect: 'Allow', NotAction: 'iam:DeleteAccountPasswordPolicy', Resource: '*' }))],
      }),
      messageId: 'fail',
      evidence: { grants: [{ statement: 'Everything', via: 'NotAction' }] },
    },
    {
      name: 'narrower Deny is listed, grant still reported',
      resource: user('u', { inlinePolicies: [inline('a', doc(allow('*'), { Sid: 'NoIam', ...deny('iam:*') }))] }),
      messageId: 'fail',
      evidence: { exceptDenied: ['user/u a NoIam: iam:*'] },
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults },
    { name: 'attached policy not collected', resource: user('u', { attachedPolicies: [attach(admin)] }) },
  ],
});
