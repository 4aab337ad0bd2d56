import rule from '../../../policies/least-privilege/aws-iam-user-direct-policies.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, attach, doc, gaadDenied, inline, managed, user } from './aws-iam-fixtures.js';

const p = managed('s3-read', doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')));

ruleTester(rule, {
  valid: [{ name: 'permissions through groups only', resource: user('u', { groups: ['devs'] }) }],
  invalid: [
    {
      name: 'inline and attached',
      resource: user('u', { inlinePolicies: [inline('mine', doc(allow('s3:ListBucket')))], attachedPolicies: [attach(p)] }),
      others: [p],
      messageId: 'direct',
      evidence: { identity: 'user/u', inlinePolicies: ['mine'], attachedPolicies: [p.data.arn] },
    },
  ],
  unknown: [{ name: 'GAAD denied', coverage: [gaadDenied] }],
});
