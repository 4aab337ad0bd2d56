import type { CollectorOutput, ProgressListener } from '../types.js';

/** Live TLS endpoint scanning. */
export interface TlsCollectOptions {
  /** `host:port`, `[::1]:443`, optional `@sni` suffix. */
  targets: string[];
  onProgress?: ProgressListener;
}

export async function collectTls(_options: TlsCollectOptions): Promise<CollectorOutput> {
  throw new Error('TLS collection is not built yet (issue #5)');
}
