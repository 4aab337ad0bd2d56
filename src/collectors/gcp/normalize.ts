/**
 * Pure Cloud Asset → Vigil model functions, shared by the live client (src/collectors/gcp/live.ts)
 * and the export reader (src/collectors/gcp/export-reader.ts).
 *
 * Cloud Asset quirks handled here (see FACTS.md "Cloud Asset API shapes"):
 * - `gcloud asset export` lines use proto field names (`asset_type`, `iam_policy`); the REST API,
 *   `gcloud … --format=json` and the Node client use camelCase (`assetType`, `iamPolicy`). Both are read.
 * - The Node client returns `resource.data` as a protobuf `Struct` (`{fields:{x:{stringValue,kind}}}`);
 *   exports carry plain JSON. Both are read.
 * - Inside `data` keys follow each service's discovery document; Compute uses `IPProtocol`, some
 *   tooling writes `ipProtocol`. Both are read.
 * - int64 values arrive as strings, Struct numbers as doubles. Fields at their default are omitted:
 *   a documented default is applied only where Google documents one (each case says so).
 */
import type { Resource } from '../../model/types.js';
import {
  GCP_ASSET_TYPES,
  type GcpAssetResourceType,
  GCP_BUCKET,
  GCP_DISK,
  GCP_FIREWALL,
  GCP_IAM_POLICY,
  GCP_KMS_KEY,
  GCP_SERVICE_ACCOUNT,
  GCP_SERVICE_ACCOUNT_KEY,
  GCP_SQL_INSTANCE,
  GCP_SSL_POLICY,
  GCP_TARGET_HTTPS_PROXY,
  type GcpBucket,
  type GcpDisk,
  type GcpFirewall,
  type GcpFirewallEntry,
  type GcpIamBinding,
  type GcpIamPolicy,
  type GcpKmsCryptoKey,
  type GcpServiceAccount,
  type GcpServiceAccountKey,
  type GcpSqlInstance,
  type GcpSslPolicy,
  type GcpTargetHttpsProxy,
} from '../../model/gcp.js';

export type Json = Record<string, unknown>;

/** Data that does not have the shape of a Cloud Asset record; the caller records it with its place. */
export class NormalizeError extends Error {
  override name = 'NormalizeError';
}

/** Cloud Asset type → Vigil type. */
export const VIGIL_TYPE_BY_ASSET_TYPE: Readonly<Partial<Record<string, GcpAssetResourceType>>> = Object.fromEntries(
  (Object.entries(GCP_ASSET_TYPES) as [GcpAssetResourceType, string][]).map(([v, a]) => [a, v]),
);

/** Asset types read only to map project numbers to ids (no Vigil type of their own). */
export const PROJECT_ASSET_TYPE = 'cloudresourcemanager.googleapis.com/Project';
const HIERARCHY_LEVEL: Record<string, GcpIamPolicy['level']> = {
  'cloudresourcemanager.googleapis.com/Organization': 'organization',
  'cloudresourcemanager.googleapis.com/Folder': 'folder',
  [PROJECT_ASSET_TYPE]: 'project',
};

// ---------------------------------------------------------------- small readers

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `a.b` or `a_b` / `aB`: the first of the keys that is present (not undefined / null). */
function pick(o: Json | null | undefined, ...keys: string[]): unknown {
  if (!o) return undefined;
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(v: unknown, field: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new NormalizeError(`${field} is not a number (${JSON.stringify(v)?.slice(0, 40)})`);
  return n;
}

function bool(v: unknown, field: string): boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new NormalizeError(`${field} is not a boolean (${JSON.stringify(v)?.slice(0, 40)})`);
}

/** A list field: absent → `[]` (the APIs omit empty repeated fields); a non-list → error. */
function list(v: unknown, field: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new NormalizeError(`${field} is not a list`);
  return v;
}

