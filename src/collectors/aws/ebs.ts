/**
 * EBS collector (per region): volumes, EBS encryption-by-default, snapshots the account owns (with their
 * `createVolumePermission`), and AMIs the account owns.
 *
 * Snapshots are listed with the `owner-id` filter rather than `OwnerIds: ['self']` (moto ignores OwnerIds and
 * would list other accounts' public snapshots). Whether a snapshot is public needs DescribeSnapshotAttribute,
 * one call per snapshot, run under the shared per-resource cap.
 */
import type { CreateVolumePermission, Image, Snapshot, Volume } from '@aws-sdk/client-ec2';
import {
  EBS_ENCRYPTION_DEFAULT,
  EBS_SNAPSHOT,
  EBS_SNAPSHOT_PERMISSIONS,
  EBS_VOLUME,
  EC2_IMAGE,
  type EncryptionDefaultData,
  type ImageData,
  type SnapshotData,
  type VolumeData,
} from '../../model/aws/ebs.js';
import type { Resource, ResourceRef } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, isoDate, perResource, tagRecord } from './per-resource.js';
import type { InputType, ResourceType } from '../../model/registry.js';

export interface EbsScope {
  partition: string;
  account: string;
  region: string;
}

// ------------------------------------------------------------------ toModel (pure)

function makeRef(scope: EbsScope, type: ResourceType, id: string, arn: string, tags: Volume['Tags']): ResourceRef {
  const ref: ResourceRef = { provider: 'aws', account: scope.account, region: scope.region, type, id, arn };
  const t = tagRecord(tags);
  if (t) ref.tags = t;
  if (t?.Name) ref.name = t.Name;
  return ref;
}

export function volumeToModel(raw: Volume, scope: EbsScope): Resource<VolumeData> {
  const id = raw.VolumeId!;
  return {
    ref: makeRef(scope, EBS_VOLUME, id, `arn:${scope.partition}:ec2:${scope.region}:${scope.account}:volume/${id}`, raw.Tags),
    data: {
      volumeId: id,
      encrypted: raw.Encrypted ?? null,
      kmsKeyId: raw.KmsKeyId ?? null,
      state: raw.State ?? null,
      sizeGiB: raw.Size ?? null,
      volumeType: raw.VolumeType ?? null,
      availabilityZone: raw.AvailabilityZone ?? null,
      snapshotId: raw.SnapshotId || null,
      createTime: isoDate(raw.CreateTime),
      attachments: (raw.Attachments ?? [])
        .filter((a) => a.InstanceId)
        .map((a) => ({ instanceId: a.InstanceId!, device: a.Device ?? null, state: a.State ?? null, deleteOnTermination: a.DeleteOnTermination ?? null })),
    },
  };
}

export function encryptionDefaultToModel(enabled: boolean, scope: EbsScope): Resource<EncryptionDefaultData> {
  return {
    ref: {
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: EBS_ENCRYPTION_DEFAULT,
      id: scope.region,
      name: `EBS encryption by default (${scope.region})`,
    },
    data: { region: scope.region, enabled },
  };
}

/** `permissions` is DescribeSnapshotAttribute's `CreateVolumePermissions`, or `null` when it could not be read. */
export function snapshotToModel(raw: Snapshot, permissions: CreateVolumePermission[] | null, scope: EbsScope): Resource<SnapshotData> {
  const id = raw.SnapshotId!;
  return {
    // Snapshot ARNs carry no account id.
    ref: makeRef(scope, EBS_SNAPSHOT, id, `arn:${scope.partition}:ec2:${scope.region}::snapshot/${id}`, raw.Tags),
    data: {
      snapshotId: id,
      volumeId: raw.VolumeId ?? null,
      encrypted: raw.Encrypted ?? null,
      kmsKeyId: raw.KmsKeyId ?? null,
      state: raw.State ?? null,
      startTime: isoDate(raw.StartTime),
      volumeSizeGiB: raw.VolumeSize ?? null,
      description: raw.Description || null,
      public: permissions === null ? null : permissions.some((p) => p.Group === 'all'),
      sharedWithAccounts: permissions === null ? null : permissions.map((p) => p.UserId).filter((u): u is string => !!u),
    },
  };
}

