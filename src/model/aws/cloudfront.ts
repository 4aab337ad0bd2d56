/**
 * `data` of the CloudFront resource type written by src/collectors/aws/cloudfront.ts (global: CloudFront is
 * one service per account; its ACM certificates live in us-east-1 and are collected there by the ACM collector).
 *
 * - `aws.cloudfront.distribution` (`ref.id` = distribution id, `ref.name` = its first alias, else its
 *   `*.cloudfront.net` domain name): viewer certificate and minimum protocol, every cache behaviour's viewer
 *   protocol policy, origins and origin groups, all from `ListDistributions` (one call per 100 distributions).
 * - `aws.cloudfront.distribution-config` (virtual input): `GetDistributionConfig`, one call per distribution
 *   (the list does not carry the logging settings); its data lives in the distribution's `logging`.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const CLOUDFRONT_DISTRIBUTION = 'aws.cloudfront.distribution' as const;
export const CLOUDFRONT_DISTRIBUTION_CONFIG = 'aws.cloudfront.distribution-config' as const;

/** One cache behaviour: the default one (`pathPattern` `null`) or an ordered one. */
export interface CloudFrontCacheBehavior {
  /** `null` for the default cache behaviour. */
  pathPattern: string | null;
  /** The origin or origin group requests of this behaviour go to. */
  targetOriginId: string;
  /** `allow-all`, `redirect-to-https` or `https-only`; `null` when not stated. */
  viewerProtocolPolicy: string | null;
}

/** One origin of a distribution. */
export interface CloudFrontOrigin {
  id: string;
  domainName: string;
  /**
   * `s3` (an S3 REST endpoint: CloudFront uses the protocol the viewer used, which cannot be changed),
   * `custom` (any HTTP server, S3 website endpoints included), `vpc` (a VPC origin, whose protocol is set on
   * the VPC origin resource, not collected).
   */
  kind: 's3' | 'custom' | 'vpc';
  /** Custom origins: `http-only`, `https-only` or `match-viewer`; `null` for other kinds. */
  protocolPolicy: string | null;
  /** Custom origins: the protocols CloudFront may use towards the origin (`SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`). */
  sslProtocols: string[];
  httpPort: number | null;
  httpsPort: number | null;
}

/** An origin group (failover): behaviours may target it instead of an origin. */
export interface CloudFrontOriginGroup {
  id: string;
  memberOriginIds: string[];
}

/** `ViewerCertificate` of a distribution. */
export interface CloudFrontViewerCertificate {
  /** The `*.cloudfront.net` certificate (which always allows TLS 1.0, whatever `minimumProtocolVersion` says). */
  cloudFrontDefaultCertificate: boolean;
  acmCertificateArn: string | null;
  iamCertificateId: string | null;
  /** `SSLv3`, `TLSv1`, `TLSv1_2016`, `TLSv1.1_2016`, `TLSv1.2_2018`, `TLSv1.2_2019`, `TLSv1.2_2021`, `TLSv1.2_2025`, `TLSv1.3_2025`. */
  minimumProtocolVersion: string | null;
  /** `sni-only`, `vip`, `static-ip`. */
  sslSupportMethod: string | null;
}

/** Standard logging (legacy, to an S3 bucket) from `GetDistributionConfig`. */
export interface CloudFrontLogging {
  enabled: boolean;
  bucket: string | null;
  prefix: string | null;
  includeCookies: boolean;
}

/** `aws.cloudfront.distribution` */
export interface CloudFrontDistributionData {
  id: string;
  arn: string;
  /** `d111111abcdef8.cloudfront.net`. */
  domainName: string;
  /** Alternate domain names (CNAMEs). */
  aliases: string[];
  enabled: boolean | null;
  /** `Deployed` or `InProgress`. */
  status: string | null;
  viewerCertificate: CloudFrontViewerCertificate | null;
  /** The default cache behaviour first, then the ordered ones in precedence order. */
  behaviors: CloudFrontCacheBehavior[];
  origins: CloudFrontOrigin[];
  originGroups: CloudFrontOriginGroup[];
  webAclId: string | null;
  /**
   * Standard logging to S3 from `GetDistributionConfig`; `null` when it could not be read (coverage entry on
   * `aws.cloudfront.distribution-config`).
   */
  logging: CloudFrontLogging | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface CloudFrontDataByType {
  [CLOUDFRONT_DISTRIBUTION]: CloudFrontDistributionData;
}

export const CLOUDFRONT_TYPES: TypeTable<CloudFrontDataByType> = {
  [CLOUDFRONT_DISTRIBUTION]: {
    provider: 'aws',
    scope: 'global',
    version: 1,
    description: 'CloudFront distributions (viewer certificate and protocols, cache behaviours, origins, logging)',
  },
};

export const CLOUDFRONT_INPUT_TYPES = {
  [CLOUDFRONT_DISTRIBUTION_CONFIG]: { provider: 'aws', scope: 'global', description: "A distribution's configuration (GetDistributionConfig: logging)" },
} as const satisfies Record<string, InputTypeInfo>;
