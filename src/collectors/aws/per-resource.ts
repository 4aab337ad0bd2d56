/**
 * Per-resource API calls (where AWS has no batch API: S3 bucket settings, snapshot attributes, KMS key
 * details), run concurrently under the run's shared cap (`ctx.perResource`).
 *
 * Coverage stays compact: each failure is its own entry (with `resourceId`, so only that resource's rules
 * become `unknown`); the successes are summed into one `ok` entry per (operation, region). When the first
 * calls of an operation are all denied, the rest are not attempted (they are recorded as denied too):
 * a missing permission would otherwise cost one failed call per resource.
 */
import { type AwsContext, type CoverageStep, classifyAwsError } from './context.js';

/** After this many denials with no success, the operation is treated as denied for every resource. */
const DENIED_CUTOFF = 5;

export type PerResourceStep = Omit<CoverageStep, 'resourceId'>;

/**
 * Calls `fn` for each item under the shared concurrency cap. Returns id → value; `undefined` for an item
 * whose call failed (its gap is recorded). `fn` should turn "not configured" answers into values itself.
 */
export async function perResource<T, R>(
  ctx: AwsContext,
  step: PerResourceStep,
  items: T[],
  idOf: (item: T) => string,
  fn: (item: T) => Promise<R>,
  /** The `resourceId` of a failure's coverage entry when it is not the item's own id (default: `idOf`). */
  gapResourceId: (item: T) => string = idOf,
): Promise<Map<string, R | undefined>> {
  const out = new Map<string, R | undefined>();
  if (items.length === 0) {
    // Positive coverage: "nothing to read" is a complete read, distinct from never having looked — unless a
    // listing the items come from failed in this region (then nobody knows what there was to read).
    if (!ctx.failedIn(step.service, step.region)) ctx.record({ ...step, status: 'ok', message: 'none to read' });
    return out;
  }
  let ok = 0;
  let denied = 0;
  let skippedCode: string | undefined;
  await Promise.all(
    items.map((item) =>
      ctx.perResource(async () => {
        const id = idOf(item);
        if (ok === 0 && denied >= DENIED_CUTOFF) {
          ctx.record({
            ...step,
            resourceId: gapResourceId(item),
            status: 'denied',
            errorCode: skippedCode,
            message: `not attempted: ${step.operation} was denied for the first ${DENIED_CUTOFF} resources`,
          });
          out.set(id, undefined);
          return;
        }
        try {
          out.set(id, await fn(item));
          ok++;
        } catch (err) {
          const c = classifyAwsError(err);
          if (c.status === 'denied') {
            denied++;
            skippedCode = c.code;
          }
          ctx.record({ ...step, resourceId: gapResourceId(item), status: c.status, errorCode: c.code, message: c.message });
          out.set(id, undefined);
        }
      }),
    ),
  );
  if (ok > 0) ctx.record({ ...step, status: 'ok', message: `${ok} of ${items.length} read` });
  return out;
}

/** The error code of an AWS SDK error (`name`, or `Code` for some S3 errors). */
export function errorCode(err: unknown): string {
  const e = err as { name?: string; Code?: string; code?: string };
  return String(e?.Code ?? e?.name ?? e?.code ?? '');
}

/** Collects every page of a paginator into one list. */
export async function allPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

/** ISO string of an SDK date (Date or string); `null` when absent or invalid. */
export function isoDate(d: Date | string | undefined | null): string | null {
  if (d === undefined || d === null || d === '') return null;
  const t = new Date(d);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** AWS tag list → record (`undefined` when empty). */
export function tagRecord(tags: Array<{ Key?: string; Value?: string }> | undefined): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const t of tags) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}
