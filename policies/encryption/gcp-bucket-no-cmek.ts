import { defineRule } from '../../src/api/rule.js';
import { GCP_BUCKET } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-bucket-no-cmek',
  title: 'Cloud Storage bucket has no default customer-managed key',
  severity: 'info',
  resourceTypes: [GCP_BUCKET],
  description:
    'Reports buckets without a default Cloud KMS key (`encryption.defaultKmsKeyName`), whose new objects are therefore encrypted with Google-managed keys. Objects are encrypted at rest either way: this is a key-control requirement some frameworks ask for, so it is info; disable it in the config (`rules: { gcp-bucket-no-cmek: { enabled: false } }`) when you do not need it.',
  risk: 'With Google-managed keys you cannot revoke access to the data by disabling a key, separate key administration from data access, or audit key use in Cloud KMS.',
  remediation: [
    'Set a default KMS key on the bucket (the Cloud Storage service agent needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it); existing objects keep their key until rewritten.',
    '',
    '- Console: Cloud Storage → the bucket → Configuration → Encryption type → Customer-managed key.',
    '- CLI: `gcloud storage buckets update gs://BUCKET --default-encryption-key=projects/P/locations/L/keyRings/R/cryptoKeys/K`',
    '- Terraform: `encryption { default_kms_key_name = google_kms_crypto_key.k.id }` on `google_storage_bucket`.',
  ].join('\n'),
  references: ['https://cloud.google.com/storage/docs/encryption/customer-managed-keys', 'https://cloud.google.com/kms/docs/cmek'],
  messages: {
    googleManaged: 'Bucket {{name}} has no default customer-managed key.',
    cmek: 'Bucket {{name}} encrypts new objects with customer-managed key {{key}}.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(b) {
    const name = b.ref.name ?? b.data.name;
    if (b.data.encryption === 'cmek') return { status: 'pass', messageId: 'cmek', data: { name, key: b.data.defaultKmsKeyName } };
    return { status: 'fail', messageId: 'googleManaged', data: { name }, evidence: { encryption: b.data.encryption, defaultKmsKeyName: null } };
  },
});
