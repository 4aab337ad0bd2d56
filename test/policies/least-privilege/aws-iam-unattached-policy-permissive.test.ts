import rule from '../../../policies/least-privilege/aws-iam-unattached-policy-permissive.js';
import { ruleTester } from '../../support/rule-tester.js';
import { allow, doc, gaadDenied, managed } from './aws-iam-fixtures.js';

ruleTester(rule, {
  valid: [
    { name: 'unattached but harmless', resource: managed('logs', doc(allow('logs:PutLogEvents', 'arn:aws:logs:*:*:log-group:app:*')), { attachmentCount: 0 }) },
    { name: 'attached policies are judged through identities', status: 'not_applicable', resource: managed('admin', doc(allow('*')), { attachmentCount: 2 }) },
    {
      name: 'used as a permissions boundary',
      status: 'not_applicable',
      resource: managed('boundary', doc(allow('*')), { attachmentCount: 0, permissionsBoundaryUsageCount: 1 }),
    },
    { name: 'AWS-managed', status: 'not_applicable', resource: managed('AdministratorAccess', doc(allow('*')), { awsManaged: true, attachmentCount: 0 }) },
  ],
  invalid: [
    {
      name: 'leftover full access',
      resource: managed('legacy', doc(allow('*')), { attachmentCount: 0 }),
      messageId: 'permissive',
      evidence: { policy: 'legacy', fullAdmin: ['statement[0]'] },
    },
    {
      name: 'leftover escalation',
      resource: managed('iam-helper', doc(allow(['iam:PassRole', 'ec2:RunInstances'])), { attachmentCount: 0 }),
      messageId: 'permissive',
      evidence: { privilegeEscalation: ['CreateEC2WithExistingInstanceProfile'] },
    },
  ],
  unknown: [
    { name: 'GAAD denied', coverage: [gaadDenied] },
    { name: 'document unreadable', resource: managed('odd', null, { attachmentCount: 0 }) },
  ],
});
