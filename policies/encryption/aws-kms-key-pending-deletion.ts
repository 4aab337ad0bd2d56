import { defineRule } from '../../src/api/rule.js';
import { KMS_KEY } from '../../src/model/aws/kms.js';

export default defineRule({
  id: 'aws-kms-key-pending-deletion',
  title: 'KMS key scheduled for deletion',
  severity: 'high',
  resourceTypes: [KMS_KEY],
  description: 'Flags customer-managed KMS keys in state `PendingDeletion` (or `PendingReplicaDeletion`), with the date they will be deleted.',
  risk: 'When the waiting period ends the key material is destroyed and everything encrypted with it (volumes, snapshots, buckets, databases, secrets) becomes permanently unreadable. Scheduling deletion is also a known ransom and sabotage technique.',
  remediation: [
    'If the deletion was not intended, cancel it before the date and re-enable the key; check CloudTrail (`ScheduleKeyDeletion`) for who scheduled it. Before deleting a key on purpose, confirm nothing still depends on it.',
    '',
    '- CLI: `aws kms cancel-key-deletion --key-id KEY_ID` then `aws kms enable-key --key-id KEY_ID`',
    '- Terraform: keep the `aws_kms_key` in state; `deletion_window_in_days` governs the waiting period when it is destroyed.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-3',
  ],
  messages: {
    pending: 'KMS key {{name}} is scheduled for deletion on {{date}}.',
    ok: 'KMS key {{name}} is not scheduled for deletion ({{state}}).',
    unknown: 'KMS key {{name}}: its state could not be read.',
  },
  evaluate(key) {
    const name = key.ref.name ? `${key.data.keyId} (${key.ref.name})` : key.data.keyId;
    const state = key.data.keyState;
    if (state === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (state !== 'PendingDeletion' && state !== 'PendingReplicaDeletion') return { status: 'pass', messageId: 'ok', data: { name, state } };
    return {
      status: 'fail',
      messageId: 'pending',
      data: { name, date: key.data.deletionDate ?? 'an unreported date' },
      evidence: { keyArn: key.data.arn, keyState: state, deletionDate: key.data.deletionDate },
    };
  },
});
