/**
 * The Prometheus text exposition format (version 0.0.4), the one node_exporter's textfile collector and the
 * Pushgateway read: `# HELP` and `# TYPE` once per family, then its samples, all lines of a family together.
 * Label values are escaped as the format requires (backslash, double quote, line feed); HELP text escapes
 * backslash and line feed. Names are checked here, so a typo in a metric name fails in the tests, not in a
 * scrape that drops the whole file.
 */

export type MetricType = 'gauge' | 'counter' | 'untyped';

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** Lone surrogates are not valid UTF-8: they become U+FFFD (String#toWellFormed is ES2024). */
export const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `\` → `\\`, `"` → `\"`, line feed → `\n`; lone surrogates (not valid UTF-8) become U+FFFD. */
export function escapeLabelValue(v: string): string {
  return wellFormed(v).replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** HELP text: `\` → `\\` and line feed → `\n`. */
export function escapeHelp(v: string): string {
  return wellFormed(v).replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

/** Go's strconv formatting as Prometheus reads it: integers without exponent, NaN, +Inf, -Inf. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Renders families in order; throws on an invalid name or a series given twice (a scrape would reject the file). */
export function renderExposition(families: MetricFamily[]): string {
  const seenFamilies = new Set<string>();
  const out: string[] = [];
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new Error(`invalid metric name "${f.name}"`);
    if (seenFamilies.has(f.name)) throw new Error(`metric family "${f.name}" given twice`);
    seenFamilies.add(f.name);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    const seenSeries = new Set<string>();
    for (const s of f.samples) {
      const entries = Object.entries(s.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [k] of entries) if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid label name "${k}" on ${f.name}`);
      const labels = entries.length ? `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
      if (seenSeries.has(labels)) throw new Error(`series ${f.name}${labels} given twice`);
      seenSeries.add(labels);
      out.push(`${f.name}${labels} ${formatValue(s.value)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/**
 * Reads the value of one sample without labels (e.g. `vigil_last_success_timestamp_seconds 1764720000`) from
 * an exposition text: how a run that did not succeed keeps the previous run's last-success time.
 */
export function readSampleValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    const m = /^(?:\{\})?[ \t]+(\S+)/.exec(rest);
    if (!m?.[1]) continue;
    const v = Number(m[1]);
    if (Number.isFinite(v)) return v;
  }
  return undefined;
}
