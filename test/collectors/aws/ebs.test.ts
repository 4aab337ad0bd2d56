/** EBS collector: pure toModel on responses recorded from moto (test/fixtures/aws/ebs/). */
import { describe, expect, it } from '@jest/globals';
import type { Image, Snapshot, Volume } from '@aws-sdk/client-ec2';
import { encryptionDefaultToModel, imageToModel, snapshotToModel, volumeToModel } from '../../../src/collectors/aws/ebs.js';
import { fixture } from './data-fixtures.js';

const scope = { partition: 'aws', account: '123456789012', region: 'us-east-1' };

describe('ebs toModel on moto responses', () => {
  const volumes = fixture<{ Volumes: Volume[] }>('ebs', 'describe-volumes-us-east-1').Volumes.map((v) => volumeToModel(v, scope));
  const byName = (n: string) => volumes.find((v) => v.ref.name === n)!;

  it('maps encryption, KMS key, size, tags and ARN of volumes', () => {
    const good = byName('app-data');
    expect(good.ref).toMatchObject({ type: 'aws.ebs.volume', region: 'us-east-1', account: '123456789012', tags: { Name: 'app-data' } });
    expect(good.ref.arn).toBe(`arn:aws:ec2:us-east-1:123456789012:volume/${good.data.volumeId}`);
    expect(good.data).toMatchObject({ encrypted: true, sizeGiB: 50, volumeType: 'gp3', state: 'available', attachments: [] });
    expect(good.data.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    expect(byName('legacy-data').data).toMatchObject({ encrypted: false, kmsKeyId: null, sizeGiB: 100 });
  });

  it('keeps the attachment of an instance root volume', () => {
    const root = volumes.find((v) => v.data.attachments.length > 0)!;
    // moto's DescribeVolumes omits DeleteOnTermination on attachments: unknown, not false.
    expect(root.data.attachments[0]).toMatchObject({ device: '/dev/sda1', state: 'attached', deleteOnTermination: null });
    expect(root.data.attachments[0]!.instanceId).toMatch(/^i-/);
    expect(root.data.state).toBe('in-use');
  });

  it('reads a missing Encrypted flag as unknown, not as false', () => {
    expect(volumeToModel({ VolumeId: 'vol-x' }, scope).data.encrypted).toBeNull();
  });

  it('maps the encryption-by-default setting per region', () => {
    const on = fixture('ebs', 'get-ebs-encryption-by-default-us-east-1').EbsEncryptionByDefault;
    const off = fixture('ebs', 'get-ebs-encryption-by-default-eu-west-1').EbsEncryptionByDefault;
    expect([on, off]).toEqual([true, false]);
    expect(encryptionDefaultToModel(off, { ...scope, region: 'eu-west-1' })).toMatchObject({
      ref: { type: 'aws.ebs.encryption-default', id: 'eu-west-1', region: 'eu-west-1' },
      data: { enabled: false },
    });
  });

  it('marks the snapshot shared with group all as public, and keeps account shares', () => {
    const snaps = fixture<{ Snapshots: Snapshot[] }>('ebs', 'describe-snapshots-us-east-1').Snapshots;
    const attrs = fixture<Record<string, { CreateVolumePermissions: [] }>>('ebs', 'describe-snapshot-attribute-us-east-1');
    const models = snaps.map((s) => snapshotToModel(s, attrs[s.SnapshotId!]!.CreateVolumePermissions, scope));
    const pub = models.find((m) => m.ref.name === 'legacy-data-backup')!;
    expect(pub.data).toMatchObject({ public: true, encrypted: false, sharedWithAccounts: [], description: 'legacy-data nightly' });
    expect(pub.ref.arn).toBe(`arn:aws:ec2:us-east-1::snapshot/${pub.data.snapshotId}`);
    expect(models.find((m) => m.ref.name === 'app-data-backup')!.data).toMatchObject({ public: false, encrypted: true });
    const shared = snapshotToModel(snaps[0]!, [{ UserId: '111122223333' }], scope);
    expect(shared.data).toMatchObject({ public: false, sharedWithAccounts: ['111122223333'] });
  });

  it('leaves public/shares null when the attribute could not be read', () => {
    const snap = fixture<{ Snapshots: Snapshot[] }>('ebs', 'describe-snapshots-us-east-1').Snapshots[0]!;
    expect(snapshotToModel(snap, null, scope).data).toMatchObject({ public: null, sharedWithAccounts: null });
  });

  it('maps owned AMIs with their public flag', () => {
    const images = fixture<{ Images: Image[] }>('ebs', 'describe-images-us-east-1').Images.map((i) => imageToModel(i, scope));
    expect(images.map((i) => [i.ref.name, i.data.public]).sort()).toEqual([
      ['golden-image', false],
      ['vendor-appliance', true],
    ]);
    expect(images[0]!.data.snapshotIds[0]).toMatch(/^snap-/);
    expect(fixture('ebs', 'describe-images-eu-west-1').Images).toEqual([]);
  });
});
