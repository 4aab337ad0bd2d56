/**
 * `data` of `aws.opensearch.domain`, written by src/collectors/aws/opensearch.ts (per region): the
 * encryption, endpoint and access settings of an OpenSearch Service (or legacy Elasticsearch) domain, as
 * DescribeDomains states them. `ref.id` is the domain name, `ref.arn` its ARN.
 */
import type { IamPolicyDocument } from './iam.js';
import type { TypeTable } from '../type-info.js';

export const OPENSEARCH_DOMAIN = 'aws.opensearch.domain' as const;

/** `aws.opensearch.domain` */
export interface OpenSearchDomainData {
  name: string;
  arn: string;
  /** `OpenSearch_2.11`, `Elasticsearch_7.10`, … */
  engineVersion: string | null;
  /** `DomainEndpointOptions.EnforceHTTPS`; `null` when not reported. */
  enforceHttps: boolean | null;
  /** `Policy-Min-TLS-1-0-2019-07`, `Policy-Min-TLS-1-2-2019-07`, `Policy-Min-TLS-1-2-PFS-2023-10`; `null` when not reported. */
  tlsSecurityPolicy: string | null;
  customEndpoint: string | null;
  /** `NodeToNodeEncryptionOptions.Enabled`; `null` when not reported. */
  nodeToNodeEncryption: boolean | null;
  /** `EncryptionAtRestOptions.Enabled`; `null` when not reported. */
  encryptionAtRest: boolean | null;
  kmsKeyId: string | null;
  /** Whether the domain is placed in a VPC (`VPCOptions` with a VPC or subnets, or a `vpc` endpoint) rather than on a public endpoint. */
  inVpc: boolean;
  /** The VPC of a VPC domain, when reported. */
  vpcId: string | null;
  /** The public endpoint host name (`null` for VPC domains). */
  endpoint: string | null;
  /** Fine-grained access control (`AdvancedSecurityOptions.Enabled`). */
  fineGrainedAccessControl: boolean | null;
  /** The domain's resource-based access policy, normalized; `null` when the domain has none. */
  accessPolicy: IamPolicyDocument | null;
  /** Why the access policy could not be parsed (the rules that read it say unknown); `null` when it parsed or is absent. */
  accessPolicyError: string | null;
  /** `Processing`, `Deleted` flags: a domain being deleted is still reported. */
  deleted: boolean;
}

/** Data of every resource type in this file, by type name (aggregated in `src/model/registry.ts`). */
export interface OpenSearchDataByType {
  [OPENSEARCH_DOMAIN]: OpenSearchDomainData;
}

export const OPENSEARCH_TYPES: TypeTable<OpenSearchDataByType> = {
  [OPENSEARCH_DOMAIN]: { provider: 'aws', scope: 'regional', version: 1, description: 'OpenSearch Service domains (HTTPS, TLS policy, encryption, endpoint)' },
};
