/**
 * `data` of the AWS Certificate Manager resource type written by src/collectors/aws/acm.ts (per region;
 * CloudFront's certificates are the ones in us-east-1).
 *
 * - `aws.acm.certificate` (`ref.id` = certificate ARN, `ref.name` = its domain name): what `ListCertificates`
 *   says of every certificate (every key type and status, every page).
 * - `aws.acm.certificate-details` (virtual input): `DescribeCertificate`, one call per certificate (no batch
 *   API exists); its data lives in the certificate's `details`, so a denied call makes only that
 *   certificate's rules unknown.
 */
import type { InputTypeInfo, TypeTable } from '../type-info.js';

export const ACM_CERTIFICATE = 'aws.acm.certificate' as const;
export const ACM_CERTIFICATE_DETAILS = 'aws.acm.certificate-details' as const;

/** What `DescribeCertificate` adds to (and states with authority over) the list entry. */
export interface AcmCertificateDetails {
  /** ARNs of the AWS resources using the certificate (load balancers, distributions, API Gateway domains …). */
  inUseBy: string[];
  /** `RSA_1024`, `RSA_2048`, `RSA_3072`, `RSA_4096`, `EC_prime256v1`, `EC_secp384r1`, `EC_secp521r1`. */
  keyAlgorithm: string | null;
  /** `SHA256WITHRSA`, … */
  signatureAlgorithm: string | null;
  notBefore: string | null;
  notAfter: string | null;
  /** `ISSUED`, `EXPIRED`, `PENDING_VALIDATION`, `INACTIVE`, `REVOKED`, `FAILED`, `VALIDATION_TIMED_OUT`. */
  status: string | null;
  /** `ELIGIBLE` or `INELIGIBLE` for ACM's managed renewal. */
  renewalEligibility: string | null;
  /** Managed renewal in progress: `PENDING_AUTO_RENEWAL`, `PENDING_VALIDATION`, `SUCCESS`, `FAILED`; `null` when none. */
  renewalStatus: string | null;
  subjectAlternativeNames: string[];
  issuer: string | null;
}

/** `aws.acm.certificate` */
export interface AcmCertificateData {
  arn: string;
  domainName: string | null;
  /** `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`. */
  type: string | null;
  status: string | null;
  keyAlgorithm: string | null;
  notAfter: string | null;
  /** The list's `InUse` flag; `null` when not stated. */
  inUse: boolean | null;
  /** `null` when DescribeCertificate could not be read (coverage entry on `aws.acm.certificate-details`). */
  details: AcmCertificateDetails | null;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface AcmDataByType {
  [ACM_CERTIFICATE]: AcmCertificateData;
}

export const ACM_TYPES: TypeTable<AcmDataByType> = {
  [ACM_CERTIFICATE]: { provider: 'aws', scope: 'regional', version: 1, description: 'ACM certificates (expiry, key algorithm, status, use, renewal)' },
};

export const ACM_INPUT_TYPES = {
  [ACM_CERTIFICATE_DETAILS]: { provider: 'aws', scope: 'regional', description: "A certificate's details (DescribeCertificate: in use by, renewal)" },
} as const satisfies Record<string, InputTypeInfo>;
