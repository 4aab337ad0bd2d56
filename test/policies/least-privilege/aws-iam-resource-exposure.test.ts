import { expect } from '@jest/globals';
import rule from '../../../policies/least-privilege/aws-iam-resource-exposure.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, deny, doc, gaadDenied, gaadDeniedResults, group, inline, role, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'bucket policy on one bucket', resource: role('r', { inlinePolicies: [inline('p', doc(allow('s3:PutBucketPolicy', 'arn:aws:s3:::site')))] }) },
    {
      name: 'read-style names filed as permissions management',
      resource: user('u', { inlinePolicies: [inline('p', doc(allow(['quicksight:Describe*Permissions', 'billing:GetResourcePolicy'])))] }),
    },
    { name: 'denied again', resource: user('u', { inlinePolicies: [inline('p', doc(allow('s3:PutBucket*'), deny('s3:*')))] }) },
  ],
  invalid: [
    {
      name: 's3:Put* on *',
      resource: group('g', { inlinePolicies: [inline('p', doc({ Sid: 'Put', ...allow('s3:Put*') }))] }),
      messageId: 'fail',
      evidence: { identity: 'group/g', actions: expectAction('s3:PutBucketAcl') },
    },
    {
      name: 'NotAction grants kms:PutKeyPolicy',
      resource: role('r', { inlinePolicies: [inline('p', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))] }),
      messageId: 'fail',
    },
  ],
  unknown: [{ name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults }],
});

function expectAction(action: string) {
  // toMatchObject on arrays compares element-wise; find the action anywhere in the list instead.
  return expect.arrayContaining([expect.objectContaining({ action, grantedBy: [expect.objectContaining({ statement: 'Put' })] })]);
}
