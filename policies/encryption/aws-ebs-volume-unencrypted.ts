import { defineRule } from '../../src/api/rule.js';
import { EBS_VOLUME } from '../../src/model/aws/ebs.js';

export default defineRule({
  id: 'aws-ebs-volume-unencrypted',
  title: 'EBS volume not encrypted',
  severity: 'medium',
  resourceTypes: [EBS_VOLUME],
  description:
    'Flags EBS volumes whose data at rest is not encrypted. Encrypted volumes also encrypt their snapshots and the data moving between the volume and the instance.',
  risk: 'Data on an unencrypted volume, and on every snapshot taken from it, is readable by anyone who obtains a copy (a shared or leaked snapshot, a misdirected backup), and it fails encryption-at-rest requirements (HIPAA, PCI DSS 3.5).',
  remediation: [
    'An existing volume cannot be encrypted in place: snapshot it, copy the snapshot with encryption, create a volume from the copy and swap it in. Then turn on EBS encryption by default in the region so new volumes are always encrypted.',
    '',
    '- CLI: `aws ec2 create-snapshot --volume-id vol-…`, then `aws ec2 copy-snapshot --source-snapshot-id snap-… --source-region REGION --encrypted --kms-key-id alias/…`, then `aws ec2 create-volume --snapshot-id snap-… --availability-zone …`.',
    '- CLI: `aws ec2 enable-ebs-encryption-by-default --region REGION`',
    '- Terraform: `encrypted = true` (and `kms_key_id`) on `aws_ebs_volume`; `aws_ebs_encryption_by_default { enabled = true }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3',
  ],
  messages: {
    unencrypted: 'EBS volume {{name}} is not encrypted.',
    encrypted: 'EBS volume {{name}} is encrypted (key {{key}}).',
    unknown: 'EBS volume {{name}}: DescribeVolumes did not say whether it is encrypted.',
  },
  evaluate(volume) {
    const name = volume.ref.name ?? volume.data.volumeId;
    const { encrypted, kmsKeyId, state, attachments } = volume.data;
    if (encrypted === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    if (encrypted) return { status: 'pass', messageId: 'encrypted', data: { name, key: kmsKeyId ?? 'default' } };
    return {
      status: 'fail',
      messageId: 'unencrypted',
      data: { name },
      evidence: { volumeId: volume.data.volumeId, encrypted, state, attachedTo: attachments.map((a) => a.instanceId) },
    };
  },
});
