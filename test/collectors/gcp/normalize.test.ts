import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { GcpInventory } from '../../../src/collectors/gcp/inventory.js';
import {
  NormalizeError,
  accountOf,
  durationSeconds,
  fromStruct,
  isStruct,
  mergeBindings,
  plainData,
  policyFromSearch,
  readAsset,
  readSearchResult,
  resourceFromAsset,
} from '../../../src/collectors/gcp/normalize.js';
import { toRestAsset } from '../../../src/testing/gcp-asset-server.js';

const FIX = new URL('../../fixtures/gcp/', import.meta.url);
const lines = (f: string) =>
  readFileSync(new URL(f, FIX), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const exportLines = lines('resources.jsonl');
const byName = (n: string) => exportLines.find((l) => (l.name as string).endsWith(`/${n}`))!;

/** Plain JSON → the protobuf Struct the Node client returns for `resource.data`. */
function toValue(v: unknown): Record<string, unknown> {
  if (v === null) return { nullValue: 'NULL_VALUE', kind: 'nullValue' };
  if (Array.isArray(v)) return { listValue: { values: v.map(toValue) }, kind: 'listValue' };
  if (typeof v === 'object') return { structValue: toStruct(v as Record<string, unknown>), kind: 'structValue' };
  if (typeof v === 'number') return { numberValue: v, kind: 'numberValue' };
  if (typeof v === 'boolean') return { boolValue: v, kind: 'boolValue' };
  return { stringValue: String(v), kind: 'stringValue' };
}
const toStruct = (o: Record<string, unknown>) => ({ fields: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toValue(v)])) });

/** The export line as the live client hands it over: camelCase, Struct data, proto defaults filled in. */
function asClientAsset(line: Record<string, unknown>): Record<string, unknown> {
  const rest = toRestAsset(line) as { resource: Record<string, unknown> } & Record<string, unknown>;
  return {
    ...rest,
    iamPolicy: null,
    orgPolicy: [],
    resource: { ...rest.resource, resourceUrl: '', data: toStruct(rest.resource.data as Record<string, unknown>) },
    updateTime: { seconds: '1732089600', nanos: 0 },
  };
}

describe('protobuf Struct', () => {
  it('converts a Struct back to the plain JSON it came from', () => {
    const data = byName('orders-db').resource as { data: Record<string, unknown> };
    const s = toStruct(data.data);
    expect(isStruct(s)).toBe(true);
    expect(fromStruct(s)).toEqual(data.data);
    expect(plainData(s)).toEqual(data.data);
  });
  it('leaves plain JSON alone, even with a key named fields', () => {
    expect(isStruct({ fields: { a: 1 } })).toBe(false);
    expect(plainData({ fields: { a: 1 } })).toEqual({ fields: { a: 1 } });
  });
  it('handles values without the oneof `kind` marker and nulls', () => {
    expect(fromStruct({ fields: { a: { stringValue: 'x' }, b: { nullValue: 0 }, c: { listValue: {} } } })).toEqual({ a: 'x', b: null, c: [] });
  });
});

