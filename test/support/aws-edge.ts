/**
 * Builders for CloudFront, ACM and API Gateway resources in rule tests, through the collectors' normalizers
 * from AWS-shaped input (ListDistributions summaries, DescribeCertificate details, GetDomainNames items), as
 * AWS returns them.
 */
import type { CertificateDetail } from '@aws-sdk/client-acm';
import type { DistributionSummary, Origin } from '@aws-sdk/client-cloudfront';
import { certificateDetailsToModel, certificateToModel } from '../../src/collectors/aws/acm.js';
import { domainNamesToModel, stageToModel } from '../../src/collectors/aws/apigateway.js';
import { distributionToModel, loggingToModel } from '../../src/collectors/aws/cloudfront.js';
import type { Resource } from '../../src/model/types.js';
import { TEST_ACCOUNT, TEST_REGION } from './rule-tester.js';

const DAY = 86_400_000;
const scope = { account: TEST_ACCOUNT, partition: 'aws', region: TEST_REGION };

export const customOrigin = (Id: string, policy: 'http-only' | 'https-only' | 'match-viewer', protocols: string[] = ['TLSv1.2']): Origin => ({
  Id,
  DomainName: `${Id}.origin.example`,
  CustomOriginConfig: {
    HTTPPort: 80,
    HTTPSPort: 443,
    OriginProtocolPolicy: policy,
    OriginSslProtocols: { Quantity: protocols.length, Items: protocols as Array<'TLSv1.2'> },
  },
});
export const s3Origin = (Id: string): Origin => ({ Id, DomainName: `${Id}.s3.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: '' } });

export interface DistributionSpec {
  id?: string;
  alias?: string;
  viewer?: string | null;
  behaviours?: Array<{ path: string; origin: string; viewer: string | null }>;
  origins?: Origin[];
  groups?: Array<{ id: string; members: string[] }>;
  minimum?: string;
  defaultCertificate?: boolean;
  /** `null`: GetDistributionConfig could not be read. */
  logging?: { Enabled: boolean; Bucket?: string; Prefix?: string } | null;
}

/** A distribution as ListDistributions (+ GetDistributionConfig's logging) would give it. */
export function distribution(spec: DistributionSpec = {}): Resource {
  const id = spec.id ?? 'E2TESTDIST';
  const raw = {
    Id: id,
    ARN: `arn:aws:cloudfront::${TEST_ACCOUNT}:distribution/${id}`,
    DomainName: `${id.toLowerCase()}.cloudfront.net`,
    Status: 'Deployed',
    Enabled: true,
    Aliases: spec.alias ? { Quantity: 1, Items: [spec.alias] } : { Quantity: 0 },
    Origins: { Quantity: (spec.origins ?? [customOrigin('web', 'https-only')]).length, Items: spec.origins ?? [customOrigin('web', 'https-only')] },
    OriginGroups: spec.groups
      ? {
          Quantity: spec.groups.length,
          Items: spec.groups.map((g) => ({
            Id: g.id,
            FailoverCriteria: { StatusCodes: { Quantity: 1, Items: [500] } },
            Members: { Quantity: g.members.length, Items: g.members.map((OriginId) => ({ OriginId })) },
          })),
        }
      : undefined,
    DefaultCacheBehavior: { TargetOriginId: 'web', ViewerProtocolPolicy: spec.viewer === undefined ? 'redirect-to-https' : (spec.viewer ?? undefined) },
    CacheBehaviors: {
      Quantity: spec.behaviours?.length ?? 0,
      Items: spec.behaviours?.map((b) => ({ PathPattern: b.path, TargetOriginId: b.origin, ViewerProtocolPolicy: b.viewer ?? undefined })),
    },
    ViewerCertificate: spec.defaultCertificate
      ? { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' }
      : {
          CloudFrontDefaultCertificate: false,
          ACMCertificateArn: `arn:aws:acm:us-east-1:${TEST_ACCOUNT}:certificate/abc`,
          SSLSupportMethod: 'sni-only',
          MinimumProtocolVersion: spec.minimum ?? 'TLSv1.2_2021',
        },
    WebACLId: '',
  } as unknown as DistributionSummary;
  const logging = spec.logging === null ? null : loggingToModel(spec.logging ?? { Enabled: true, Bucket: 'logs.s3.amazonaws.com', Prefix: 'cdn/' });
  return distributionToModel(raw, logging, scope) as unknown as Resource;
}

export interface CertificateSpec {
  name?: string;
  /** Days from `now` to NotAfter (negative: expired). */
  days?: number;
  key?: string;
  inUseBy?: string[];
  status?: string;
  renewal?: { eligibility?: string; status?: string };
  /** `null`: DescribeCertificate could not be read. */
  details?: null;
  now?: Date;
  type?: string;
}

/** A certificate as ListCertificates + DescribeCertificate would give it. */
export function certificate(spec: CertificateSpec = {}): Resource {
  const now = spec.now ?? new Date();
  const name = spec.name ?? 'www.example.com';
  const arn = `arn:aws:acm:${TEST_REGION}:${TEST_ACCOUNT}:certificate/${name}`;
  const notAfter = new Date(now.getTime() + (spec.days ?? 200) * DAY);
  const status = spec.status ?? (notAfter.getTime() < now.getTime() ? 'EXPIRED' : 'ISSUED');
  const detail: CertificateDetail = {
    CertificateArn: arn,
    DomainName: name,
    InUseBy: spec.inUseBy ?? [`arn:aws:elasticloadbalancing:${TEST_REGION}:${TEST_ACCOUNT}:loadbalancer/app/web/1`],
    KeyAlgorithm: (spec.key ?? 'RSA_2048') as CertificateDetail['KeyAlgorithm'],
    NotBefore: new Date(now.getTime() - 30 * DAY),
    NotAfter: status === 'PENDING_VALIDATION' ? undefined : notAfter,
    Status: status as CertificateDetail['Status'],
    Type: (spec.type ?? 'AMAZON_ISSUED') as CertificateDetail['Type'],
    RenewalEligibility: (spec.renewal?.eligibility ?? 'ELIGIBLE') as CertificateDetail['RenewalEligibility'],
    ...(spec.renewal?.status ? { RenewalSummary: { RenewalStatus: spec.renewal.status, DomainValidationOptions: [], UpdatedAt: now } as never } : {}),
  };
  const summary = {
    CertificateArn: arn,
    DomainName: name,
    Status: detail.Status,
    KeyAlgorithm: detail.KeyAlgorithm,
    NotAfter: detail.NotAfter,
    Type: detail.Type,
  };
  return certificateToModel(summary, spec.details === null ? null : certificateDetailsToModel(detail), scope) as unknown as Resource;
}

/** A custom domain as GetDomainNames (REST, `rest` policy) and/or apigatewayv2 GetDomainNames (`v2` policies) list it. */
export function domain(name: string, policies: { rest?: string; v2?: string[] }): Resource {
  const rest = policies.rest ? [{ domainName: name, securityPolicy: policies.rest as 'TLS_1_0', endpointConfiguration: { types: ['REGIONAL' as const] } }] : [];
  const v2 = policies.v2
    ? [{ DomainName: name, DomainNameConfigurations: policies.v2.map((p) => ({ EndpointType: 'REGIONAL' as const, SecurityPolicy: p as 'TLS_1_2' })) }]
    : [];
  const [r] = domainNamesToModel(rest, v2, scope);
  if (!r) throw new Error('no domain built');
  return r as unknown as Resource;
}

export function stage(api: string, stageName: string, type: 'REST' | 'HTTP' | 'WEBSOCKET', destinationArn: string | null): Resource {
  return stageToModel({ id: `${api}-id`, name: api, type }, { name: stageName, destinationArn }, scope) as unknown as Resource;
}
