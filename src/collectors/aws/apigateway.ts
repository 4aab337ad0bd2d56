/**
 * API Gateway collector (per region), over both APIs: `apigateway` (REST APIs) and `apigatewayv2` (HTTP and
 * WebSocket APIs).
 *
 * Calls: GetDomainNames of each API (paged; custom domain names are one namespace that both list, so the two
 * listings are merged by name into one resource), GetRestApis and GetApis (paged), then GetStages per API
 * (no batch API exists), under the shared per-resource cap.
 */
import type { DomainName as RestDomainName, RestApi } from '@aws-sdk/client-api-gateway';
import type { Api, DomainName as V2DomainName, Stage as V2Stage } from '@aws-sdk/client-apigatewayv2';
import { APIGATEWAY_DOMAIN_NAME, APIGATEWAY_STAGE, type ApiGatewayDomainNameData, type ApiGatewayStageData } from '../../model/aws/apigateway.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, perResource } from './per-resource.js';

/** Upper bound on pages of the v2 listings, which the SDK has no paginator for. */
const MAX_V2_PAGES = 100;

// ------------------------------------------------------------------ toModel (pure)

const add = <T>(list: T[], v: T | undefined | null) => {
  if (v !== undefined && v !== null && v !== ('' as T) && !list.includes(v)) list.push(v);
};

function emptyDomain(name: string): ApiGatewayDomainNameData {
  return {
    domainName: name,
    listedBy: [],
    securityPolicies: [],
    endpointTypes: [],
    regionalDomainName: null,
    distributionDomainName: null,
    certificateArns: [],
    status: null,
  };
}

/**
 * Merges both listings' domain names by name: REST's `securityPolicy` and every v2 configuration's
 * `SecurityPolicy` (a domain may have several configurations during a certificate or endpoint change).
 */
export function domainNamesToModel(rest: RestDomainName[], v2: V2DomainName[], scope: RegionScope): Resource<ApiGatewayDomainNameData>[] {
  const byName = new Map<string, ApiGatewayDomainNameData>();
  const get = (name: string) => {
    let d = byName.get(name);
    if (!d) byName.set(name, (d = emptyDomain(name)));
    return d;
  };
  for (const r of rest) {
    if (!r.domainName) continue;
    const d = get(r.domainName);
    add(d.listedBy, 'rest' as const);
    add(d.securityPolicies, r.securityPolicy);
    for (const t of r.endpointConfiguration?.types ?? []) add(d.endpointTypes, t);
    d.regionalDomainName ??= r.regionalDomainName ?? null;
    d.distributionDomainName ??= r.distributionDomainName ?? null;
    add(d.certificateArns, r.certificateArn);
    add(d.certificateArns, r.regionalCertificateArn);
    d.status ??= r.domainNameStatus ?? null;
  }
  for (const v of v2) {
    if (!v.DomainName) continue;
    const d = get(v.DomainName);
    add(d.listedBy, 'v2' as const);
    for (const c of v.DomainNameConfigurations ?? []) {
      add(d.securityPolicies, c.SecurityPolicy);
      add(d.endpointTypes, c.EndpointType);
      add(d.certificateArns, c.CertificateArn);
      if (c.EndpointType === 'REGIONAL') d.regionalDomainName ??= c.ApiGatewayDomainName ?? null;
      else if (c.EndpointType === 'EDGE') d.distributionDomainName ??= c.ApiGatewayDomainName ?? null;
      d.status ??= c.DomainNameStatus ?? null;
    }
  }
  return [...byName.values()].map((data) => ({
    ref: {
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: APIGATEWAY_DOMAIN_NAME,
      id: data.domainName,
      name: data.domainName,
      arn: `arn:${scope.partition}:apigateway:${scope.region}::/domainnames/${data.domainName}`,
    },
    data,
  }));
}

export function stageToModel(
  api: { id: string; name: string | null; type: string },
  stage: { name: string; destinationArn?: string | null; format?: string | null },
  scope: RegionScope,
): Resource<ApiGatewayStageData> {
  const path = api.type === 'REST' ? 'restapis' : 'apis';
  return {
    ref: {
      provider: 'aws',
      account: scope.account,
      region: scope.region,
      type: APIGATEWAY_STAGE,
      id: `${api.id}/${stage.name}`,
      name: `${api.name ?? api.id}/${stage.name}`,
      arn: `arn:${scope.partition}:apigateway:${scope.region}::/${path}/${api.id}/stages/${stage.name}`,
    },
    data: {
      apiId: api.id,
      apiName: api.name,
      apiType: api.type,
      stageName: stage.name,
      accessLogDestinationArn: stage.destinationArn || null,
      accessLogFormat: stage.format || null,
    },
  };
}

