import rule from '../../../policies/least-privilege/gcp-iam-external-member.js';
import { gcpGap, projectPolicy } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

const allowed = { allowedDomains: ['acme.example'] };

ruleTester(rule, {
  valid: [
    {
      name: 'only company members',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['user:Alice@ACME.example', 'group:devs@acme.example', 'domain:acme.example'] }]),
      options: allowed,
    },
    {
      name: 'service accounts ignored by default',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['serviceAccount:x@other-proj.iam.gserviceaccount.com'] }]),
      options: allowed,
    },
    { name: 'not configured', resource: projectPolicy([{ role: 'roles/viewer', members: ['user:x@gmail.com'] }]), status: 'not_applicable' },
    {
      name: 'allowed external member',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['user:auditor@audit.example'] }]),
      options: { ...allowed, allowedMembers: ['user:auditor@audit.example'] },
    },
  ],
  invalid: [
    {
      name: 'gmail user',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['user:contractor@gmail.com', 'user:bob@acme.example'] }]),
      options: allowed,
      messageId: 'external',
      evidence: { grants: ['roles/viewer → user:contractor@gmail.com'] },
    },
    { name: 'other domain', resource: projectPolicy([{ role: 'roles/editor', members: ['domain:partner.example'] }]), options: allowed, messageId: 'external' },
    {
      name: 'subdomain is not the domain',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['group:x@eu.acme.example'] }]),
      options: allowed,
      messageId: 'external',
    },
    {
      name: 'service accounts checked when asked',
      resource: projectPolicy([{ role: 'roles/viewer', members: ['serviceAccount:x@other.iam.gserviceaccount.com'] }]),
      options: { ...allowed, checkServiceAccounts: true },
      messageId: 'external',
    },
  ],
  unknown: [{ name: 'IAM policies not searchable', coverage: [gcpGap(['gcp.iam.policy'])], options: allowed }],
});