function strList(v: unknown, field: string): string[] {
  return list(v, field).map((x) => {
    const s = str(x);
    if (s === null) throw new NormalizeError(`${field} has a non-string entry`);
    return s;
  });
}

/** Last path segment of a URL or resource name (`…/zones/us-central1-a` → `us-central1-a`). */
export function lastSegment(s: string): string {
  const parts = s.split('/').filter(Boolean);
  return parts.at(-1) ?? s;
}

/** Protobuf Duration as JSON (`"7776000s"`, `"1.5s"`) or object (`{seconds:"7776000"}`) → seconds. */
export function durationSeconds(v: unknown, field: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(v.trim());
    if (!m) throw new NormalizeError(`${field} is not a duration (${JSON.stringify(v).slice(0, 40)})`);
    return Number(m[1]);
  }
  if (isObj(v)) return (num(v.seconds ?? 0, field) ?? 0) + (num(v.nanos ?? 0, field) ?? 0) / 1e9;
  throw new NormalizeError(`${field} is not a duration`);
}

/** Protobuf Timestamp as RFC 3339 string or `{seconds, nanos}` → ISO string. */
export function timestamp(v: unknown, field: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new NormalizeError(`${field} is not a timestamp (${JSON.stringify(v).slice(0, 40)})`);
    return v;
  }
  if (isObj(v)) {
    const s = num(v.seconds ?? 0, field) ?? 0;
    return new Date(s * 1000 + Math.floor((num(v.nanos ?? 0, field) ?? 0) / 1e6)).toISOString();
  }
  throw new NormalizeError(`${field} is not a timestamp`);
}

// ---------------------------------------------------------------- protobuf Struct

const VALUE_KEYS = ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'];

function isValue(v: unknown): boolean {
  return isObj(v) && (typeof v.kind === 'string' || VALUE_KEYS.some((k) => k in v));
}

/** True for a decoded `google.protobuf.Struct` (`{fields:{…Value}}`) as the Node client returns `resource.data`. */
export function isStruct(v: unknown): v is { fields: Record<string, Json> } {
  if (!isObj(v) || !isObj(v.fields) || Object.keys(v).some((k) => k !== 'fields')) return false;
  return Object.values(v.fields).every(isValue);
}

/** A decoded `google.protobuf.Value` → plain JSON. */
export function fromValue(v: unknown): unknown {
  if (!isObj(v)) return null;
  const kind = typeof v.kind === 'string' ? v.kind : VALUE_KEYS.find((k) => k in v && v[k] !== undefined && v[k] !== null);
  switch (kind) {
    case 'structValue':
      return fromStruct(v.structValue);
    case 'listValue':
      return list((v.listValue as Json | undefined)?.values, 'listValue').map(fromValue);
    case 'numberValue':
      return Number(v.numberValue);
    case 'stringValue':
      return String(v.stringValue);
    case 'boolValue':
      return Boolean(v.boolValue);
    default:
      return null;
  }
}

/** A decoded `google.protobuf.Struct` → plain JSON object. */
export function fromStruct(s: unknown): Json {
  const out: Json = {};
  if (!isObj(s) || !isObj(s.fields)) return out;
  for (const [k, v] of Object.entries(s.fields)) out[k] = fromValue(v);
  return out;
}

/** `resource.data` in either form → plain JSON (or `null` when absent). */
export function plainData(data: unknown): Json | null {
  if (data === undefined || data === null) return null;
  if (isStruct(data)) return fromStruct(data);
  if (isObj(data)) return data;
  throw new NormalizeError('resource.data is not an object');
}

// ---------------------------------------------------------------- records

/** One Cloud Asset `Asset`, casing-neutral. */
export interface AssetRecord {
  /** Full resource name. */
  name: string;
  assetType: string;
  /** `resource.location`, lower-cased. */
  location: string | null;
  ancestors: string[];
  /** True when the record carries a `resource` (content type RESOURCE). */
  hasResource: boolean;
  /** Plain JSON `resource.data`; `null` when the resource has none. */
  data: Json | null;
  /** `iam_policy` / `iamPolicy` bindings, when the record carries a policy (content type IAM_POLICY). */
  bindings: GcpIamBinding[] | null;
}

