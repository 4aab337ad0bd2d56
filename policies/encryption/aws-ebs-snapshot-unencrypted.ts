import { defineRule } from '../../src/api/rule.js';
import { EBS_SNAPSHOT } from '../../src/model/aws/ebs.js';

export default defineRule({
  id: 'aws-ebs-snapshot-unencrypted',
  title: 'EBS snapshot not encrypted',
  severity: 'medium',
  resourceTypes: [EBS_SNAPSHOT],
  description: 'Flags EBS snapshots owned by the account that are not encrypted.',
  risk: 'An unencrypted snapshot can be shared (by mistake, or by an attacker with `ec2:ModifySnapshotAttribute`) and mounted elsewhere without any key being needed; volumes restored from it are unencrypted too.',
  remediation: [
    'Copy the snapshot with encryption, switch backups and AMIs to the encrypted copy, then delete the unencrypted one. Turn on EBS encryption by default so future snapshots start encrypted.',
    '',
    '- CLI: `aws ec2 copy-snapshot --source-snapshot-id snap-… --source-region REGION --encrypted --kms-key-id alias/…` then `aws ec2 delete-snapshot --snapshot-id snap-…`',
    '- Terraform: `aws_ebs_snapshot_copy` with `encrypted = true`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html',
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  ],
  messages: {
    unencrypted: 'EBS snapshot {{name}} is not encrypted.',
    encrypted: 'EBS snapshot {{name}} is encrypted.',
    unknown: 'EBS snapshot {{name}}: DescribeSnapshots did not say whether it is encrypted.',
  },
  evaluate(snap) {
    const name = snap.ref.name ?? snap.data.snapshotId;
    if (snap.data.encrypted === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (snap.data.encrypted) return { status: 'pass', messageId: 'encrypted', data: { name } };
    return {
      status: 'fail',
      messageId: 'unencrypted',
      data: { name },
      evidence: { snapshotId: snap.data.snapshotId, encrypted: false, volumeId: snap.data.volumeId, public: snap.data.public },
    };
  },
});