describe('resourceFromAsset', () => {
  it('gives the same resource for an export line (snake_case, plain) and a client asset (camelCase, Struct)', () => {
    for (const line of exportLines) {
      const fromExport = resourceFromAsset(readAsset(line));
      const fromClient = resourceFromAsset(readAsset(asClientAsset(line)));
      expect(fromClient).toEqual(fromExport);
    }
  });

  it('maps a firewall with documented defaults and the ipProtocol spelling', () => {
    const r = resourceFromAsset(readAsset(byName('allow-all-world')))!;
    expect(r.ref).toEqual({
      provider: 'gcp',
      account: 'acme-prod',
      region: 'global',
      type: 'gcp.compute.firewall',
      id: '//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-all-world',
      arn: '//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-all-world',
      name: 'allow-all-world',
    });
    expect(r.data).toMatchObject({
      direction: 'INGRESS',
      disabled: false,
      priority: 1000,
      sourceRanges: ['0.0.0.0/0'],
      allowed: [{ protocol: 'all', ports: [] }],
      targetTags: [],
      logEnabled: false,
    });
    expect(resourceFromAsset(readAsset(byName('allow-https-world')))!.data).toMatchObject({ allowed: [{ protocol: 'tcp', ports: ['443'] }] });
  });

  it('maps Cloud SQL: missing requireSsl is false, missing sslMode is null, public IPs from PRIMARY addresses', () => {
    expect(resourceFromAsset(readAsset(byName('legacy-db')))!.data).toEqual({
      name: 'legacy-db',
      databaseVersion: 'MYSQL_5_7',
      state: null,
      ipv4Enabled: true,
      publicIpAddresses: [],
      authorizedNetworks: [],
      requireSsl: false,
      sslMode: null,
      privateNetwork: null,
    });
    expect(resourceFromAsset(readAsset(byName('billing-db')))!.data).toMatchObject({ ipv4Enabled: false, sslMode: 'ENCRYPTED_ONLY', publicIpAddresses: [] });
  });

  it('keeps unknown Cloud SQL settings null instead of guessing', () => {
    const line = {
      name: '//cloudsql.googleapis.com/projects/p/instances/x',
      asset_type: 'sqladmin.googleapis.com/Instance',
      resource: { data: { name: 'x' } },
    };
    expect(resourceFromAsset(readAsset(line))!.data).toMatchObject({ ipv4Enabled: null, authorizedNetworks: null, requireSsl: null, sslMode: null });
  });

  it('maps buckets: account from ancestors, location from data, encryption and access settings', () => {
    const r = resourceFromAsset(readAsset(byName('acme-public-assets')))!;
    expect(r.ref).toMatchObject({ account: '123456789012', region: 'us', name: 'acme-public-assets' });
    expect(r.data).toEqual({
      name: 'acme-public-assets',
      location: 'US',
      projectNumber: '123456789012',
      publicAccessPrevention: 'inherited',
      uniformBucketLevelAccess: false,
      encryption: 'google-managed',
      defaultKmsKeyName: null,
      versioning: false,
    });
    const noAncestors = { ...byName('acme-prod-logs'), ancestors: undefined };
    expect(resourceFromAsset(readAsset(noAncestors))!.ref.account).toBe('123456789012');
  });

  it('maps disks, KMS keys, service accounts and keys', () => {
    expect(resourceFromAsset(readAsset(byName('db-data')))!.data).toMatchObject({ encryption: 'cmek', sizeGb: 500, diskType: 'pd-ssd', zone: 'us-central1-a' });
    expect(resourceFromAsset(readAsset(byName('web-1')))!.data).toMatchObject({ encryption: 'google-managed', kmsKeyName: null });
    expect(resourceFromAsset(readAsset(byName('disk-key')))!.data).toMatchObject({
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriodSeconds: 7776000,
      keyRing: 'projects/acme-prod/locations/us-central1/keyRings/data',
    });
    expect(resourceFromAsset(readAsset(byName('bucket-key')))!.data).toMatchObject({ rotationPeriodSeconds: null, protectionLevel: 'HSM' });
    const key = resourceFromAsset(readAsset(byName('0a1b2c3d4e5f60718293a4b5c6d7e8f901234567')))!;
    expect(key.ref.name).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f901234567');
    expect(key.data).toMatchObject({
      serviceAccount: 'ci-deployer@acme-prod.iam.gserviceaccount.com',
      keyType: 'USER_MANAGED',
      validAfterTime: '2023-04-11T09:30:00Z',
      disabled: false,
    });
    expect(resourceFromAsset(readAsset(byName('104857600000000000001')))!.ref.name).toBe('app-sa@acme-prod.iam.gserviceaccount.com');
  });

  it('maps SSL policies and HTTPS proxies with the documented defaults', () => {
    const bare = {
      name: '//compute.googleapis.com/projects/p/global/sslPolicies/bare',
      asset_type: 'compute.googleapis.com/SslPolicy',
      resource: { data: { name: 'bare' } },
    };
    expect(resourceFromAsset(readAsset(bare))!.data).toEqual({
      name: 'bare',
      profile: 'COMPATIBLE',
      minTlsVersion: 'TLS_1_0',
      customFeatures: [],
      enabledFeatures: null,
    });
    expect(resourceFromAsset(readAsset(byName('web-proxy')))!.data).toMatchObject({ sslPolicy: null, sslCertificates: [expect.stringContaining('web-cert')] });
  });

  it('refuses data it cannot judge instead of guessing', () => {
    const fw = {
      name: '//compute.googleapis.com/projects/p/global/firewalls/f',
      asset_type: 'compute.googleapis.com/Firewall',
      resource: { data: { allowed: [{ ports: ['22'] }] } },
    };
    expect(() => resourceFromAsset(readAsset(fw))).toThrow(NormalizeError);
    expect(() => resourceFromAsset(readAsset({ ...fw, resource: { data: { sourceRanges: '0.0.0.0/0' } } }))).toThrow(/sourceRanges is not a list/);
    expect(() => resourceFromAsset(readAsset({ ...fw, resource: {} }))).toThrow(/no data/);
    expect(() => durationSeconds('90d', 'rotationPeriod')).toThrow(/not a duration/);
    expect(durationSeconds({ seconds: '86400' }, 'x')).toBe(86400);
  });

  it('ignores asset types Vigil does not model', () => {
    expect(
      resourceFromAsset(
        readAsset({ name: '//compute.googleapis.com/projects/p/zones/z/instances/i', asset_type: 'compute.googleapis.com/Instance', resource: { data: {} } }),
      ),
    ).toBeUndefined();
  });
});

