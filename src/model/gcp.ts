/**
 * Normalized data of the `gcp.*` resource types, written by the GCP collector (live Cloud Asset API
 * and offline `gcloud asset export` files, through one normalizer: src/collectors/gcp/normalize.ts).
 *
 * Identity (`ResourceRef`) of every GCP resource:
 * - `provider`: `gcp`;
 * - `account`: the project id (`my-proj`); `organizations/N` or `folders/N` for those nodes' IAM
 *   policies. When the data only names the project number and no asset maps it to an id, the number
 *   is kept (`123456789012`);
 * - `region`: the Cloud Asset `location` lower-cased (`us-central1`, `us-central1-a`, `us`), or `global`;
 * - `id` and `arn`: the full resource name (`//compute.googleapis.com/projects/p/global/firewalls/f`);
 * - `name`: the short name (`f`).
 *
 * Field conventions: a field Google omits when it is at its documented default gets that default
 * (each such field says so). Anything that could not be read is `null`. Cloud-supplied strings are
 * attacker-controlled: escape them on output.
 */
import type { TypeTable } from './type-info.js';

/** Type names, for code (a typo is a compile error). */
export const GCP_FIREWALL = 'gcp.compute.firewall' as const;
export const GCP_SSL_POLICY = 'gcp.compute.ssl-policy' as const;
export const GCP_TARGET_HTTPS_PROXY = 'gcp.compute.target-https-proxy' as const;
export const GCP_DISK = 'gcp.compute.disk' as const;
export const GCP_SQL_INSTANCE = 'gcp.sql.instance' as const;
export const GCP_BUCKET = 'gcp.storage.bucket' as const;
export const GCP_KMS_KEY = 'gcp.kms.crypto-key' as const;
export const GCP_SERVICE_ACCOUNT = 'gcp.iam.service-account' as const;
export const GCP_SERVICE_ACCOUNT_KEY = 'gcp.iam.service-account-key' as const;
export const GCP_IAM_POLICY = 'gcp.iam.policy' as const;

/** Vigil resource type → Cloud Asset type. */
export const GCP_ASSET_TYPES = {
  [GCP_FIREWALL]: 'compute.googleapis.com/Firewall',
  [GCP_SSL_POLICY]: 'compute.googleapis.com/SslPolicy',
  [GCP_TARGET_HTTPS_PROXY]: 'compute.googleapis.com/TargetHttpsProxy',
  [GCP_DISK]: 'compute.googleapis.com/Disk',
  [GCP_SQL_INSTANCE]: 'sqladmin.googleapis.com/Instance',
  [GCP_BUCKET]: 'storage.googleapis.com/Bucket',
  [GCP_KMS_KEY]: 'cloudkms.googleapis.com/CryptoKey',
  [GCP_SERVICE_ACCOUNT]: 'iam.googleapis.com/ServiceAccount',
  [GCP_SERVICE_ACCOUNT_KEY]: 'iam.googleapis.com/ServiceAccountKey',
} as const;

export type GcpResourceType = keyof typeof GCP_ASSET_TYPES | 'gcp.iam.policy';

/** Every `gcp.*` type the collector writes. */
export const GCP_RESOURCE_TYPES: readonly GcpResourceType[] = [...(Object.keys(GCP_ASSET_TYPES) as GcpResourceType[]), GCP_IAM_POLICY];

/** The `gcp.*` types backed by a Cloud Asset type (all but IAM policies). */
export type GcpAssetResourceType = keyof typeof GCP_ASSET_TYPES;

// ---------------------------------------------------------------- IAM

/** IAM condition of a binding (CEL). */
export interface GcpIamCondition {
  title: string | null;
  expression: string;
  description: string | null;
}

export interface GcpIamBinding {
  /** `roles/owner`, `roles/storage.objectViewer`, `projects/p/roles/custom`… */
  role: string;
  /**
   * Principals as IAM writes them: `user:a@example.com`, `group:`, `serviceAccount:`, `domain:`,
   * `allUsers`, `allAuthenticatedUsers`, `principal://…`, `principalSet://…`, `deleted:…`,
   * `projectOwner:p`… Sorted, without duplicates.
   */
  members: string[];
  /** Present when the binding only applies under a condition. */
  condition?: GcpIamCondition;
}

/** `gcp.iam.policy`: the allow policy attached to one resource (project, folder, org, bucket, key…). */
export interface GcpIamPolicy {
  /** Full name of the resource the policy is attached to (`//cloudresourcemanager.googleapis.com/projects/123`). */
  resource: string;
  /** Cloud Asset type of that resource (`cloudresourcemanager.googleapis.com/Project`). */
  assetType: string;
  /** `project`, `folder`, `organization` for resource-hierarchy nodes; `resource` for anything else. */
  level: 'organization' | 'folder' | 'project' | 'resource';
  /**
   * Every binding. Bindings with the same role and condition from several sources (an iam-policy
   * export and a search-all-iam-policies file) are merged.
   */
  bindings: GcpIamBinding[];
}

