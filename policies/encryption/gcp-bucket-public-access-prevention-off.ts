import { defineRule } from '../../src/api/rule.js';
import { GCP_BUCKET } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-bucket-public-access-prevention-off',
  title: 'Cloud Storage bucket does not enforce public access prevention',
  severity: 'medium',
  resourceTypes: [GCP_BUCKET],
  description:
    'Flags buckets whose `iamConfiguration.publicAccessPrevention` is not `enforced` (`inherited` or the older `unspecified`). An `inherited` bucket may still be protected by the `storage.publicAccessPrevention` organization policy, which Vigil does not read: hence precision medium. Unknown when the setting could not be read.',
  risk: 'Without public access prevention, one IAM change or ACL (`allUsers`) makes the bucket and its objects readable by anyone on the internet.',
  remediation: [
    'Enforce public access prevention on the bucket, or for every bucket through the `storage.publicAccessPrevention` organization policy.',
    '',
    '- Console: Cloud Storage → the bucket → Permissions → Public access → Prevent public access.',
    '- CLI: `gcloud storage buckets update gs://BUCKET --public-access-prevention`',
    '- Terraform: `public_access_prevention = "enforced"` on `google_storage_bucket`.',
  ].join('\n'),
  references: ['https://cloud.google.com/storage/docs/public-access-prevention', 'https://cloud.google.com/storage/docs/using-public-access-prevention'],
  precision: 'medium',
  messages: {
    notEnforced: 'Bucket {{name}} has public access prevention `{{value}}`, not `enforced`.',
    enforced: 'Bucket {{name}} enforces public access prevention.',
    unreadable: 'The public access prevention setting of bucket {{name}} could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(b) {
    const name = b.ref.name ?? b.data.name;
    const value = b.data.publicAccessPrevention;
    if (value === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (value === 'enforced') return { status: 'pass', messageId: 'enforced', data: { name } };
    return { status: 'fail', messageId: 'notEnforced', data: { name, value }, evidence: { publicAccessPrevention: value } };
  },
});