describe('identity', () => {
  it('derives the account from the name, ancestors or the hierarchy node', () => {
    expect(accountOf('//compute.googleapis.com/projects/my-proj/global/firewalls/f', ['projects/1'])).toBe('my-proj');
    expect(accountOf('//storage.googleapis.com/b', ['projects/42', 'organizations/9'])).toBe('42');
    expect(accountOf('//cloudresourcemanager.googleapis.com/organizations/9', [])).toBe('organizations/9');
    expect(accountOf('//cloudresourcemanager.googleapis.com/folders/8', [])).toBe('folders/8');
    expect(accountOf('//cloudresourcemanager.googleapis.com/projects/42', [])).toBe('42');
    expect(accountOf('//storage.googleapis.com/projects/_/buckets/b', ['projects/42'])).toBe('42');
    expect(accountOf('//storage.googleapis.com/b', [])).toBeNull();
  });

  it('maps project numbers to ids across records and merges policy views', () => {
    const inv = new GcpInventory();
    for (const l of lines('iam.jsonl')) inv.addAsset(l, 'iam.jsonl', 'ReadExport');
    for (const r of JSON.parse(readFileSync(new URL('search-iam.json', FIX), 'utf8')) as unknown[]) inv.addSearchResult(r);
    for (const l of exportLines) inv.addAsset(l, 'resources.jsonl', 'ReadExport');
    const { resources, coverage } = inv.finish();
    expect(coverage).toEqual([]);
    const project = resources.find((r) => r.ref.type === 'gcp.iam.policy' && r.ref.id === '//cloudresourcemanager.googleapis.com/projects/123456789012')!;
    expect(project.ref).toMatchObject({ account: 'acme-prod', name: 'acme-prod', region: 'global' });
    const roles = (project.data as { bindings: { role: string }[] }).bindings.map((b) => b.role);
    expect(roles.filter((r) => r === 'roles/owner')).toHaveLength(1);
    expect(roles).toContain('roles/iam.serviceAccountTokenCreator');
    expect(resources.find((r) => r.ref.name === 'acme-public-assets' && r.ref.type === 'gcp.storage.bucket')!.ref.account).toBe('acme-prod');
    expect(resources.find((r) => r.ref.id === '//cloudresourcemanager.googleapis.com/folders/444444444444')!.data).toMatchObject({
      level: 'folder',
      assetType: 'cloudresourcemanager.googleapis.com/Folder',
    });
  });

  it('records unreadable resource data as a gap for that one resource', () => {
    const inv = new GcpInventory();
    inv.addAsset(
      {
        name: '//compute.googleapis.com/projects/p/global/firewalls/f',
        asset_type: 'compute.googleapis.com/Firewall',
        resource: { location: 'global', data: { allowed: 'tcp:22' } },
      },
      'x.jsonl:3',
      'ReadExport',
    );
    const { resources, coverage, warnings } = inv.finish();
    expect(resources).toEqual([]);
    expect(coverage).toEqual([
      expect.objectContaining({
        account: 'p',
        resourceTypes: ['gcp.compute.firewall'],
        status: 'error',
        resourceId: '//compute.googleapis.com/projects/p/global/firewalls/f',
      }),
    ]);
    expect(warnings[0]).toMatch(/^x\.jsonl:3: .*allowed is not a list/);
  });
});

describe('policies', () => {
  it('reads a search result with a folder and keeps conditions', () => {
    const p = policyFromSearch(
      readSearchResult({
        resource: '//cloudresourcemanager.googleapis.com/folders/8',
        project: '',
        folders: ['folders/8'],
        organization: 'organizations/9',
        policy: {
          bindings: [{ role: 'roles/viewer', members: ['user:b@x', 'user:a@x', 'user:a@x'], condition: { title: 't', expression: 'e', description: '' } }],
        },
      }),
    );
    expect(p.ref).toMatchObject({ account: 'folders/8', type: 'gcp.iam.policy' });
    expect(p.data).toEqual({
      resource: '//cloudresourcemanager.googleapis.com/folders/8',
      assetType: 'cloudresourcemanager.googleapis.com/Folder',
      level: 'folder',
      bindings: [{ role: 'roles/viewer', members: ['user:a@x', 'user:b@x'], condition: { title: 't', expression: 'e', description: null } }],
    });
  });
  it('merges bindings by role and condition', () => {
    const c = { title: 't', expression: 'e', description: null };
    expect(
      mergeBindings(
        [
          { role: 'r', members: ['a'] },
          { role: 'r', members: ['x'], condition: c },
        ],
        [{ role: 'r', members: ['b', 'a'] }],
      ),
    ).toEqual([
      { role: 'r', members: ['a', 'b'] },
      { role: 'r', members: ['x'], condition: c },
    ]);
  });
});