/** One `IamPolicySearchResult` (`searchAllIamPolicies`, `gcloud asset search-all-iam-policies`). */
export interface SearchRecord {
  resource: string;
  assetType: string | null;
  /** `projects/NUMBER`, or `null` for folder / organization policies. */
  project: string | null;
  folders: string[];
  organization: string | null;
  bindings: GcpIamBinding[];
}

/** What a parsed JSON value is: a Cloud Asset `Asset`, an IAM policy search result, or neither. */
export function recordKind(v: unknown): 'asset' | 'search' | null {
  if (!isObj(v)) return null;
  if (typeof v.name === 'string' && typeof (v.asset_type ?? v.assetType) === 'string') return 'asset';
  if (typeof v.resource === 'string' && isObj(v.policy)) return 'search';
  return null;
}

function readBindings(policy: unknown, field: string): GcpIamBinding[] {
  if (!isObj(policy)) throw new NormalizeError(`${field} is not an object`);
  return list(policy.bindings, `${field}.bindings`).map((b, i) => {
    if (!isObj(b) || typeof b.role !== 'string') throw new NormalizeError(`${field}.bindings[${i}] has no role`);
    const binding: GcpIamBinding = { role: b.role, members: [...new Set(strList(b.members, `${field}.bindings[${i}].members`))].sort() };
    if (isObj(b.condition) && str(b.condition.expression) !== null) {
      binding.condition = { title: str(b.condition.title), expression: str(b.condition.expression)!, description: str(b.condition.description) };
    }
    return binding;
  });
}

/** Reads an `Asset` in either casing. Throws {@link NormalizeError} when it is not one. */
export function readAsset(v: unknown): AssetRecord {
  if (recordKind(v) !== 'asset') throw new NormalizeError('not a Cloud Asset record (needs "name" and "asset_type")');
  const a = v as Json;
  const resource = pick(a, 'resource');
  const policy = pick(a, 'iam_policy', 'iamPolicy');
  if (resource !== undefined && !isObj(resource)) throw new NormalizeError('resource is not an object');
  const r = resource as Json | undefined;
  return {
    name: a.name as string,
    assetType: (a.asset_type ?? a.assetType) as string,
    location: str(pick(r, 'location'))?.toLowerCase() ?? null,
    ancestors: strList(a.ancestors, 'ancestors'),
    hasResource: r !== undefined,
    data: r ? plainData(r.data) : null,
    bindings: policy === undefined ? null : readBindings(policy, 'iam_policy'),
  };
}

/** Reads an `IamPolicySearchResult` in either casing. */
export function readSearchResult(v: unknown): SearchRecord {
  if (recordKind(v) !== 'search') throw new NormalizeError('not an IAM policy search result (needs "resource" and "policy")');
  const s = v as Json;
  return {
    resource: s.resource as string,
    assetType: str(pick(s, 'assetType', 'asset_type')),
    project: str(s.project),
    folders: strList(s.folders, 'folders'),
    organization: str(s.organization),
    bindings: readBindings(s.policy, 'policy'),
  };
}

// ---------------------------------------------------------------- identity

const PROJECT_IN_NAME = /\/projects\/([^/]+)(?:\/|$)/;
const NUMERIC = /^\d+$/;

/** `projects/123` → `123`; `organizations/9` and `folders/8` are kept whole. */
function nodeAccount(node: string): string | null {
  if (node.startsWith('projects/')) return node.slice('projects/'.length) || null;
  if (/^(organizations|folders)\/\d+$/.test(node)) return node;
  return null;
}

