/**
 * The real @google-cloud/asset client (REST fallback over HTTP) against the local Cloud Asset fake
 * (src/testing/gcp-asset-server.ts): paging, PERMISSION_DENIED per asset type, RESOURCE_EXHAUSTED
 * retried with backoff, and the same normalized resources as the export path.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { collectGcp } from '../../src/collectors/gcp/index.js';
import { parseScope } from '../../src/collectors/gcp/live.js';
import { readExports } from '../../src/collectors/gcp/export-reader.js';
import { type GcpAssetServer, startGcpAssetServer } from '../../src/testing/gcp-asset-server.js';
import { InputError } from '../../src/util/errors.js';

const FIX = 'test/fixtures/gcp';
const lines = (f: string) =>
  readFileSync(`${FIX}/${f}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const assets = lines('resources.jsonl');
const iamPolicies = JSON.parse(readFileSync(`${FIX}/search-iam.json`, 'utf8')) as unknown[];
const SCOPE = 'organizations/555555555555';
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20 };

let server: GcpAssetServer | undefined;

beforeAll(() => {
  // Never probe a metadata server; with an endpoint override no credentials are looked up at all.
  process.env.METADATA_SERVER_DETECTION = 'none';
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('live collection through the real Cloud Asset client', () => {
  it('reads every page of every asset type and every IAM policy page, with no credentials sent', async () => {
    server = await startGcpAssetServer({ assets, iamPolicies, maxPageSize: 2 });
    const out = await collectGcp({ scope: SCOPE, endpoint: server.endpoint, retry: fastRetry });

    expect(out.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(out.coverage.map((c) => c.operation).sort()).toEqual(
      [
        'SearchAllIamPolicies',
        ...[
          'cloudkms.googleapis.com/CryptoKey',
          'cloudresourcemanager.googleapis.com/Project',
          'compute.googleapis.com/Disk',
          'compute.googleapis.com/Firewall',
          'compute.googleapis.com/SslPolicy',
          'compute.googleapis.com/TargetHttpsProxy',
          'iam.googleapis.com/ServiceAccount',
          'iam.googleapis.com/ServiceAccountKey',
          'sqladmin.googleapis.com/Instance',
          'storage.googleapis.com/Bucket',
        ].map((t) => `ListAssets:${t}`),
      ].sort(),
    );
    // 8 firewalls at 2 per page = 4 pages, following nextPageToken.
    const fwPages = server.requests.filter((r) => r.query.assetTypes?.[0] === 'compute.googleapis.com/Firewall');
    expect(fwPages).toHaveLength(4);
    expect(fwPages.filter((r) => r.query.pageToken)).toHaveLength(3);
    expect(fwPages.every((r) => r.path === `/v1/${SCOPE}/assets` && r.query.contentType?.[0] === '1')).toBe(true);
    expect(server.requests.filter((r) => r.path === `/v1/${SCOPE}:searchAllIamPolicies`)).toHaveLength(2);
    expect(server.requests.some((r) => r.authorization)).toBe(false);
    expect(out.apiCalls).toEqual({ 'cloudasset:ListAssets': 16, 'cloudasset:SearchAllIamPolicies': 2 });

    const count = (t: string) => out.resources.filter((r) => r.ref.type === t).length;
    expect(count('gcp.compute.firewall')).toBe(8);
    expect(count('gcp.iam.service-account-key')).toBe(3);
    expect(count('gcp.iam.policy')).toBe(3);
    expect(out.scopes).toEqual([
      expect.objectContaining({ provider: 'gcp', account: SCOPE, detail: expect.objectContaining({ scope: SCOPE, source: 'cloud-asset-api' }) }),
    ]);
    // Bucket names carry no project: its number (ancestors) is mapped to the id the Project asset gives.
    expect(out.resources.find((r) => r.ref.name === 'acme-public-assets')!.ref.account).toBe('acme-prod');
  });

  it('normalizes live assets (camelCase, protobuf Struct data) exactly like export lines', async () => {
    server = await startGcpAssetServer({ assets, maxPageSize: 500 });
    const live = await collectGcp({ scope: 'projects/acme-prod', endpoint: server.endpoint, retry: fastRetry });
    const offline = (await readExports([`${FIX}/resources.jsonl`])).inventory.finish();
    const key = (r: { ref: { type: string; id: string } }) => `${r.ref.type}|${r.ref.id}`;
    const sort = <T extends { ref: { type: string; id: string } }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(live.resources)).toEqual(sort(offline.resources));
  });

  it('records PERMISSION_DENIED on one asset type and goes on with the others', async () => {
    server = await startGcpAssetServer({ assets, iamPolicies, deniedAssetTypes: ['compute.googleapis.com/Disk'] });
    const out = await collectGcp({ scope: SCOPE, endpoint: server.endpoint, retry: fastRetry });
    const denied = out.coverage.filter((c) => c.status !== 'ok');
    expect(denied).toEqual([
      expect.objectContaining({
        provider: 'gcp',
        account: SCOPE,
        region: 'global',
        service: 'cloudasset',
        operation: 'ListAssets:compute.googleapis.com/Disk',
        resourceTypes: ['gcp.compute.disk'],
        status: 'denied',
        errorCode: 'PERMISSION_DENIED',
        message: expect.stringMatching(/does not have permission/),
      }),
    ]);
    expect(out.resources.filter((r) => r.ref.type === 'gcp.compute.disk')).toEqual([]);
    expect(out.resources.filter((r) => r.ref.type === 'gcp.compute.firewall')).toHaveLength(8);
    // Denied requests are not retried.
    expect(server.requests.filter((r) => r.query.assetTypes?.[0] === 'compute.googleapis.com/Disk')).toHaveLength(1);
  });

  it('retries RESOURCE_EXHAUSTED (429) with backoff on the page that failed, and succeeds', async () => {
    server = await startGcpAssetServer({
      assets,
      iamPolicies,
      throttle: [
        { target: 'compute.googleapis.com/Firewall', page: 3, times: 2 },
        { target: 'searchAllIamPolicies', page: 1, times: 1 },
      ],
    });
    const out = await collectGcp({ scope: SCOPE, endpoint: server.endpoint, retry: fastRetry });
    expect(out.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(out.resources.filter((r) => r.ref.type === 'gcp.compute.firewall')).toHaveLength(8);
    const fw = server.requests.filter((r) => r.query.assetTypes?.[0] === 'compute.googleapis.com/Firewall');
    // Pages 1, 2, then page 3 three times (two 429s), then page 4; earlier pages are not fetched again.
    expect(fw).toHaveLength(6);
    expect(new Set(fw.map((r) => r.query.pageToken?.[0] ?? 'first')).size).toBe(4);
    expect(server.requests.filter((r) => r.path.endsWith(':searchAllIamPolicies'))).toHaveLength(3);
  });

  it('records throttling that outlasts the bounded retries as a coverage gap, keeping what was read', async () => {
    server = await startGcpAssetServer({ assets, throttle: [{ target: 'compute.googleapis.com/Firewall', page: 2, times: Infinity }] });
    const out = await collectGcp({ scope: SCOPE, endpoint: server.endpoint, retry: { ...fastRetry, maxRetries: 2 } });
    expect(out.coverage.find((c) => c.operation === 'ListAssets:compute.googleapis.com/Firewall')).toMatchObject({
      status: 'throttled',
      errorCode: 'RESOURCE_EXHAUSTED',
    });
    expect(server.requests.filter((r) => r.query.assetTypes?.[0] === 'compute.googleapis.com/Firewall')).toHaveLength(4);
    expect(out.resources.filter((r) => r.ref.type === 'gcp.compute.firewall')).toHaveLength(2);
  });

  it('records an unreachable endpoint per step instead of failing the run', async () => {
    server = await startGcpAssetServer({});
    const endpoint = server.endpoint;
    await server.stop();
    server = undefined;
    const out = await collectGcp({ scope: 'projects/acme-prod', endpoint, retry: { ...fastRetry, maxRetries: 0 }, timeoutMs: 5000 });
    expect(out.coverage).toHaveLength(11);
    expect(out.coverage.every((c) => c.status === 'unreachable' && c.account === 'acme-prod')).toBe(true);
  });

  it('rejects bad scopes and endpoints as input errors', async () => {
    await expect(collectGcp({ scope: 'project/x' })).rejects.toThrow(InputError);
    await expect(collectGcp({ scope: 'projects/acme-prod', endpoint: 'localhost' })).rejects.toThrow(/invalid endpoint/);
    await expect(collectGcp({})).rejects.toThrow(/nothing to collect/);
    expect(
      ['organizations/123', 'folders/456', 'projects/p', 'projects/123456789012', 'projects/example.com:legacy-proj'].map((s) => parseScope(s).account),
    ).toEqual(['organizations/123', 'folders/456', 'p', '123456789012', 'example.com:legacy-proj']);
    for (const bad of ['projects/', 'projects/My_Proj', 'projects/-x', 'projects/x-', 'organizations/acme', 'projects/p/zones/a'])
      expect(() => parseScope(bad)).toThrow(InputError);
  });
});
