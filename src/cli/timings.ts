/**
 * `VIGIL_TIMINGS=1`: where the time of a run goes, as one line on stderr at the end
 * (`vigil-timings {"start":…,"collection":…,"evaluation":…,"reporting":…,"total":…}`, milliseconds since the
 * process started). `start` is everything before the first phase: Node, the CLI's modules, the config and the
 * settings checked up front. `npm run bench -- audit-e2e` reads it; nothing is measured when it is unset.
 */
import { performance } from 'node:perf_hooks';

export type Phase = 'collection' | 'evaluation' | 'reporting';

const enabled = (): boolean => !!process.env.VIGIL_TIMINGS && process.env.VIGIL_TIMINGS !== '0';
const marks: { phase: Phase; at: number }[] = [];

/** The phase that starts now (ends the previous one). */
export function beginPhase(phase: Phase): void {
  if (enabled()) marks.push({ phase, at: performance.now() });
}

/** Durations per phase, in ms (rounded), ending now; empty when timings are off or no phase began. */
export function phaseDurations(now = performance.now()): Record<string, number> {
  if (!enabled() || marks.length === 0) return {};
  const out: Record<string, number> = { start: Math.round(marks[0]?.at ?? now) };
  marks.forEach((m, i) => {
    out[m.phase] = Math.round((out[m.phase] ?? 0) + (marks[i + 1]?.at ?? now) - m.at);
  });
  out.total = Math.round(now);
  return out;
}

/** Prints the line (only with VIGIL_TIMINGS set and at least one phase begun). */
export function printTimings(write: (s: string) => void = (s) => process.stderr.write(s)): void {
  const d = phaseDurations();
  if (Object.keys(d).length) write(`vigil-timings ${JSON.stringify(d)}\n`);
}
