/**
 * Accumulates normalized GCP resources from either source (live pages or export lines), one record
 * at a time, so that no raw page or file is kept: only the normalized resources, one IAM policy per
 * resource (bindings merged across sources), and the project number → id map.
 */
import { GCP_IAM_POLICY, type GcpIamPolicy } from '../../model/gcp.js';
import type { CoverageEntry, Resource } from '../../model/types.js';
import {
  NormalizeError,
  PROJECT_ASSET_TYPE,
  VIGIL_TYPE_BY_ASSET_TYPE,
  accountOf,
  mergeBindings,
  policyFromAsset,
  policyFromSearch,
  projectIdsFrom,
  readAsset,
  readSearchResult,
  recordKind,
  regionOf,
  resourceFromAsset,
} from './normalize.js';

const NUMERIC = /^\d+$/;

export interface InventoryResult {
  resources: Resource[];
  coverage: CoverageEntry[];
  /** Human-readable notes (unreadable records, with their place). */
  warnings: string[];
  /** Resources per Vigil type. */
  counts: Record<string, number>;
}

export class GcpInventory {
  private readonly resources = new Map<string, Resource>();
  private readonly policies = new Map<string, Resource<GcpIamPolicy>>();
  /** Project number → project id. */
  readonly projectIds = new Map<string, string>();
  /** Project number → its folders, top down (`folders/N`), from any asset's ancestors. */
  private readonly projectFolders = new Map<string, string[]>();
  /** Project number → display name; `folders/N` → display name (Project and Folder assets). */
  private readonly displayNames = new Map<string, string>();
  readonly coverage: CoverageEntry[] = [];
  readonly warnings: string[] = [];
  /** Records that carried resource data / an IAM policy (tells which export content types were given). */
  resourceRecords = 0;
  policyRecords = 0;
  /** Resources seen per Vigil type (counted even when not kept). */
  private readonly seen: Record<string, number> = {};

  /** `keepResources: false` counts resources without keeping them (benchmarks of the streaming path). */
  constructor(private readonly options: { keepResources?: boolean } = {}) {}

  /**
   * Adds one Cloud Asset record (either casing, Struct or plain data). `origin` names the source for
   * messages (`file.jsonl:12`, `ListAssets compute.googleapis.com/Firewall`) and `operation` the
   * coverage step. Throws {@link NormalizeError} when `raw` is not an Asset at all; unreadable
   * resource data becomes a coverage gap for that one resource.
   */
  addAsset(raw: unknown, origin: string, operation: string): void {
    const rec = readAsset(raw);
    if (rec.hasResource) this.resourceRecords++;
    if (rec.bindings !== null) this.policyRecords++;
    for (const [number, id] of projectIdsFrom(rec)) this.projectIds.set(number, id);
    this.noteHierarchy(rec);
    if (rec.assetType === PROJECT_ASSET_TYPE && rec.bindings === null) return;
    try {
      const res = resourceFromAsset(rec);
      if (res) {
        this.seen[res.ref.type] = (this.seen[res.ref.type] ?? 0) + 1;
        if (this.options.keepResources !== false) this.resources.set(res.ref.id, res);
      }
    } catch (err) {
      if (!(err instanceof NormalizeError)) throw err;
      const type = VIGIL_TYPE_BY_ASSET_TYPE[rec.assetType];
      const message = `${origin}: ${rec.name}: ${err.message}`;
      this.warnings.push(message);
      this.coverage.push({
        provider: 'gcp',
        account: accountOf(rec.name, rec.ancestors) ?? 'unknown',
        region: regionOf(rec.location, rec.name),
        service: 'cloudasset',
        operation,
        resourceTypes: type ? [type] : [],
        status: 'error',
        errorCode: 'InvalidAssetData',
        message: message.slice(0, 400),
        resourceId: rec.name,
      });
    }
    const policy = policyFromAsset(rec);
    if (policy) this.addPolicy(policy);
  }

  /** Adds one `IamPolicySearchResult`. Throws {@link NormalizeError} when `raw` is not one. */
  addSearchResult(raw: unknown): void {
    this.policyRecords++;
    this.addPolicy(policyFromSearch(readSearchResult(raw)));
  }