/** `gcp.iam.service-account`. */
export interface GcpServiceAccount {
  /** `sa@my-proj.iam.gserviceaccount.com`. */
  email: string | null;
  uniqueId: string | null;
  displayName: string | null;
  /** Omitted by the IAM API when false (proto3 bool default). */
  disabled: boolean;
}

/** `gcp.iam.service-account-key`. */
export interface GcpServiceAccountKey {
  /** Email (or unique id) of the owning service account, from the key's name. */
  serviceAccount: string | null;
  keyId: string;
  /** `USER_MANAGED` (created by a person, lives outside Google) or `SYSTEM_MANAGED` (Google rotates it). */
  keyType: 'USER_MANAGED' | 'SYSTEM_MANAGED' | string | null;
  /** `GOOGLE_PROVIDED` or `USER_PROVIDED` (uploaded public key). */
  keyOrigin: string | null;
  keyAlgorithm: string | null;
  /** ISO time the key became valid (its creation time). */
  validAfterTime: string | null;
  /** ISO expiry; `9999-12-31T23:59:59Z` for keys that never expire. */
  validBeforeTime: string | null;
  /** Omitted by the IAM API when false (proto3 bool default). */
  disabled: boolean;
}

// ---------------------------------------------------------------- Compute

/** One `allowed` or `denied` entry of a firewall rule. */
export interface GcpFirewallEntry {
  /** `tcp`, `udp`, `icmp`, `all`, `esp`, `ah`, `sctp` or an IP protocol number, lower-case. */
  protocol: string;
  /** `["22", "1000-2000"]`; empty = every port of the protocol (Compute API). */
  ports: string[];
}

/** `gcp.compute.firewall`: one VPC firewall rule. */
export interface GcpFirewall {
  name: string;
  /** Network URL (`…/global/networks/default`). */
  network: string | null;
  /** Documented default when omitted: `INGRESS`. */
  direction: 'INGRESS' | 'EGRESS';
  /** Documented default when omitted: `false` (the rule is enforced). */
  disabled: boolean;
  /** Documented default when omitted: 1000. Lower numbers win. */
  priority: number;
  /** Empty lists are omitted by the API, so an absent list is `[]`. */
  sourceRanges: string[];
  destinationRanges: string[];
  sourceTags: string[];
  sourceServiceAccounts: string[];
  /** Empty = the rule applies to every instance in the network. */
  targetTags: string[];
  targetServiceAccounts: string[];
  allowed: GcpFirewallEntry[];
  denied: GcpFirewallEntry[];
  /** Firewall rules logging. */
  logEnabled: boolean;
}

/** `gcp.compute.ssl-policy`. */
export interface GcpSslPolicy {
  name: string;
  /** `COMPATIBLE | MODERN | RESTRICTED | CUSTOM | FIPS_202205`. Documented default: `COMPATIBLE`. */
  profile: string;
  /** `TLS_1_0 | TLS_1_1 | TLS_1_2 | TLS_1_3`. Documented default: `TLS_1_0`. */
  minTlsVersion: string;
  /** Features chosen for a `CUSTOM` profile. */
  customFeatures: string[];
  /** Features the policy enables (output only; may be absent in old exports → `null`). */
  enabledFeatures: string[] | null;
}

/** `gcp.compute.target-https-proxy`. */
export interface GcpTargetHttpsProxy {
  name: string;
  /**
   * URL of the attached SSL policy, or `null` when none is attached. Without one, Google applies
   * its default policy: `COMPATIBLE` with TLS 1.0 allowed (documented).
   */
  sslPolicy: string | null;
  urlMap: string | null;
  sslCertificates: string[];
  certificateMap: string | null;
}

/** `gcp.compute.disk`. */
export interface GcpDisk {
  name: string;
  /** Zone or region short name (`us-central1-a`). */
  zone: string | null;
  sizeGb: number | null;
  /** Disk type short name (`pd-balanced`). */
  diskType: string | null;
  /**
   * `google-managed` when `diskEncryptionKey` is absent (Google's documented default),
   * `cmek` with a Cloud KMS key, `csek` with a customer-supplied key.
   */
  encryption: 'google-managed' | 'cmek' | 'csek';
  /** Cloud KMS key (version) for `cmek`, else `null`. */
  kmsKeyName: string | null;
  /** Instances the disk is attached to (URLs). */
  users: string[];
}

// ---------------------------------------------------------------- Cloud SQL

export interface GcpSqlAuthorizedNetwork {
  name: string | null;
  /** CIDR or address (`0.0.0.0/0`). */
  value: string;
}

