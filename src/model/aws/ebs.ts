/**
 * `data` of the EBS and AMI resource types written by src/collectors/aws/ebs.ts (per region).
 *
 * A value that could not be read is `null`, with a coverage entry naming the resource (`resourceId`).
 * Tags go to `ref.tags` and the `Name` tag to `ref.name`, not to `data`.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const EBS_VOLUME = 'aws.ebs.volume' as const;
export const EBS_SNAPSHOT = 'aws.ebs.snapshot' as const;
/** One per region (`ref.id` = region): the account's EBS encryption-by-default setting there. */
export const EBS_ENCRYPTION_DEFAULT = 'aws.ebs.encryption-default' as const;
/** AMIs owned by the account. */
export const EC2_IMAGE = 'aws.ec2.image' as const;
/**
 * Virtual input type (coverage entries only, never a resource): a snapshot's `createVolumePermission`.
 * A failed DescribeSnapshotAttribute makes only the rules listing it in `inputs` unknown for that snapshot.
 */
export const EBS_SNAPSHOT_PERMISSIONS = 'aws.ebs.snapshot-permissions' as const;

/** One attachment of a volume to an instance. */
export interface VolumeAttachment {
  instanceId: string;
  /** Device name, e.g. `/dev/xvda`. */
  device: string | null;
  /** `attaching`, `attached`, `detaching`, `detached`, `busy`. */
  state: string | null;
  deleteOnTermination: boolean | null;
}

/** `aws.ebs.volume` */
export interface VolumeData {
  volumeId: string;
  /** Whether the volume is encrypted at rest; `null` when DescribeVolumes omitted the flag. */
  encrypted: boolean | null;
  /** ARN (or id) of the KMS key protecting the volume; `null` when unencrypted or not reported. */
  kmsKeyId: string | null;
  /** `creating`, `available`, `in-use`, `deleting`, `deleted`, `error`. */
  state: string | null;
  sizeGiB: number | null;
  /** `gp3`, `gp2`, `io2`, `st1`, `standard`, … */
  volumeType: string | null;
  availabilityZone: string | null;
  /** Snapshot the volume was created from; `null` when none. */
  snapshotId: string | null;
  createTime: string | null;
  attachments: VolumeAttachment[];
}

/** `aws.ebs.encryption-default` */
export interface EncryptionDefaultData {
  region: string;
  /** GetEbsEncryptionByDefault: new volumes (and snapshot copies) are encrypted even when not requested. */
  enabled: boolean;
}

/** `aws.ebs.snapshot` (snapshots owned by the account) */
export interface SnapshotData {
  snapshotId: string;
  volumeId: string | null;
  encrypted: boolean | null;
  kmsKeyId: string | null;
  /** `pending`, `completed`, `error`, … */
  state: string | null;
  startTime: string | null;
  volumeSizeGiB: number | null;
  /** Attacker-controlled text: escape on output. */
  description: string | null;
  /**
   * `createVolumePermission` grants the group `all`: anyone can create a volume from it.
   * `null` when DescribeSnapshotAttribute failed (coverage entry with `resourceId`).
   */
  public: boolean | null;
  /** Account ids the snapshot is shared with; `null` when the attribute could not be read. */
  sharedWithAccounts: string[] | null;
}

/** `aws.ec2.image` (AMIs owned by the account) */
export interface ImageData {
  imageId: string;
  /** Attacker-controlled text: escape on output. */
  name: string | null;
  /** DescribeImages `Public`: launch permission granted to everyone. */
  public: boolean | null;
  /** `available`, `pending`, `failed`, `deregistered`, … */
  state: string | null;
  creationDate: string | null;
  /** EBS snapshots backing the image. */
  snapshotIds: string[];
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface EbsDataByType {
  [EBS_VOLUME]: VolumeData;
  [EBS_SNAPSHOT]: SnapshotData;
  [EBS_ENCRYPTION_DEFAULT]: EncryptionDefaultData;
  [EC2_IMAGE]: ImageData;
}

export const EBS_TYPES: TypeTable<EbsDataByType> = {
  [EBS_VOLUME]: { provider: 'aws', scope: 'regional', version: 1, description: 'EBS volumes' },
  [EBS_SNAPSHOT]: { provider: 'aws', scope: 'regional', version: 1, description: 'EBS snapshots owned by the account' },
  [EBS_ENCRYPTION_DEFAULT]: { provider: 'aws', scope: 'regional', version: 1, description: 'EBS encryption by default, per region' },
  [EC2_IMAGE]: { provider: 'aws', scope: 'regional', version: 1, description: 'AMIs owned by the account' },
};

export const EBS_INPUT_TYPES = {
  [EBS_SNAPSHOT_PERMISSIONS]: { provider: 'aws', scope: 'regional', description: "A snapshot's createVolumePermission (DescribeSnapshotAttribute)" },
} as const satisfies Record<string, InputTypeInfo>;
