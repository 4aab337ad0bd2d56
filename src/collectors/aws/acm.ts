/**
 * ACM collector (per region): every certificate, and what DescribeCertificate says of each.
 *
 * Calls: ListCertificates (paged), asked for every key type — without `Includes.keyTypes` AWS returns only
 * RSA 2048 certificates, so an RSA 1024 or ECDSA certificate would silently be missing; then one
 * DescribeCertificate per certificate (no batch API exists), under the shared per-resource cap. A failed
 * DescribeCertificate is a gap on that certificate only (`aws.acm.certificate-details`, `resourceId`).
 */
import type { CertificateDetail, CertificateSummary, KeyAlgorithm } from '@aws-sdk/client-acm';
import { ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS, type AcmCertificateData, type AcmCertificateDetails } from '../../model/aws/acm.js';
import type { Resource } from '../../model/types.js';
import type { AwsContext, AwsServiceCollector } from './context.js';
import type { RegionScope } from './dynamodb.js';
import { allPages, isoDate, perResource } from './per-resource.js';

// ------------------------------------------------------------------ toModel (pure)

export function certificateDetailsToModel(raw: CertificateDetail): AcmCertificateDetails {
  return {
    inUseBy: raw.InUseBy ?? [],
    keyAlgorithm: raw.KeyAlgorithm ?? null,
    signatureAlgorithm: raw.SignatureAlgorithm ?? null,
    notBefore: isoDate(raw.NotBefore),
    notAfter: isoDate(raw.NotAfter),
    status: raw.Status ?? null,
    renewalEligibility: raw.RenewalEligibility ?? null,
    renewalStatus: raw.RenewalSummary?.RenewalStatus ?? null,
    subjectAlternativeNames: raw.SubjectAlternativeNames ?? [],
    issuer: raw.Issuer ?? null,
  };
}

/** `details`: DescribeCertificate's, or `null` when it could not be read. */
export function certificateToModel(raw: CertificateSummary, details: AcmCertificateDetails | null, scope: RegionScope): Resource<AcmCertificateData> {
  const arn = raw.CertificateArn!;
  return {
    ref: { provider: 'aws', account: scope.account, region: scope.region, type: ACM_CERTIFICATE, id: arn, arn, name: raw.DomainName ?? arn },
    data: {
      arn,
      domainName: raw.DomainName ?? null,
      type: raw.Type ?? null,
      status: details?.status ?? raw.Status ?? null,
      keyAlgorithm: details?.keyAlgorithm ?? raw.KeyAlgorithm ?? null,
      notAfter: details?.notAfter ?? isoDate(raw.NotAfter),
      inUse: details ? details.inUseBy.length > 0 : (raw.InUse ?? null),
      details,
    },
  };
}

// ------------------------------------------------------------------ fetch

export const acm: AwsServiceCollector = {
  service: 'acm',
  scope: 'regional',
  resourceTypes: [ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS],

  async collect(ctx: AwsContext, region: string): Promise<Resource[]> {
    const { ACMClient, DescribeCertificateCommand, KeyAlgorithm, paginateListCertificates } = await import('@aws-sdk/client-acm');
    /** Every key type the SDK knows: ListCertificates' default filter is RSA_2048 only. */
    const allKeyTypes: KeyAlgorithm[] = Object.values(KeyAlgorithm);
    const client = ctx.client(ACMClient, region);
    const scope: RegionScope = { partition: ctx.partition, account: ctx.account, region };
    const list = await ctx.attempt({ service: 'acm', region, operation: 'ListCertificates', resourceTypes: [ACM_CERTIFICATE] }, () =>
      allPages(
        paginateListCertificates({ client, pageSize: 1000, stopOnSameToken: true }, { Includes: { keyTypes: allKeyTypes } }),
        (p) => p.CertificateSummaryList,
      ),
    );
    if (list === undefined) {
      ctx.record({
        service: 'acm',
        region,
        operation: 'ListCertificates',
        resourceTypes: [ACM_CERTIFICATE_DETAILS],
        status: 'error',
        errorCode: 'NotListed',
        message: 'certificates could not be listed',
      });
      return [];
    }
    const listed = list.filter((c) => c.CertificateArn);
    const details = await perResource(
      ctx,
      { service: 'acm', region, operation: 'DescribeCertificate', resourceTypes: [ACM_CERTIFICATE_DETAILS] },
      listed,
      (c) => c.CertificateArn!,
      async (c) => {
        const d = (await client.send(new DescribeCertificateCommand({ CertificateArn: c.CertificateArn! }))).Certificate;
        if (!d) throw Object.assign(new Error('DescribeCertificate returned no certificate'), { name: 'EmptyResponse' });
        return certificateDetailsToModel(d);
      },
    );
    return listed.map((c) => certificateToModel(c, details.get(c.CertificateArn!) ?? null, scope));
  },
};
