import { defineRule } from '../../src/api/rule.js';
import { EBS_SNAPSHOT, EBS_SNAPSHOT_PERMISSIONS } from '../../src/model/aws/ebs.js';

export default defineRule({
  id: 'aws-ebs-snapshot-public',
  title: 'EBS snapshot is public',
  severity: 'critical',
  resourceTypes: [EBS_SNAPSHOT],
  inputs: [EBS_SNAPSHOT_PERMISSIONS],
  description:
    'Flags EBS snapshots owned by the account whose `createVolumePermission` grants the group `all`: any AWS account can create a volume from them and read every block.',
  risk: 'A public snapshot is a full copy of a disk anyone can mount: databases, credentials, keys and customer data on it are exposed. Public snapshots are routinely scanned for by attackers.',
  remediation: [
    'Remove the public permission (share with named accounts instead if needed), and turn on the account-level block for public snapshot sharing.',
    '',
    '- CLI: `aws ec2 modify-snapshot-attribute --snapshot-id snap-… --attribute createVolumePermission --operation-type remove --group-names all`',
    '- CLI: `aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region REGION`',
    '- Terraform: remove `aws_snapshot_create_volume_permission` resources with `account_id = "all"`; `aws_ebs_snapshot_block_public_access { state = "block-all-sharing" }`.',
  ].join('\n'),
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1',
  ],
  messages: {
    public: 'EBS snapshot {{name}} is public: any AWS account can create a volume from it.',
    private: 'EBS snapshot {{name}} is not public{{shared}}.',
    unknown: 'EBS snapshot {{name}}: its create-volume permissions could not be read.',
  },
  evaluate(snap) {
    const name = snap.ref.name ?? snap.data.snapshotId;
    if (snap.data.public === null) return { status: 'unknown', messageId: 'unknown', data: { name } };
    const shared = snap.data.sharedWithAccounts ?? [];
    if (!snap.data.public)
      return { status: 'pass', messageId: 'private', data: { name, shared: shared.length ? ` (shared with ${shared.length} account(s))` : '' } };
    return {
      status: 'fail',
      messageId: 'public',
      data: { name },
      evidence: { snapshotId: snap.data.snapshotId, createVolumePermission: 'group all', encrypted: snap.data.encrypted, volumeId: snap.data.volumeId },
    };
  },
});
