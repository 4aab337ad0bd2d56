/**
 * `data` of the API Gateway resource types written by src/collectors/aws/apigateway.ts (per region), from both
 * APIs: `apigateway` (REST APIs) and `apigatewayv2` (HTTP and WebSocket APIs).
 *
 * - `aws.apigateway.domain-name` (`ref.id` = the custom domain name): custom domain names are one namespace
 *   shared by REST and HTTP/WebSocket APIs, and AWS lists a domain through either API; the collector merges
 *   both listings by name, so a domain is one resource, with every security policy either API states for it.
 * - `aws.apigateway.stage` (`ref.id` = `<api id>/<stage>`): the stages of every REST, HTTP and WebSocket API,
 *   with their access-log destination.
 */
import type { TypeTable } from '../type-info.js';

export const APIGATEWAY_DOMAIN_NAME = 'aws.apigateway.domain-name' as const;
export const APIGATEWAY_STAGE = 'aws.apigateway.stage' as const;

/** `aws.apigateway.domain-name` */
export interface ApiGatewayDomainNameData {
  domainName: string;
  /** Which listings returned it: `rest` (apigateway GetDomainNames), `v2` (apigatewayv2 GetDomainNames). */
  listedBy: Array<'rest' | 'v2'>;
  /**
   * Every TLS security policy stated for the domain: `TLS_1_0`, `TLS_1_2`, or an enhanced policy name
   * (`SecurityPolicy_TLS13_1_3_2025_09`, …); REST's `securityPolicy` and each v2 `DomainNameConfiguration`'s.
   */
  securityPolicies: string[];
  /** `EDGE`, `REGIONAL`, `PRIVATE`. */
  endpointTypes: string[];
  /** The host name a REGIONAL domain's DNS points to (`d-abc123.execute-api.eu-west-1.amazonaws.com`). */
  regionalDomainName: string | null;
  /** The CloudFront host name an EDGE domain's DNS points to. */
  distributionDomainName: string | null;
  /** ACM certificates serving the domain. */
  certificateArns: string[];
  /** `AVAILABLE`, `UPDATING`, `PENDING`, … when stated. */
  status: string | null;
}

/** `aws.apigateway.stage` */
export interface ApiGatewayStageData {
  apiId: string;
  apiName: string | null;
  /** `REST`, `HTTP` or `WEBSOCKET`. */
  apiType: string;
  stageName: string;
  /** Where access logs go (a CloudWatch Logs group or Firehose ARN); `null` when access logging is off. */
  accessLogDestinationArn: string | null;
  accessLogFormat: string | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface ApiGatewayDataByType {
  [APIGATEWAY_DOMAIN_NAME]: ApiGatewayDomainNameData;
  [APIGATEWAY_STAGE]: ApiGatewayStageData;
}

export const APIGATEWAY_TYPES: TypeTable<ApiGatewayDataByType> = {
  [APIGATEWAY_DOMAIN_NAME]: {
    provider: 'aws',
    scope: 'regional',
    version: 1,
    description: 'API Gateway custom domain names (REST, HTTP and WebSocket) and their TLS security policy',
  },
  [APIGATEWAY_STAGE]: { provider: 'aws', scope: 'regional', version: 1, description: 'API Gateway stages (REST, HTTP and WebSocket) and their access logging' },
};
