import { defineRule } from '../../src/api/rule.js';
import { GCP_IAM_POLICY } from '../../src/model/gcp.js';
import { PUBLIC_MEMBERS, grants, grantsResult, policyLabel } from '../_lib/gcp-iam.js';

/** The single-resource half of gcp-iam-public-member (high instead of critical: the blast radius is one resource). */
export default defineRule({
  id: 'gcp-iam-public-member-resource',
  title: 'Resource IAM policy grants a role to allUsers or allAuthenticatedUsers',
  severity: 'high',
  resourceTypes: [GCP_IAM_POLICY],
  description:
    'Flags IAM policies of single resources (Cloud Storage buckets, KMS keys, service accounts, BigQuery datasets, Pub/Sub topics …) with a binding to `allUsers` or `allAuthenticatedUsers`. Project, folder and organization policies are checked by gcp-iam-public-member.',
  risk: 'Anyone on the internet (allUsers) or anyone with any Google account (allAuthenticatedUsers) gets the role on the resource: public buckets are the most common source of cloud data leaks.',
  remediation: [
    'Remove the public principal; share with named groups or signed URLs instead. For buckets, enforce public access prevention so that public grants are refused.',
    '',
    '- Console: Cloud Storage → the bucket → Permissions → remove `allUsers` / `allAuthenticatedUsers`.',
    '- CLI: `gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE`',
    '- Terraform: remove the member from `google_storage_bucket_iam_member` / `_binding`; set `public_access_prevention = "enforced"`.',
  ].join('\n'),
  references: ['https://cloud.google.com/iam/docs/overview#all-users', 'https://cloud.google.com/storage/docs/public-access-prevention'],
  messages: {
    public: 'The IAM policy of {{label}} grants {{grant}}{{more}}.',
    notPublic: 'The IAM policy of {{label}} grants nothing to allUsers or allAuthenticatedUsers.',
    hierarchyLevel: 'The IAM policy of {{label}} is a project, folder or organization policy (see gcp-iam-public-member).',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(p) {
    const label = policyLabel(p.data, p.ref.name);
    if (p.data.level !== 'resource') return { status: 'not_applicable', messageId: 'hierarchyLevel', data: { label } };
    const found = grants(p.data, (m) => PUBLIC_MEMBERS.has(m));
    if (found.length === 0) return { status: 'pass', messageId: 'notPublic', data: { label } };
    const { evidence, data } = grantsResult(found);
    return { status: 'fail', messageId: 'public', data: { label, ...data }, evidence: { ...evidence, assetType: p.data.assetType } };
  },
});
