import type { CollectorOutput, ProgressListener } from '../types.js';

/** GCP collection through the Cloud Asset API (live) or `gcloud asset export` files (offline). */
export interface GcpCollectOptions {
  /** `organizations/123`, `folders/456` or `projects/my-proj` (live). */
  scope?: string;
  /** Offline export files (JSON lines of `gcloud asset export`, or JSON of `search-all-iam-policies`). */
  exportFiles?: string[];
  /** `host:port` of another Cloud Asset endpoint (tests). */
  endpoint?: string;
  onProgress?: ProgressListener;
}

export async function collectGcp(_options: GcpCollectOptions): Promise<CollectorOutput> {
  throw new Error('GCP collection is not built yet (issue #6)');
}