/** The hierarchy node a full resource name *is*, if it is one (`organizations/9`, `folders/8`, `projects/p`). */
export function hierarchyNode(name: string): string | null {
  const m = /^\/\/cloudresourcemanager\.googleapis\.com\/((?:organizations|folders|projects)\/[^/]+)$/.exec(name);
  return m?.[1] ?? null;
}

/**
 * Account of a resource: the project named in its full name (id or number), else the first
 * project in its ancestors (a number), else its folder / organization; `null` when nothing says.
 */
export function accountOf(name: string, ancestors: readonly string[], fallback?: string | null): string | null {
  const node = hierarchyNode(name);
  if (node) return nodeAccount(node);
  const m = PROJECT_IN_NAME.exec(name);
  // `projects/_` is the "any project" placeholder some services use in names.
  if (m?.[1] !== undefined && m[1] !== '_') return m[1];
  for (const a of ancestors) if (a.startsWith('projects/')) return nodeAccount(a);
  if (fallback) return fallback;
  for (const a of ancestors) {
    const n = nodeAccount(a);
    if (n) return n;
  }
  return null;
}

/** Location from the asset, else from the name (`/zones/x/`, `/regions/x/`, `/locations/x/`), else `global`. */
export function regionOf(location: string | null, name: string): string {
  if (location) return location;
  const m = /\/(?:zones|regions|locations)\/([^/]+)(?:\/|$)/.exec(name);
  return m?.[1]?.toLowerCase() ?? 'global';
}

/** Project number → id pairs an asset reveals (its name has the id, its ancestors the number). */
export function projectIdsFrom(rec: AssetRecord): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (rec.assetType === PROJECT_ASSET_TYPE && rec.data) {
    const id = str(rec.data.projectId);
    const number = str(rec.data.projectNumber);
    if (id && number) out.push([number, id]);
  }
  const id = PROJECT_IN_NAME.exec(rec.name)?.[1];
  const first = rec.ancestors[0];
  if (id !== undefined && !NUMERIC.test(id) && first?.startsWith('projects/')) {
    const number = first.slice('projects/'.length);
    if (NUMERIC.test(number)) out.push([number, id]);
  }
  return out;
}

// ---------------------------------------------------------------- resource data

type Mapper = (d: Json, rec: AssetRecord) => { name: string; data: unknown };

function nameOf(d: Json, rec: AssetRecord): string {
  return str(d.name) ?? lastSegment(rec.name);
}

function firewallEntries(v: unknown, field: string): GcpFirewallEntry[] {
  return list(v, field).map((e, i) => {
    if (!isObj(e)) throw new NormalizeError(`${field}[${i}] is not an object`);
    const protocol = str(pick(e, 'IPProtocol', 'ipProtocol', 'ip_protocol'));
    // A firewall entry without a protocol cannot be judged: refuse rather than guess "closed".
    if (protocol === null) throw new NormalizeError(`${field}[${i}] has no IPProtocol`);
    return { protocol: protocol.toLowerCase(), ports: strList(e.ports, `${field}[${i}].ports`) };
  });
}

