import rule from '../../../policies/least-privilege/aws-iam-service-wildcard.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, deny, doc, gaadDenied, gaadDeniedResults, inline, role, user } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'explicit actions', resource: user('u', { inlinePolicies: [inline('p', doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*')))] }) },
    { name: 'partial wildcard is not a service wildcard', resource: user('u', { inlinePolicies: [inline('p', doc(allow('s3:Get*')))] }) },
    { name: "full * is the full-admin rule's", resource: user('u', { inlinePolicies: [inline('p', doc(allow('*')))] }) },
    { name: 'denied service', resource: role('r', { inlinePolicies: [inline('p', doc(allow('dynamodb:*'), deny('dynamodb:*')))] }) },
  ],
  invalid: [
    {
      name: 's3:* even on one bucket',
      resource: role('r', { inlinePolicies: [inline('p', doc({ Sid: 'All', ...allow('s3:*', 'arn:aws:s3:::b/*') }))] }),
      messageId: 'fail',
      evidence: { wildcards: [{ pattern: 's3:*', statement: 'All', policy: 'p' }] },
    },
    { name: 'mixed case IAM:*', resource: user('u', { inlinePolicies: [inline('p', doc(allow('IAM:*')))] }), messageId: 'fail' },
  ],
  unknown: [{ name: 'GAAD denied', coverage: [gaadDenied], results: gaadDeniedResults }],
});
