/**
 * OpenSearch Service collector (per region): every domain (OpenSearch and legacy Elasticsearch engines)
 * with its endpoint, TLS, encryption and access settings.
 *
 * Calls: ListDomainNames (one call, not paged: it lists every domain of the region), then DescribeDomains
 * in batches of {@link DESCRIBE_BATCH} names (the API's limit), under the shared per-resource cap. A failed
 * batch is a gap on each of its domains (by name), so only their rules become unknown.
 */
import type { DomainStatus } from '@aws-sdk/client-opensearch';
import { OPENSEARCH_DOMAIN, type OpenSearchDomainData } from '../../model/aws/opensearch.js';
import type { Resource } from '../../model/types.js';
import { type AwsContext, type AwsServiceCollector, classifyAwsError, collectionTimeout } from './context.js';
import { parsePolicyDocument } from './resource-policy.js';

/** DescribeDomains accepts at most five names per call. */
export const DESCRIBE_BATCH = 5;

// ------------------------------------------------------------------ toModel (pure)

export function domainToModel(raw: DomainStatus, scope: { account: string; region: string }): Resource<OpenSearchDomainData> {
  const name = raw.DomainName!;
  const arn = raw.ARN ?? `arn:aws:es:${scope.region}:${scope.account}:domain/${name}`;
  let accessPolicy: OpenSearchDomainData['accessPolicy'] = null;
  let accessPolicyError: string | null = null;
  const text = raw.AccessPolicies?.trim();
  if (text) {
    try {
      accessPolicy = parsePolicyDocument(text);
    } catch (err) {
      accessPolicyError = err instanceof Error ? err.message : String(err);
    }
  }
  const vpcId = raw.VPCOptions?.VPCId || null;
  const inVpc = !!vpcId || (raw.VPCOptions?.SubnetIds ?? []).length > 0 || !!raw.Endpoints?.vpc;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: OPENSEARCH_DOMAIN, id: name, name, arn },
    data: {
      name,
      arn,
      engineVersion: raw.EngineVersion ?? null,
      enforceHttps: raw.DomainEndpointOptions?.EnforceHTTPS ?? null,
      tlsSecurityPolicy: raw.DomainEndpointOptions?.TLSSecurityPolicy ?? null,
      customEndpoint: raw.DomainEndpointOptions?.CustomEndpointEnabled ? (raw.DomainEndpointOptions.CustomEndpoint ?? null) : null,
      nodeToNodeEncryption: raw.NodeToNodeEncryptionOptions?.Enabled ?? null,
      encryptionAtRest: raw.EncryptionAtRestOptions?.Enabled ?? null,
      kmsKeyId: raw.EncryptionAtRestOptions?.KmsKeyId ?? null,
      inVpc,
      vpcId,
      endpoint: inVpc ? null : (raw.Endpoint ?? null),
      fineGrainedAccessControl: raw.AdvancedSecurityOptions?.Enabled ?? null,
      accessPolicy,
      accessPolicyError,
      deleted: raw.Deleted ?? false,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const opensearch: AwsServiceCollector = {
  service: 'opensearch',
  scope: 'regional',
  resourceTypes: [OPENSEARCH_DOMAIN],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient } = await import('@aws-sdk/client-opensearch');
    const client = ctx.client(OpenSearchClient, region);
    const scope = { account: ctx.account, region };
    const step = (operation: string) => ({ service: 'opensearch', region, operation, resourceTypes: [OPENSEARCH_DOMAIN] });

    const listed = await ctx.attempt(step('ListDomainNames'), async () => (await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []);
    if (listed === undefined) return [];
    const names = [...new Set(listed.map((d) => d.DomainName).filter((n): n is string => !!n))].sort();
    if (names.length === 0) {
      ctx.record({ ...step('DescribeDomains'), status: 'ok', message: 'none to read' });
      return [];
    }
    const batches: string[][] = [];
    for (let i = 0; i < names.length; i += DESCRIBE_BATCH) batches.push(names.slice(i, i + DESCRIBE_BATCH));
    const out: Resource<OpenSearchDomainData>[] = [];
    let read = 0;
    await Promise.all(
      batches.map((batch) =>
        ctx.perResource(async () => {
          try {
            const res = await client.send(new DescribeDomainsCommand({ DomainNames: batch }));
            const got = (res.DomainStatusList ?? []).filter((d) => d.DomainName && batch.includes(d.DomainName));
            for (const d of got) out.push(domainToModel(d, scope));
            read += got.length;
            // A listed domain the answer leaves out (deleted in between, or an incomplete answer) is not a pass.
            for (const missing of batch.filter((n) => !got.some((d) => d.DomainName === n)))
              ctx.record({ ...step('DescribeDomains'), resourceId: missing, status: 'error', errorCode: 'NotReturned', message: 'listed, but not described' });
          } catch (err) {
            const c = ctx.options.signal?.aborted ? collectionTimeout(ctx.options) : classifyAwsError(err);
            for (const n of batch) ctx.record({ ...step('DescribeDomains'), resourceId: n, status: c.status, errorCode: c.code, message: c.message });
          }
        }),
      ),
    );
    if (read > 0) ctx.record({ ...step('DescribeDomains'), status: 'ok', message: `${read} of ${names.length} read in ${batches.length} call(s)` });
    return out.sort((a, b) => a.ref.id.localeCompare(b.ref.id));
  },
};