const MAPPERS: Record<GcpAssetResourceType, Mapper> = {
  [GCP_FIREWALL]: (d, rec) => {
    const data: GcpFirewall = {
      name: nameOf(d, rec),
      network: str(d.network),
      // Compute API: direction "If unspecified, defaults to INGRESS"; priority default 1000; disabled default false.
      direction: (str(d.direction) ?? 'INGRESS').toUpperCase() === 'EGRESS' ? 'EGRESS' : 'INGRESS',
      disabled: bool(d.disabled, 'disabled') ?? false,
      priority: num(d.priority, 'priority') ?? 1000,
      sourceRanges: strList(d.sourceRanges, 'sourceRanges'),
      destinationRanges: strList(d.destinationRanges, 'destinationRanges'),
      sourceTags: strList(d.sourceTags, 'sourceTags'),
      sourceServiceAccounts: strList(d.sourceServiceAccounts, 'sourceServiceAccounts'),
      targetTags: strList(d.targetTags, 'targetTags'),
      targetServiceAccounts: strList(d.targetServiceAccounts, 'targetServiceAccounts'),
      allowed: firewallEntries(d.allowed, 'allowed'),
      denied: firewallEntries(d.denied, 'denied'),
      logEnabled: bool(pick(d.logConfig as Json, 'enable'), 'logConfig.enable') ?? false,
    };
    const dir = str(d.direction);
    if (dir !== null && !/^(INGRESS|EGRESS)$/i.test(dir)) throw new NormalizeError(`direction ${JSON.stringify(dir)} is unknown`);
    return { name: data.name, data };
  },
  [GCP_SSL_POLICY]: (d, rec) => {
    const data: GcpSslPolicy = {
      name: nameOf(d, rec),
      // Compute API / gcloud: profile defaults to COMPATIBLE and minTlsVersion to TLS_1_0 when unset.
      profile: str(d.profile) ?? 'COMPATIBLE',
      minTlsVersion: str(d.minTlsVersion) ?? 'TLS_1_0',
      customFeatures: strList(d.customFeatures, 'customFeatures'),
      enabledFeatures: d.enabledFeatures === undefined || d.enabledFeatures === null ? null : strList(d.enabledFeatures, 'enabledFeatures'),
    };
    return { name: data.name, data };
  },
  [GCP_TARGET_HTTPS_PROXY]: (d, rec) => {
    const data: GcpTargetHttpsProxy = {
      name: nameOf(d, rec),
      sslPolicy: str(d.sslPolicy),
      urlMap: str(d.urlMap),
      sslCertificates: strList(d.sslCertificates, 'sslCertificates'),
      certificateMap: str(d.certificateMap),
    };
    return { name: data.name, data };
  },
  [GCP_DISK]: (d, rec) => {
    const key = isObj(d.diskEncryptionKey) ? d.diskEncryptionKey : null;
    const kmsKeyName = str(pick(key, 'kmsKeyName'));
    const csek = key !== null && kmsKeyName === null && [key.sha256, key.rawKey, key.rsaEncryptedKey].some((x) => str(x) !== null);
    const zone = str(d.zone) ?? str(d.region);
    const type = str(d.type);
    const data: GcpDisk = {
      name: nameOf(d, rec),
      zone: zone === null ? null : lastSegment(zone),
      sizeGb: num(d.sizeGb, 'sizeGb'),
      diskType: type === null ? null : lastSegment(type),
      // Compute API: without diskEncryptionKey the disk is encrypted with a Google-managed key.
      encryption: kmsKeyName !== null ? 'cmek' : csek ? 'csek' : 'google-managed',
      kmsKeyName,
      users: strList(d.users, 'users'),
    };
    return { name: data.name, data };
  },
  [GCP_SQL_INSTANCE]: (d, rec) => {
    const settings = isObj(d.settings) ? d.settings : null;
    const ipc = settings && isObj(settings.ipConfiguration) ? settings.ipConfiguration : null;
    const addresses = d.ipAddresses === undefined || d.ipAddresses === null ? null : list(d.ipAddresses, 'ipAddresses');
    const publicIps = (addresses ?? [])
      .filter((a) => isObj(a) && str(a.type) === 'PRIMARY')
      .map((a) => str((a as Json).ipAddress))
      .filter((a): a is string => a !== null);
    const ipv4 = ipc ? bool(ipc.ipv4Enabled, 'ipv4Enabled') : null;
    const data: GcpSqlInstance = {
      name: nameOf(d, rec),
      databaseVersion: str(d.databaseVersion),
      state: str(d.state),
      // ipv4Enabled is a wrapper field; when unset, the address list says whether a public IP exists.
      ipv4Enabled: ipv4 ?? (publicIps.length > 0 ? true : addresses !== null ? false : null),
      publicIpAddresses: publicIps,
      authorizedNetworks: ipc
        ? list(ipc.authorizedNetworks, 'authorizedNetworks').map((n, i) => {
            const value = isObj(n) ? str(n.value) : null;
            if (value === null) throw new NormalizeError(`authorizedNetworks[${i}] has no value`);
            return { name: str((n as Json).name), value };
          })
        : null,
      // Cloud SQL: requireSsl (legacy) is false when omitted.
      requireSsl: ipc ? (bool(ipc.requireSsl, 'requireSsl') ?? false) : null,
      sslMode: ipc ? str(ipc.sslMode) : null,
      privateNetwork: ipc ? str(ipc.privateNetwork) : null,
    };
    return { name: data.name, data };
  },
  [GCP_BUCKET]: (d, rec) => {
    const iam = isObj(d.iamConfiguration) ? d.iamConfiguration : null;
    const ubla = iam ? (pick(iam, 'uniformBucketLevelAccess') ?? pick(iam, 'bucketPolicyOnly')) : undefined;
    const keyName = isObj(d.encryption) ? str(d.encryption.defaultKmsKeyName) : null;
    const data: GcpBucket = {
      name: nameOf(d, rec),
      location: str(d.location),
      projectNumber: str(d.projectNumber),
      publicAccessPrevention: iam ? (str(iam.publicAccessPrevention)?.toLowerCase() ?? null) : null,
      // The JSON API writes `enabled` explicitly; an object without it is proto false.
      uniformBucketLevelAccess: isObj(ubla) ? (bool(ubla.enabled, 'uniformBucketLevelAccess.enabled') ?? false) : null,
      // Cloud Storage: without `encryption.defaultKmsKeyName` objects use Google-managed keys.
      encryption: keyName !== null ? 'cmek' : 'google-managed',
      defaultKmsKeyName: keyName,
      versioning: bool(pick(d.versioning as Json, 'enabled'), 'versioning.enabled') ?? false,
    };
    return { name: data.name, data };
  },
  [GCP_KMS_KEY]: (d, rec) => {
    const full = str(d.name);
    const primary = isObj(d.primary) ? d.primary : null;
    const template = isObj(d.versionTemplate) ? d.versionTemplate : null;
    const data: GcpKmsCryptoKey = {
      name: full ? lastSegment(full) : lastSegment(rec.name),
      keyRing: full && full.includes('/cryptoKeys/') ? full.slice(0, full.indexOf('/cryptoKeys/')) : null,
      purpose: str(d.purpose),
      rotationPeriodSeconds: durationSeconds(d.rotationPeriod, 'rotationPeriod'),
      nextRotationTime: timestamp(d.nextRotationTime, 'nextRotationTime'),
      primaryState: primary ? str(primary.state) : null,
      protectionLevel: str(pick(template, 'protectionLevel')) ?? str(pick(primary, 'protectionLevel')),
      algorithm: str(pick(template, 'algorithm')) ?? str(pick(primary, 'algorithm')),
    };
    return { name: data.name, data };
  },
  [GCP_SERVICE_ACCOUNT]: (d, rec) => {
    const data: GcpServiceAccount = {
      email: str(d.email),
      uniqueId: str(d.uniqueId),
      displayName: str(d.displayName),
      disabled: bool(d.disabled, 'disabled') ?? false,
    };
    return { name: data.email ?? lastSegment(rec.name), data };
  },
  [GCP_SERVICE_ACCOUNT_KEY]: (d, rec) => {
    // data.name: projects/P/serviceAccounts/EMAIL/keys/KEYID (the asset name carries the unique id instead).
    const full = str(d.name) ?? rec.name;
    const m = /serviceAccounts\/([^/]+)\/keys\/([^/]+)$/.exec(full);
    const data: GcpServiceAccountKey = {
      serviceAccount: m?.[1] ?? null,
      keyId: m?.[2] ?? lastSegment(full),
      keyType: str(d.keyType),
      keyOrigin: str(d.keyOrigin),
      keyAlgorithm: str(d.keyAlgorithm),
      validAfterTime: timestamp(d.validAfterTime, 'validAfterTime'),
      validBeforeTime: timestamp(d.validBeforeTime, 'validBeforeTime'),
      disabled: bool(d.disabled, 'disabled') ?? false,
    };
    return { name: data.keyId, data };
  },
};

