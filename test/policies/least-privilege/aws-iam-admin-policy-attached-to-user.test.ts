import rule from '../../../policies/least-privilege/aws-iam-admin-policy-attached-to-user.js';
import { ruleTester } from '../../support/rule-tester.js';
import { attach, doc, allow, gaadDenied, managed, user } from './aws-iam-fixtures.js';

const admin = managed('AdministratorAccess', doc(allow('*')), { awsManaged: true });
const lookalike = managed('AdministratorAccess', doc(allow('s3:ListBucket')));

ruleTester(rule, {
  valid: [
    { name: 'no policies', resource: user('u') },
    { name: 'customer policy with the same name is not the AWS one', resource: user('u', { attachedPolicies: [attach(lookalike)] }) },
  ],
  invalid: [
    {
      name: 'AWS-managed AdministratorAccess on a user',
      resource: user('alice', { attachedPolicies: [attach(admin)] }),
      messageId: 'attached',
      evidence: { identity: 'user/alice', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    },
  ],
  unknown: [{ name: 'GAAD denied', coverage: [gaadDenied] }],
});