  /** Adds a record of either kind; throws {@link NormalizeError} for anything else. */
  addRecord(raw: unknown, origin: string, operation: string): 'asset' | 'search' {
    const kind = recordKind(raw);
    if (kind === 'asset') this.addAsset(raw, origin, operation);
    else if (kind === 'search') this.addSearchResult(raw);
    else throw new NormalizeError('neither a Cloud Asset record ("name" + "asset_type") nor an IAM policy search result ("resource" + "policy")');
    return kind;
  }

  /** Records where a project sits (its folders) and the display names of projects and folders. */
  private noteHierarchy(rec: ReturnType<typeof readAsset>): void {
    const first = rec.ancestors[0];
    if (first?.startsWith('projects/') && !this.projectFolders.has(first.slice(9))) {
      this.projectFolders.set(first.slice(9), rec.ancestors.filter((a) => a.startsWith('folders/')).reverse());
    }
    const display =
      rec.data && (typeof rec.data.displayName === 'string' ? rec.data.displayName : typeof rec.data.name === 'string' ? rec.data.name : undefined);
    if (!display) return;
    if (rec.assetType === PROJECT_ASSET_TYPE && typeof rec.data!.projectNumber === 'string') this.displayNames.set(rec.data!.projectNumber, display);
    const folder = /^\/\/cloudresourcemanager\.googleapis\.com\/(folders\/\d+)$/.exec(rec.name)?.[1];
    if (folder) this.displayNames.set(folder, display);
  }

  /**
   * Per project id: its display name and folder path (display names where a Folder asset gave one, else
   * `folders/N`), for the reports' per-project grouping (snapshot scope `detail.projects`).
   */
  hierarchy(): Record<string, { name: string | null; folders: string[] }> {
    const out: Record<string, { name: string | null; folders: string[] }> = {};
    for (const [number, folders] of this.projectFolders) {
      out[this.mapAccount(number)] = { name: this.displayNames.get(number) ?? null, folders: folders.map((f) => this.displayNames.get(f) ?? f) };
    }
    return out;
  }

  addCoverage(entry: CoverageEntry): void {
    this.coverage.push(entry);
  }

  private addPolicy(p: Resource<GcpIamPolicy>): void {
    if (this.options.keepResources === false) {
      this.seen[p.ref.type] = (this.seen[p.ref.type] ?? 0) + 1;
      return;
    }
    const prev = this.policies.get(p.ref.id);
    if (!prev) {
      this.policies.set(p.ref.id, p);
      return;
    }
    prev.data.bindings = mergeBindings(prev.data.bindings, p.data.bindings);
    // Prefer the view that knows the project (an export line has ancestors; a search result a number).
    if (prev.ref.account === 'unknown') prev.ref.account = p.ref.account;
    if (prev.data.assetType === 'unknown') prev.data.assetType = p.data.assetType;
  }

  /** Project number → id where known. */
  mapAccount(account: string): string {
    return NUMERIC.test(account) ? (this.projectIds.get(account) ?? account) : account;
  }

  /** Final resources (accounts mapped from numbers to ids where the data allows) and coverage. */
  finish(): InventoryResult {
    const resources: Resource[] = [];
    const counts: Record<string, number> = {};
    const add = (r: Resource) => {
      const mapped = this.mapAccount(r.ref.account);
      if (mapped !== r.ref.account) {
        if (r.ref.type === GCP_IAM_POLICY && r.ref.name === r.ref.account) r.ref.name = mapped;
        r.ref.account = mapped;
      }
      counts[r.ref.type] = (counts[r.ref.type] ?? 0) + 1;
      resources.push(r);
    };
    for (const r of this.resources.values()) add(r);
    for (const r of this.policies.values()) add(r as unknown as Resource);
    const coverage = this.coverage.map((c) => ({ ...c, account: this.mapAccount(c.account) }));
    return { resources, coverage, warnings: this.warnings, counts: this.options.keepResources === false ? { ...this.seen } : counts };
  }
}