/**
 * The Vigil resource of an asset that carries resource data, or `undefined` when its type is not
 * one Vigil models. Throws {@link NormalizeError} when the data cannot be read (the caller records
 * a coverage gap for that one resource instead of guessing).
 */
export function resourceFromAsset(rec: AssetRecord, accountFallback?: string | null): Resource | undefined {
  const type = VIGIL_TYPE_BY_ASSET_TYPE[rec.assetType];
  if (!type || !rec.hasResource) return undefined;
  if (!rec.data) throw new NormalizeError('resource has no data');
  const fallback = accountFallback ?? (type === GCP_BUCKET ? str(rec.data.projectNumber) : null);
  const { name, data } = MAPPERS[type](rec.data, rec);
  return {
    ref: {
      provider: 'gcp',
      account: accountOf(rec.name, rec.ancestors, fallback) ?? 'unknown',
      region: regionOf(rec.location ?? (type === GCP_BUCKET ? (str(rec.data.location)?.toLowerCase() ?? null) : null), rec.name),
      type,
      id: rec.name,
      arn: rec.name,
      name,
    },
    data: data as Record<string, unknown>,
  };
}

function policyResource(resource: string, assetType: string, account: string | null, bindings: GcpIamBinding[]): Resource<GcpIamPolicy> {
  const level = HIERARCHY_LEVEL[assetType] ?? 'resource';
  const acct = account ?? 'unknown';
  return {
    ref: {
      provider: 'gcp',
      account: acct,
      // IAM policies are not regional; `global` also lets a scope-wide coverage gap reach them.
      region: 'global',
      type: GCP_IAM_POLICY,
      id: resource,
      arn: resource,
      name: level === 'resource' ? lastSegment(resource) : acct,
    },
    data: { resource, assetType, level, bindings },
  };
}