// ------------------------------------------------------------------ fetch

/** Every page of a v2 listing (`NextToken`), bounded. */
async function v2Pages<T>(fetch: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>, what: string): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_V2_PAGES; page++) {
    const res = await fetch(token);
    out.push(...(res.Items ?? []));
    if (!res.NextToken || res.NextToken === token) return out;
    token = res.NextToken;
  }
  throw new Error(`${what} returned more than ${MAX_V2_PAGES} pages`);
}

export const apigateway: AwsServiceCollector = {
  service: 'apigateway',
  scope: 'regional',
  resourceTypes: [APIGATEWAY_DOMAIN_NAME, APIGATEWAY_STAGE],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const {
      APIGatewayClient,
      GetStagesCommand: GetRestStagesCommand,
      paginateGetDomainNames,
      paginateGetRestApis,
    } = await import('@aws-sdk/client-api-gateway');
    const {
      ApiGatewayV2Client,
      GetApisCommand,
      GetDomainNamesCommand: GetV2DomainNamesCommand,
      GetStagesCommand: GetV2StagesCommand,
    } = await import('@aws-sdk/client-apigatewayv2');
    const rest = ctx.client(APIGatewayClient, region);
    const v2 = ctx.client(ApiGatewayV2Client, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const step = (service: 'apigateway' | 'apigatewayv2', operation: string, type: typeof APIGATEWAY_DOMAIN_NAME | typeof APIGATEWAY_STAGE) => ({
      service,
      region,
      operation,
      resourceTypes: [type],
    });
    const paging = { client: rest, pageSize: 500, stopOnSameToken: true };

    const [restDomains, v2Domains, restApis, v2Apis] = await Promise.all([
      ctx.attempt(step('apigateway', 'GetDomainNames', APIGATEWAY_DOMAIN_NAME), () => allPages(paginateGetDomainNames(paging, {}), (p) => p.items)),
      ctx.attempt(step('apigatewayv2', 'GetDomainNames', APIGATEWAY_DOMAIN_NAME), () =>
        v2Pages((NextToken) => v2.send(new GetV2DomainNamesCommand({ NextToken, MaxResults: '500' })), 'GetDomainNames'),
      ),
      ctx.attempt(step('apigateway', 'GetRestApis', APIGATEWAY_STAGE), () => allPages(paginateGetRestApis(paging, {}), (p) => p.items)),
      ctx.attempt(step('apigatewayv2', 'GetApis', APIGATEWAY_STAGE), () =>
        v2Pages((NextToken) => v2.send(new GetApisCommand({ NextToken, MaxResults: '500' })), 'GetApis'),
      ),
    ]);

    const restList = (restApis ?? []).filter((a): a is RestApi & { id: string } => !!a.id);
    const v2List = (v2Apis ?? []).filter((a): a is Api & { ApiId: string } => !!a.ApiId);
    const [restStages, v2Stages] = await Promise.all([
      restApis === undefined
        ? new Map()
        : perResource(
            ctx,
            step('apigateway', 'GetStages', APIGATEWAY_STAGE),
            restList,
            (a) => a.id,
            async (a) => {
              return (await rest.send(new GetRestStagesCommand({ restApiId: a.id }))).item ?? [];
            },
          ),
      v2Apis === undefined
        ? new Map()
        : perResource(
            ctx,
            step('apigatewayv2', 'GetStages', APIGATEWAY_STAGE),
            v2List,
            (a) => a.ApiId,
            (a) => v2Pages<V2Stage>((NextToken) => v2.send(new GetV2StagesCommand({ ApiId: a.ApiId, NextToken, MaxResults: '500' })), 'GetStages'),
          ),
    ]);

    const out: Resource[] = [];
    if (restDomains !== undefined || v2Domains !== undefined) out.push(...domainNamesToModel(restDomains ?? [], v2Domains ?? [], scope));
    for (const a of restList) {
      const api = { id: a.id, name: a.name ?? null, type: 'REST' };
      for (const s of restStages.get(a.id) ?? [])
        if (s.stageName)
          out.push(stageToModel(api, { name: s.stageName, destinationArn: s.accessLogSettings?.destinationArn, format: s.accessLogSettings?.format }, scope));
    }
    for (const a of v2List) {
      const api = { id: a.ApiId, name: a.Name ?? null, type: a.ProtocolType ?? 'HTTP' };
      for (const s of (v2Stages.get(a.ApiId) ?? []) as V2Stage[])
        if (s.StageName)
          out.push(stageToModel(api, { name: s.StageName, destinationArn: s.AccessLogSettings?.DestinationArn, format: s.AccessLogSettings?.Format }, scope));
    }
    return out;
  },
};
