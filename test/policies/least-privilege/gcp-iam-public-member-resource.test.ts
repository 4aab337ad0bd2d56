import rule from '../../../policies/least-privilege/gcp-iam-public-member-resource.js';
import { bucketPolicy, gcpGap, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'private bucket',
      resource: bucketPolicy([{ role: 'roles/storage.objectViewer', members: ['serviceAccount:app@acme-prod.iam.gserviceaccount.com'] }]),
    },
    { name: 'project policy is the other rule', resource: projectPolicy([{ role: 'roles/viewer', members: ['allUsers'] }]), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'allUsers reads a bucket',
      resource: bucketPolicy([{ role: 'roles/storage.objectViewer', members: ['allUsers'] }]),
      messageId: 'public',
      evidence: { grants: ['roles/storage.objectViewer → allUsers'], assetType: 'storage.googleapis.com/Bucket' },
    },
    {
      name: 'allAuthenticatedUsers among others',
      resource: bucketPolicy([{ role: 'roles/storage.legacyBucketReader', members: ['allAuthenticatedUsers', 'projectViewer:acme-prod'] }]),
      messageId: 'public',
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'])] }],
});