/** The `gcp.iam.policy` of an asset that carries an IAM policy, or `undefined` when it has none. */
export function policyFromAsset(rec: AssetRecord): Resource<GcpIamPolicy> | undefined {
  if (rec.bindings === null) return undefined;
  return policyResource(rec.name, rec.assetType, accountOf(rec.name, rec.ancestors), rec.bindings);
}

/** The `gcp.iam.policy` of a search result (`project` is a number; folders/orgs have none). */
export function policyFromSearch(rec: SearchRecord): Resource<GcpIamPolicy> {
  const node = hierarchyNode(rec.resource);
  const assetType =
    rec.assetType ??
    (node
      ? `cloudresourcemanager.googleapis.com/${node.startsWith('organizations/') ? 'Organization' : node.startsWith('folders/') ? 'Folder' : 'Project'}`
      : 'unknown');
  const ancestors = [rec.project, ...rec.folders, rec.organization].filter((x): x is string => x !== null);
  return policyResource(rec.resource, assetType, accountOf(rec.resource, ancestors), rec.bindings);
}

/** Merges the bindings of two views of one policy (same role + condition → members united). */
export function mergeBindings(a: GcpIamBinding[], b: GcpIamBinding[]): GcpIamBinding[] {
  const key = (x: GcpIamBinding) => `${x.role}\u0000${x.condition ? JSON.stringify([x.condition.expression, x.condition.title]) : ''}`;
  const out = new Map<string, GcpIamBinding>();
  for (const x of [...a, ...b]) {
    const k = key(x);
    const prev = out.get(k);
    if (prev) prev.members = [...new Set([...prev.members, ...x.members])].sort();
    else out.set(k, { ...x, members: [...x.members] });
  }
  return [...out.values()];
}