export function imageToModel(raw: Image, scope: EbsScope): Resource<ImageData> {
  const id = raw.ImageId!;
  const res = {
    ref: makeRef(scope, EC2_IMAGE, id, `arn:${scope.partition}:ec2:${scope.region}::image/${id}`, raw.Tags),
    data: {
      imageId: id,
      name: raw.Name ?? null,
      public: raw.Public ?? null,
      state: raw.State ?? null,
      creationDate: isoDate(raw.CreationDate),
      snapshotIds: (raw.BlockDeviceMappings ?? []).map((b) => b.Ebs?.SnapshotId).filter((s): s is string => !!s),
    },
  };
  if (!res.ref.name && raw.Name) res.ref.name = raw.Name;
  return res;
}

// ------------------------------------------------------------------ fetch

const PAGE_SIZE = 1000;

export const ebs: AwsServiceCollector = {
  service: 'ebs',
  scope: 'regional',
  resourceTypes: [EBS_VOLUME, EBS_SNAPSHOT, EBS_ENCRYPTION_DEFAULT, EC2_IMAGE],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const {
      DescribeSnapshotAttributeCommand,
      EC2Client,
      GetEbsEncryptionByDefaultCommand,
      paginateDescribeImages,
      paginateDescribeSnapshots,
      paginateDescribeVolumes,
    } = await import('@aws-sdk/client-ec2');
    const client = ctx.client(EC2Client, region);
    const scope: EbsScope = { partition: ctx.partition, account: ctx.account, region };
    const paging = { client, pageSize: PAGE_SIZE, stopOnSameToken: true };
    const step = (operation: string, type: InputType) => ({ service: 'ebs', region, operation, resourceTypes: [type] });
    const owner = [{ Name: 'owner-id', Values: [ctx.account] }];

    const [volumes, byDefault, snapshots, images] = await Promise.all([
      ctx.attempt(step('DescribeVolumes', EBS_VOLUME), () => allPages(paginateDescribeVolumes(paging, {}), (p) => p.Volumes)),
      ctx.attempt(step('GetEbsEncryptionByDefault', EBS_ENCRYPTION_DEFAULT), async () => {
        const v = (await client.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
        // An answer without the flag is not "off": make it a gap.
        if (typeof v !== 'boolean')
          throw Object.assign(new Error('GetEbsEncryptionByDefault answered without EbsEncryptionByDefault'), { name: 'IncompleteResponse' });
        return v;
      }),
      ctx.attempt(step('DescribeSnapshots', EBS_SNAPSHOT), () => allPages(paginateDescribeSnapshots(paging, { Filters: owner }), (p) => p.Snapshots)),
      ctx.attempt(step('DescribeImages', EC2_IMAGE), () =>
        allPages(paginateDescribeImages(paging, { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true }), (p) => p.Images),
      ),
    ]);

    const ownSnapshots = (snapshots ?? []).filter((s) => s.SnapshotId);
    const permissions = await perResource(
      ctx,
      step('DescribeSnapshotAttribute', EBS_SNAPSHOT_PERMISSIONS),
      ownSnapshots,
      (s) => s.SnapshotId!,
      async (s) =>
        (await client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: s.SnapshotId!, Attribute: 'createVolumePermission' }))).CreateVolumePermissions ??
        [],
    );

    const out: Resource<any>[] = [];
    for (const v of volumes ?? []) if (v.VolumeId) out.push(volumeToModel(v, scope));
    if (byDefault !== undefined) out.push(encryptionDefaultToModel(byDefault, scope));
    for (const s of ownSnapshots) out.push(snapshotToModel(s, permissions.get(s.SnapshotId!) ?? null, scope));
    for (const i of images ?? []) if (i.ImageId) out.push(imageToModel(i, scope));
    return out;
  },
};
