/**
 * KMS collector (per region): customer-managed keys with their state, rotation status and key policy.
 *
 * ListKeys is paged; KMS has no batch API for key details, so each key costs DescribeKey (to tell customer
 * keys from AWS-managed ones, which are skipped), then GetKeyPolicy and, when rotation applies,
 * GetKeyRotationStatus, under the shared per-resource cap.
 */
import type { KeyListEntry, KeyMetadata } from '@aws-sdk/client-kms';
import { KMS_KEY, KMS_KEY_POLICY, KMS_KEY_ROTATION, type KmsKeyData } from '../../model/aws/kms.js';
import type { InputType } from '../../model/registry.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import { allPages, isoDate, perResource } from './per-resource.js';
import { parsePolicyDocument } from './resource-policy.js';

/** Raw answers for one key (recorded as JSON fixtures for the toModel tests). */
export interface RawKey {
  metadata: KeyMetadata;
  /** GetKeyRotationStatus `KeyRotationEnabled`; `null` when not asked or failed. */
  rotationEnabled: boolean | null;
  /** GetKeyPolicy `Policy` text; `null` when it failed. */
  policy: string | null;
}

// ------------------------------------------------------------------ toModel (pure)

/** Automatic rotation exists only for symmetric encryption keys whose material KMS generated. */
export function rotationSupported(m: Pick<KeyMetadata, 'KeySpec' | 'Origin' | 'KeyUsage'>): boolean {
  return (
    (m.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' &&
    (m.Origin ?? 'AWS_KMS') === 'AWS_KMS' &&
    (m.KeyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT'
  );
}

export function keyToModel(raw: RawKey, account: string, region: string): Resource<KmsKeyData> {
  const m = raw.metadata;
  const id = m.KeyId!;
  const arn = m.Arn ?? `arn:aws:kms:${region}:${account}:key/${id}`;
  return {
    ref: { provider: 'aws', account, region, type: KMS_KEY, id, arn, ...(m.Description ? { name: m.Description.slice(0, 200) } : {}) },
    data: {
      keyId: id,
      arn,
      description: m.Description || null,
      keyState: m.KeyState ?? null,
      enabled: m.Enabled ?? null,
      keySpec: m.KeySpec ?? null,
      keyUsage: m.KeyUsage ?? null,
      origin: m.Origin ?? null,
      multiRegion: m.MultiRegion ?? null,
      creationDate: isoDate(m.CreationDate),
      deletionDate: isoDate(m.DeletionDate),
      rotationSupported: rotationSupported(m),
      rotationEnabled: raw.rotationEnabled,
      policy: raw.policy === null ? null : parsePolicyDocument(raw.policy),
    },
  };
}

// ------------------------------------------------------------------ fetch

export const kms: AwsServiceCollector = {
  service: 'kms',
  scope: 'regional',
  resourceTypes: [KMS_KEY],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } = await import('@aws-sdk/client-kms');
    const client = ctx.client(KMSClient, region);
    const step = (operation: string, type: InputType = KMS_KEY) => ({ service: 'kms', region, operation, resourceTypes: [type] });
    const keys = await ctx.attempt(step('ListKeys'), () => allPages(paginateListKeys({ client, pageSize: 1000, stopOnSameToken: true }, {}), (p) => p.Keys));
    const listed = (keys ?? []).filter((k): k is KeyListEntry & { KeyId: string } => !!k.KeyId);

    // A key whose DescribeKey failed is a gap for that key (it may be a customer key).
    const meta = await perResource(
      ctx,
      step('DescribeKey'),
      listed,
      (k) => k.KeyId,
      async (k) => {
        const m = (await client.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata;
        if (!m?.KeyId) throw Object.assign(new Error('DescribeKey answered without KeyMetadata'), { name: 'IncompleteResponse' });
        return m;
      },
    );
    const customer = listed.map((k) => meta.get(k.KeyId)).filter((m): m is KeyMetadata => !!m && m.KeyManager === 'CUSTOMER');

    // Rotation is only asked where it means something: enabled keys that support it.
    const rotatable = customer.filter((m) => rotationSupported(m) && m.KeyState === 'Enabled');
    const [rotation, policies] = await Promise.all([
      perResource(
        ctx,
        step('GetKeyRotationStatus', KMS_KEY_ROTATION),
        rotatable,
        (m) => m.KeyId!,
        async (m) => {
          const v = (await client.send(new GetKeyRotationStatusCommand({ KeyId: m.KeyId! }))).KeyRotationEnabled;
          if (typeof v !== 'boolean')
            throw Object.assign(new Error('GetKeyRotationStatus answered without KeyRotationEnabled'), { name: 'IncompleteResponse' });
          return v;
        },
      ),
      perResource(
        ctx,
        step('GetKeyPolicy', KMS_KEY_POLICY),
        customer,
        (m) => m.KeyId!,
        async (m) => {
          const text = (await client.send(new GetKeyPolicyCommand({ KeyId: m.KeyId!, PolicyName: 'default' }))).Policy;
          if (text === undefined) throw Object.assign(new Error('GetKeyPolicy answered without a policy'), { name: 'IncompleteResponse' });
          parsePolicyDocument(text);
          return text;
        },
      ),
    ]);
    return customer.map((m): Resource<any> =>
      keyToModel({ metadata: m, rotationEnabled: rotation.get(m.KeyId!) ?? null, policy: policies.get(m.KeyId!) ?? null }, ctx.account, region),
    );
  },
};
