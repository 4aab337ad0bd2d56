import rule from '../../../policies/least-privilege/gcp-iam-sa-impersonation-project-wide.js';
import { gcpGap, gcpResource, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const saPolicy = gcpResource('gcp.iam.policy', '//iam.googleapis.com/projects/acme-prod/serviceAccounts/1', '1', {
  resource: '//iam.googleapis.com/projects/acme-prod/serviceAccounts/1',
  assetType: 'iam.googleapis.com/ServiceAccount',
  level: 'resource',
  bindings: [{ role: 'roles/iam.serviceAccountUser', members: ['group:deployers@acme.example'] }],
});

ruleTester(rule, {
  valid: [
    { name: 'no impersonation roles', resource: projectPolicy([{ role: 'roles/run.admin', members: ['group:deployers@acme.example'] }]) },
    { name: 'granted on one service account', resource: saPolicy, status: 'not_applicable' },
    {
      name: 'allowed member',
      resource: projectPolicy([{ role: 'roles/iam.serviceAccountUser', members: ['serviceAccount:cd@acme-prod.iam.gserviceaccount.com'] }]),
      options: { allowedMembers: ['serviceAccount:cd@acme-prod.iam.gserviceaccount.com'] },
    },
  ],
  invalid: [
    {
      name: 'service account user on the project',
      resource: projectPolicy([{ role: 'roles/iam.serviceAccountUser', members: ['group:developers@acme.example'] }]),
      messageId: 'projectWide',
      evidence: { grants: ['roles/iam.serviceAccountUser → group:developers@acme.example'], level: 'project' },
    },
    {
      name: 'token creator on a folder',
      resource: projectPolicy([{ role: 'roles/iam.serviceAccountTokenCreator', members: ['user:bob@acme.example'] }], 'folder'),
      messageId: 'projectWide',
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'])] }],
});
