import rule from '../../../policies/least-privilege/gcp-iam-service-account-admin.js';
import { gcpGap, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const SA = 'serviceAccount:ci@acme-prod.iam.gserviceaccount.com';

ruleTester(rule, {
  valid: [
    { name: 'owner held by a user only', resource: projectPolicy([{ role: 'roles/owner', members: ['user:alice@acme.example'] }]) },
    { name: 'service account with a predefined role', resource: projectPolicy([{ role: 'roles/storage.objectAdmin', members: [SA] }]) },
    { name: 'admin roles not counted by default', resource: projectPolicy([{ role: 'roles/compute.admin', members: [SA] }]) },
    {
      name: 'Google service agent with editor',
      resource: projectPolicy([{ role: 'roles/editor', members: ['serviceAccount:service-123@gcp-sa-cloudbuild.iam.gserviceaccount.com'] }]),
    },
  ],
  invalid: [
    {
      name: 'editor to a service account',
      resource: projectPolicy([{ role: 'roles/editor', members: [SA] }]),
      messageId: 'admin',
      evidence: { grants: [`roles/editor → ${SA}`] },
    },
    { name: 'owner on the organization', resource: projectPolicy([{ role: 'roles/owner', members: [SA] }], 'organization'), messageId: 'admin' },
    {
      name: 'admin role with includeAdminRoles',
      resource: projectPolicy([{ role: 'roles/iam.securityAdmin', members: [SA] }]),
      options: { includeAdminRoles: true },
      messageId: 'admin',
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'], { status: 'timeout', errorCode: 'DEADLINE_EXCEEDED' })] }],
});