/** `gcp.sql.instance`. */
export interface GcpSqlInstance {
  name: string;
  /** `POSTGRES_15`, `MYSQL_8_0`, `SQLSERVER_2019_STANDARD`… */
  databaseVersion: string | null;
  state: string | null;
  /** Whether the instance has a public IPv4 address (`settings.ipConfiguration.ipv4Enabled`); `null` when settings are missing. */
  ipv4Enabled: boolean | null;
  /** Addresses of type `PRIMARY` (public). */
  publicIpAddresses: string[];
  /** `null` when `settings.ipConfiguration` is missing; an absent list inside it is `[]`. */
  authorizedNetworks: GcpSqlAuthorizedNetwork[] | null;
  /** Legacy flag; documented default `false` when omitted; `null` when `ipConfiguration` is missing. */
  requireSsl: boolean | null;
  /** `ALLOW_UNENCRYPTED_AND_ENCRYPTED | ENCRYPTED_ONLY | TRUSTED_CLIENT_CERTIFICATE_REQUIRED`; `null` when unset. */
  sslMode: string | null;
  /** VPC network for private IP, when configured. */
  privateNetwork: string | null;
}

// ---------------------------------------------------------------- Cloud Storage

/** `gcp.storage.bucket`. */
export interface GcpBucket {
  name: string;
  location: string | null;
  projectNumber: string | null;
  /** `enforced`, `inherited` (or `unspecified` in older data); `null` when `iamConfiguration` was not in the data. */
  publicAccessPrevention: string | null;
  /** Uniform bucket-level access (`uniformBucketLevelAccess.enabled`, or the legacy `bucketPolicyOnly.enabled`). */
  uniformBucketLevelAccess: boolean | null;
  /** `cmek` when `encryption.defaultKmsKeyName` is set; `google-managed` when absent (Google's documented default). */
  encryption: 'google-managed' | 'cmek';
  defaultKmsKeyName: string | null;
  /** Object versioning; omitted by the API when never enabled. */
  versioning: boolean;
}

// ---------------------------------------------------------------- Cloud KMS

/** `gcp.kms.crypto-key`. */
export interface GcpKmsCryptoKey {
  name: string;
  /** `projects/p/locations/l/keyRings/r`. */
  keyRing: string | null;
  /** `ENCRYPT_DECRYPT`, `ASYMMETRIC_SIGN`, `ASYMMETRIC_DECRYPT`, `MAC`, `RAW_ENCRYPT_DECRYPT`; `null` when absent. */
  purpose: string | null;
  /** Automatic rotation period in seconds; `null` when the key has no rotation schedule (`rotationPeriod` absent). */
  rotationPeriodSeconds: number | null;
  nextRotationTime: string | null;
  /** State of the primary version (`ENABLED`, `DISABLED`, `DESTROYED`…); `null` without a primary. */
  primaryState: string | null;
  /** `SOFTWARE`, `HSM`, `EXTERNAL`… */
  protectionLevel: string | null;
  algorithm: string | null;
}

/** Data interface per Vigil GCP type. */
export interface GcpDataByType {
  [GCP_IAM_POLICY]: GcpIamPolicy;
  [GCP_SERVICE_ACCOUNT]: GcpServiceAccount;
  [GCP_SERVICE_ACCOUNT_KEY]: GcpServiceAccountKey;
  [GCP_FIREWALL]: GcpFirewall;
  [GCP_SSL_POLICY]: GcpSslPolicy;
  [GCP_TARGET_HTTPS_PROXY]: GcpTargetHttpsProxy;
  [GCP_DISK]: GcpDisk;
  [GCP_SQL_INSTANCE]: GcpSqlInstance;
  [GCP_BUCKET]: GcpBucket;
  [GCP_KMS_KEY]: GcpKmsCryptoKey;
}

const gcpType = (description: string) => ({ provider: 'gcp', scope: 'global', version: 1, description }) as const;

/** Every `gcp.*` type; GCP types are read per scope (organization, folder or project) through the Cloud Asset API. */
export const GCP_TYPES: TypeTable<GcpDataByType> = {
  [GCP_IAM_POLICY]: gcpType('IAM allow policies of organizations, folders, projects and resources'),
  [GCP_SERVICE_ACCOUNT]: gcpType('Service accounts'),
  [GCP_SERVICE_ACCOUNT_KEY]: gcpType('Service account keys'),
  [GCP_FIREWALL]: gcpType('VPC firewall rules'),
  [GCP_SSL_POLICY]: gcpType('SSL policies of load balancers'),
  [GCP_TARGET_HTTPS_PROXY]: gcpType('Target HTTPS proxies'),
  [GCP_DISK]: gcpType('Persistent disks'),
  [GCP_SQL_INSTANCE]: gcpType('Cloud SQL instances'),
  [GCP_BUCKET]: gcpType('Cloud Storage buckets'),
  [GCP_KMS_KEY]: gcpType('Cloud KMS crypto keys'),
};
