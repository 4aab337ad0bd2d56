import { defineRule } from '../../src/api/rule.js';
import { GCP_DISK } from '../../src/model/gcp.js';

export default defineRule({
  id: 'gcp-disk-no-cmek',
  title: 'Compute Engine disk is not encrypted with a customer-managed key',
  severity: 'info',
  resourceTypes: [GCP_DISK],
  description:
    'Reports persistent disks encrypted with Google-managed keys (no `diskEncryptionKey`) rather than a Cloud KMS customer-managed key (CMEK). Customer-supplied keys (CSEK) pass unless `allowCsek` is false. Every disk is encrypted at rest either way: this is a key-control requirement some frameworks ask for, so it is info; disable it in the config (`rules: { gcp-disk-no-cmek: { enabled: false } }`) when you do not need it.',
  risk: 'With Google-managed keys you cannot revoke access to the data by disabling a key, separate key administration from data access, or audit key use in Cloud KMS.',
  remediation: [
    'Disk encryption cannot be changed in place: snapshot the disk and create a new disk from it with a Cloud KMS key, or set CMEK on new disks by default.',
    '',
    '- CLI: `gcloud compute disks create NEW_DISK --source-snapshot=SNAP --kms-key=projects/P/locations/L/keyRings/R/cryptoKeys/K`',
    '- Terraform: `disk_encryption_key { kms_key_self_link = google_kms_crypto_key.k.id }` on `google_compute_disk`.',
    '- Organization policy: `constraints/gcp.restrictNonCmekServices` with `compute.googleapis.com`.',
  ].join('\n'),
  references: ['https://cloud.google.com/compute/docs/disks/customer-managed-encryption', 'https://cloud.google.com/kms/docs/cmek'],
  messages: {
    googleManaged: 'Disk {{name}} is encrypted with a Google-managed key, not a customer-managed key.',
    csek: 'Disk {{name}} is encrypted with a customer-supplied key (CSEK), not a Cloud KMS key.',
    cmek: 'Disk {{name}} is encrypted with a customer-managed key.',
  },
  defaults: { allowCsek: true },
  optionsSchema: { type: 'object', properties: { allowCsek: { type: 'boolean' } }, additionalProperties: false },
  evaluate(disk, { options }) {
    const name = disk.ref.name ?? disk.data.name;
    const { encryption, kmsKeyName } = disk.data;
    if (encryption === 'cmek') return { status: 'pass', messageId: 'cmek', data: { name } };
    if (encryption === 'csek' && options.allowCsek) return { status: 'pass', messageId: 'cmek', data: { name } };
    return { status: 'fail', messageId: encryption === 'csek' ? 'csek' : 'googleManaged', data: { name }, evidence: { encryption, kmsKeyName } };
  },
});
