import rule from '../../../policies/least-privilege/gcp-iam-public-member.js';
import { bucketPolicy, gcpGap, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'project with named members', resource: projectPolicy([{ role: 'roles/viewer', members: ['group:devs@acme.example'] }]) },
    { name: 'empty org policy', resource: projectPolicy([], 'organization') },
    {
      name: 'public bucket is the other rule',
      resource: bucketPolicy([{ role: 'roles/storage.objectViewer', members: ['allUsers'] }]),
      status: 'not_applicable',
    },
  ],
  invalid: [
    {
      name: 'allAuthenticatedUsers on a project',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['allAuthenticatedUsers', 'user:a@acme.example'] }]),
      messageId: 'public',
      evidence: { grants: ['roles/viewer → allAuthenticatedUsers'], level: 'project' },
    },
    {
      name: 'allUsers on a folder',
      resource: projectPolicy([{ role: 'roles/browser', members: ['allUsers'] }], 'folder'),
      messageId: 'public',
      evidence: { level: 'folder' },
    },
    {
      name: 'conditional public grant still counts',
      resource: projectPolicy(
        [{ role: 'roles/viewer', members: ['allUsers'], condition: { title: 'temp', expression: 'true', description: null } }],
        'organization',
      ),
      messageId: 'public',
      evidence: { grants: ['roles/viewer → allUsers (if: temp)'] },
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'], { operation: 'SearchAllIamPolicies' })] }],
});
