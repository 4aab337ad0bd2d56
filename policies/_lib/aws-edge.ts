/**
 * Shared helpers of the CloudFront, ACM and API Gateway rules: CloudFront's protocol names in order, which
 * behaviours reach which origin, and an ACM certificate's use and key size.
 */
import type { AcmCertificateData, AcmCertificateDetails } from '../../src/model/aws/acm.js';
import type { CloudFrontDistributionData, CloudFrontOrigin } from '../../src/model/aws/cloudfront.js';

/** CloudFront's viewer security policies (`MinimumProtocolVersion`), oldest first. */
export const CLOUDFRONT_MINIMUM_PROTOCOLS = [
  'SSLv3',
  'TLSv1',
  'TLSv1_2016',
  'TLSv1.1_2016',
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
] as const;

/** Position of a policy in {@link CLOUDFRONT_MINIMUM_PROTOCOLS}; -1 when Vigil does not know the name. */
export function protocolRank(name: string): number {
  return (CLOUDFRONT_MINIMUM_PROTOCOLS as readonly string[]).indexOf(name);
}

/** Origin protocols CloudFront may offer a custom origin that are deprecated (RFC 8996; SSLv3 RFC 7568). */
export const LEGACY_ORIGIN_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** The behaviours (path patterns, `default` for the default one) whose requests reach the origin, directly or through an origin group. */
export function behavioursReaching(d: CloudFrontDistributionData, origin: CloudFrontOrigin): Array<{ path: string; viewerProtocolPolicy: string | null }> {
  const groups = new Set(d.originGroups.filter((g) => g.memberOriginIds.includes(origin.id)).map((g) => g.id));
  return d.behaviors
    .filter((b) => b.targetOriginId === origin.id || groups.has(b.targetOriginId))
    .map((b) => ({ path: b.pathPattern ?? 'default', viewerProtocolPolicy: b.viewerProtocolPolicy }));
}

/** `legacy-cdn.example.com (E1ABC…)` */
export function distributionName(d: CloudFrontDistributionData): string {
  const alias = d.aliases[0];
  return alias ? `${alias} (${d.id})` : `${d.domainName || d.id}`;
}

export const EDGE_REFS = {
  cfViewerPolicy: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  cfSecurityPolicies: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
  cfOrigins: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  cfS3Origins: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-s3-origin.html',
  cfLogging: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html',
  cfHub: 'https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html',
  acmRenewal: 'https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html',
  acmKeys: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate-characteristics.html',
  acmHub: 'https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html',
  apigwPolicies: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html',
  apigwLogging: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
  apigwHub: 'https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html',
};

// ------------------------------------------------------------------ ACM

/** Whether DescribeCertificate names a resource using the certificate. */
export function inUse(d: AcmCertificateDetails): boolean {
  return d.inUseBy.length > 0;
}

/** `in use by 2 resources (arn:…, arn:…)` / `not in use` for messages. */
export function useText(d: AcmCertificateDetails): string {
  if (!inUse(d)) return 'not in use';
  const shown = d.inUseBy.slice(0, 3).join(', ') + (d.inUseBy.length > 3 ? ', …' : '');
  return `in use by ${d.inUseBy.length} resource(s): ${shown}`;
}

const DAY = 86_400_000;

export type Validity = { state: 'expired' } | { state: 'undated' } | { state: 'valid'; daysLeft: number };

/** `expired` (status EXPIRED or past notAfter), `valid` with whole days left, or `undated` (no notAfter: not issued). */
export function validity(c: AcmCertificateData, d: AcmCertificateDetails, now: Date): Validity {
  const notAfter = d.notAfter ?? c.notAfter;
  if (d.status === 'EXPIRED') return { state: 'expired' };
  if (!notAfter) return { state: 'undated' };
  const ms = Date.parse(notAfter) - now.getTime();
  if (ms < 0) return { state: 'expired' };
  return { state: 'valid', daysLeft: Math.floor(ms / DAY) };
}

/** RSA modulus bits from an ACM key algorithm (`RSA_2048` → 2048); `null` for EC or unknown names. */
export function rsaBits(keyAlgorithm: string | null): number | null {
  const m = /^RSA_(\d+)$/.exec(keyAlgorithm ?? '');
  return m?.[1] ? Number(m[1]) : null;
}

/** EC keys ACM issues or imports: all at least P-256. */
export function isEcKey(keyAlgorithm: string | null): boolean {
  return /^EC_(prime256v1|secp384r1|secp521r1)$/.test(keyAlgorithm ?? '');
}

/** The identity of a certificate in messages: `www.example.com (arn:…)`. */
export function certificateName(c: AcmCertificateData): string {
  return c.domainName ? `${c.domainName} (${c.arn})` : c.arn;
}
