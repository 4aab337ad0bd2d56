/** S3 collector: pure toModel on the raw answers recorded from moto (test/fixtures/aws/s3/raw-buckets.json). */
import { describe, expect, it } from '@jest/globals';
import { type RawBucket, accountPublicAccessBlockToModel, bucketToModel, regionFromLocation } from '../../../src/collectors/aws/s3.js';
import { fixture } from './data-fixtures.js';

const raws = fixture<RawBucket[]>('s3', 'raw-buckets');
const model = (name: string) =>
  bucketToModel(
    raws.find((r) => r.bucket.Name === name)!,
    '123456789012',
    'aws',
  );

describe('s3 toModel on moto answers', () => {
  it('puts each bucket in its own region', () => {
    expect(model('acme-public-assets-us-east-1').ref).toMatchObject({
      type: 'aws.s3.bucket',
      id: 'acme-public-assets-us-east-1',
      region: 'us-east-1',
      arn: 'arn:aws:s3:::acme-public-assets-us-east-1',
    });
    expect(model('acme-public-assets-eu-west-1').ref.region).toBe('eu-west-1');
  });

  it('reads "not configured" answers as facts', () => {
    const b = model('acme-app-uploads-us-east-1').data;
    expect(b.encryption).toEqual({ configured: false, rules: [] });
    expect(b.publicAccessBlock).toEqual({
      configured: false,
      settings: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
    });
    expect(b.policy).toEqual({ exists: false, document: null });
    expect(b.versioning).toEqual({ status: 'Off', mfaDelete: null });
    expect(b.logging).toEqual({ enabled: false, targetBucket: null, targetPrefix: null });
  });

  it('maps the compliant bucket: SSE-KMS, BPA, TLS-only policy, versioning, logging', () => {
    const b = model('acme-secure-records-eu-west-1').data;
    expect(b.encryption?.rules[0]).toMatchObject({ algorithm: 'aws:kms', bucketKeyEnabled: true });
    expect(b.encryption?.rules[0]!.kmsKeyId).toMatch(/^arn:aws:kms:eu-west-1:/);
    expect(b.publicAccessBlock).toEqual({
      configured: true,
      settings: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    });
    expect(b.policy?.document?.Statement[0]).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: ['*'] },
      Action: ['s3:*'],
      Resource: ['arn:aws:s3:::acme-secure-records-eu-west-1', 'arn:aws:s3:::acme-secure-records-eu-west-1/*'],
      Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
    });
    expect(b.versioning).toEqual({ status: 'Enabled', mfaDelete: null });
    expect(b.logging).toEqual({ enabled: true, targetBucket: 'acme-access-logs-eu-west-1', targetPrefix: 'acme-secure-records-eu-west-1/' });
  });

  it('normalizes the public policy and the ACL grants', () => {
    const pub = model('acme-public-assets-us-east-1').data;
    expect(pub.policy?.document?.Statement).toEqual([
      { Sid: 'PublicRead', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-public-assets-us-east-1/*'] },
    ]);
    const logs = model('acme-access-logs-us-east-1').data;
    expect(logs.acl?.grants).toContainEqual({ granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'READ_ACP' });
  });

  it('keeps a failed setting null and a bucket with unknown location in region unknown (not global)', () => {
    const raw = { ...raws[0]!, region: null, policy: null, acl: null };
    const m = bucketToModel(raw, '123456789012', 'aws');
    expect(m.ref.region).toBe('unknown');
    expect(m.data).toMatchObject({ region: null, policy: null, acl: null });
  });

  it('maps location constraints and the account-level block', () => {
    expect([regionFromLocation(undefined), regionFromLocation(''), regionFromLocation('EU'), regionFromLocation('eu-west-1')]).toEqual([
      'us-east-1',
      'us-east-1',
      'eu-west-1',
      'eu-west-1',
    ]);
    expect(accountPublicAccessBlockToModel('not-configured', '123456789012')).toMatchObject({
      ref: { type: 'aws.s3.account-public-access-block', id: '123456789012', region: 'global' },
      data: { configured: false },
    });
    const on = accountPublicAccessBlockToModel(
      { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false } },
      '123456789012',
    );
    expect(on.data).toEqual({
      configured: true,
      settings: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false },
    });
  });
});
