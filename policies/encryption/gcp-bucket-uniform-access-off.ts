import { defineRule } from '../../src/api/rule.js';
import { GCP_BUCKET } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-bucket-uniform-access-off',
  title: 'Cloud Storage bucket uses fine-grained ACLs (uniform bucket-level access off)',
  severity: 'medium',
  resourceTypes: [GCP_BUCKET],
  description:
    'Flags buckets with uniform bucket-level access disabled (`iamConfiguration.uniformBucketLevelAccess.enabled`, or the legacy `bucketPolicyOnly.enabled`, false). Unknown when the setting could not be read (CIS GCP 5.2).',
  risk: 'With fine-grained access, every object can carry its own ACL: objects can be made public one by one, invisible to a review of the bucket IAM policy.',
  remediation: [
    'Enable uniform bucket-level access (after moving any object ACLs you rely on into IAM); enforce it everywhere with the `storage.uniformBucketLevelAccess` organization policy.',
    '',
    '- Console: Cloud Storage → the bucket → Permissions → Access control → Switch to uniform.',
    '- CLI: `gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access`',
    '- Terraform: `uniform_bucket_level_access = true` on `google_storage_bucket`.',
  ].join('\n'),
  references: ['https://cloud.google.com/storage/docs/uniform-bucket-level-access', 'https://cloud.google.com/storage/docs/using-uniform-bucket-level-access'],
  messages: {
    off: 'Bucket {{name}} uses fine-grained object ACLs (uniform bucket-level access is off).',
    on: 'Bucket {{name}} uses uniform bucket-level access.',
    unreadable: 'The access control mode of bucket {{name}} could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(b) {
    const name = b.ref.name ?? b.data.name;
    const v = b.data.uniformBucketLevelAccess;
    if (v === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (v) return { status: 'pass', messageId: 'on', data: { name } };
    return { status: 'fail', messageId: 'off', data: { name }, evidence: { uniformBucketLevelAccess: false } };
  },
});
