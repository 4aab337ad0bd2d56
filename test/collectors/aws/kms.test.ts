/** KMS collector: pure toModel on answers recorded from moto (test/fixtures/aws/kms/). */
import { describe, expect, it } from '@jest/globals';
import { type RawKey, keyToModel, rotationSupported } from '../../../src/collectors/aws/kms.js';
import { fixture } from './data-fixtures.js';

const raws = fixture<RawKey[]>('kms', 'raw-keys-us-east-1');
const model = (description: string) =>
  keyToModel(
    raws.find((r) => r.metadata.Description === description)!,
    '123456789012',
    'us-east-1',
  );

describe('kms toModel on moto answers', () => {
  it('maps a rotating customer key', () => {
    const k = model('app-key');
    expect(k.ref).toMatchObject({ type: 'aws.kms.key', region: 'us-east-1', name: 'app-key' });
    expect(k.ref.arn).toBe(k.data.arn);
    expect(k.data).toMatchObject({
      keyState: 'Enabled',
      enabled: true,
      keySpec: 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      rotationSupported: true,
      rotationEnabled: true,
      deletionDate: null,
    });
    expect(k.data.policy?.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::123456789012:root'] },
      Action: ['kms:*'],
      Resource: ['*'],
    });
  });

  it('maps a key pending deletion with its date and no rotation status', () => {
    const k = model('old-key');
    expect(k.data).toMatchObject({ keyState: 'PendingDeletion', enabled: false, rotationEnabled: null });
    expect(k.data.deletionDate).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('parses a key policy open to *', () => {
    expect(model('shared-key').data.policy?.Statement).toEqual([
      { Sid: 'AnyoneCanDecrypt', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: ['*'] },
    ]);
  });

  it('keeps an unreadable policy null', () => {
    expect(keyToModel({ ...raws[0]!, policy: null }, '123456789012', 'us-east-1').data.policy).toBeNull();
  });

  it('knows which keys AWS can rotate', () => {
    expect(rotationSupported({ KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS', KeyUsage: 'ENCRYPT_DECRYPT' })).toBe(true);
    expect(rotationSupported({ KeySpec: 'RSA_2048', Origin: 'AWS_KMS', KeyUsage: 'SIGN_VERIFY' })).toBe(false);
    expect(rotationSupported({ KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'EXTERNAL', KeyUsage: 'ENCRYPT_DECRYPT' })).toBe(false);
    expect(rotationSupported({ KeySpec: 'HMAC_256', Origin: 'AWS_KMS', KeyUsage: 'GENERATE_VERIFY_MAC' })).toBe(false);
    expect(rotationSupported({ KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_CLOUDHSM', KeyUsage: 'ENCRYPT_DECRYPT' })).toBe(false);
  });
});
