import type { CoverageEntry, Resource, SnapshotScope } from '../model/types.js';

/** What every collector (AWS, GCP, TLS) hands back; `collect()` merges these into one snapshot. */
export interface CollectorOutput {
  scopes: SnapshotScope[];
  resources: Resource[];
  coverage: CoverageEntry[];
  /** API calls made, keyed `service:Operation`. */
  apiCalls?: Record<string, number>;
  /** Extra snapshot `stats` (a fleet scan's `fleet` metadata). */
  stats?: Record<string, unknown>;
}

/** Progress events for the terminal (a TTY shows them; tests ignore them). */
export interface ProgressEvent {
  provider: 'aws' | 'gcp' | 'tls';
  /** e.g. `ec2 us-east-1`, `iam`, `tls 127.0.0.1:8443`. */
  step: string;
  state: 'start' | 'done' | 'failed';
}

export type ProgressListener = (ev: ProgressEvent) => void;
