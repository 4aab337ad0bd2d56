import rule from '../../../policies/least-privilege/gcp-iam-basic-role.js';
import { gcpGap, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'predefined roles only', resource: projectPolicy([{ role: 'roles/compute.admin', members: ['group:ops@acme.example'] }]) },
    {
      name: 'editor held by the Google APIs service agent',
      resource: projectPolicy([{ role: 'roles/editor', members: ['serviceAccount:123456789012@cloudservices.gserviceaccount.com'] }]),
    },
    {
      name: 'break-glass owner allowed',
      resource: projectPolicy([{ role: 'roles/owner', members: ['user:breakglass@acme.example'] }]),
      options: { allowedMembers: ['user:breakglass@acme.example'] },
    },
    { name: 'viewer is not basic by default', resource: projectPolicy([{ role: 'roles/viewer', members: ['user:a@acme.example'] }]) },
  ],
  invalid: [
    {
      name: 'owner to a user',
      resource: projectPolicy([{ role: 'roles/owner', members: ['user:alice@acme.example'] }]),
      messageId: 'basic',
      evidence: { grants: ['roles/owner → user:alice@acme.example'] },
    },
    {
      name: 'editor to a group and the default compute SA',
      resource: projectPolicy([{ role: 'roles/editor', members: ['group:devs@acme.example', 'serviceAccount:123-compute@developer.gserviceaccount.com'] }]),
      messageId: 'basic',
      evidence: { grants: ['roles/editor → group:devs@acme.example', 'roles/editor → serviceAccount:123-compute@developer.gserviceaccount.com'] },
    },
    {
      name: 'service agents counted when asked',
      resource: projectPolicy([{ role: 'roles/editor', members: ['serviceAccount:123456789012@cloudservices.gserviceaccount.com'] }]),
      options: { ignoreServiceAgents: false },
      messageId: 'basic',
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'])] }],
});
