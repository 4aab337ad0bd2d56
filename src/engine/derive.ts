import type { InputType } from '../model/registry.js';
import type { SnapshotIndex } from './types.js';

/**
 * A join several rules need (an identity's effective permissions over all its policies, an instance's exposure
 * path through routes, security groups and NACLs), computed once per evaluation by the derive stage, before
 * any rule runs, and read by rules through `ctx.derived(derivation)`.
 *
 * Derivations are pure functions of the snapshot (and of other derivations, through `get`): no module-level
 * caches, so two evaluations never share state and a snapshot evaluates the same every time.
 */
export interface Derivation<T> {
  /** Kebab-case, unique (shown in timings and errors). */
  readonly id: string;
  /** The types it reads, for documentation and the meta tests. */
  readonly inputs: readonly InputType[];
  compute(index: SnapshotIndex, get: <U>(d: Derivation<U>) => U): T;
}

export function defineDerivation<T>(d: Derivation<T>): Derivation<T> {
  return d;
}

/** The derived data of one evaluation. */
export interface DerivedData {
  get<T>(d: Derivation<T>): T;
  /** Milliseconds per derivation id, for `--timings` and the benchmarks. */
  readonly timings: Record<string, number>;
}

/**
 * Runs the derive stage: computes every requested derivation (and what they depend on) once, in dependency
 * order. A derivation that throws is recorded: the rules that need it yield `unknown` with its error.
 */
export function derive(index: SnapshotIndex, wanted: Iterable<Derivation<unknown>>): DerivedData {
  const values = new Map<Derivation<unknown>, { value?: unknown; error?: Error }>();
  const timings: Record<string, number> = {};
  const inProgress = new Set<Derivation<unknown>>();
  const get = <T>(d: Derivation<T>): T => {
    let slot = values.get(d as Derivation<unknown>);
    if (!slot) {
      if (inProgress.has(d as Derivation<unknown>)) throw new Error(`derivation cycle through ${d.id}`);
      inProgress.add(d as Derivation<unknown>);
      const start = performance.now();
      try {
        slot = { value: d.compute(index, get) };
      } catch (err) {
        slot = { error: err instanceof Error ? err : new Error(String(err)) };
      } finally {
        inProgress.delete(d as Derivation<unknown>);
      }
      timings[d.id] = (timings[d.id] ?? 0) + (performance.now() - start);
      values.set(d as Derivation<unknown>, slot);
    }
    if (slot.error) throw new Error(`derived data ${d.id} could not be computed: ${slot.error.message}`);
    return slot.value as T;
  };
  for (const d of wanted) {
    try {
      get(d);
    } catch {
      // recorded in `values`; rules that read it get the error (→ unknown)
    }
  }
  return {
    get: <T>(d: Derivation<T>): T => {
      if (!values.has(d as Derivation<unknown>)) throw new Error(`derivation ${d.id} was not computed: list it in the rule's \`derives\``);
      return get(d);
    },
    timings,
  };
}
