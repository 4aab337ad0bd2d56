import { Command, Option } from 'commander';
import type { TrendPoint } from '../engine/history-types.js';
import { SEVERITIES } from '../engine/types.js';
import { HistoryStore, type RunSummary, parseStoreUrl, trendPoint } from '../history/index.js';
import { stripControls } from '../reporters/common.js';
import { InputError } from '../util/errors.js';
import { parsePositiveInt } from './options.js';
import { type CommandIo, processIo } from './upload.js';

interface StoreFlags {
  store?: string | true;
  format: 'table' | 'json';
}

const clean = (s: string, max = 60): string => {
  const t = stripControls(s);
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
};

/** A table: columns padded to their widest cell (every cell already cleaned). */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const scope = (r: RunSummary): string => {
  const byProvider = new Map<string, number>();
  for (const s of r.scopes) byProvider.set(s.provider, (byProvider.get(s.provider) ?? 0) + 1);
  return [...byProvider].map(([p, n]) => (n === 1 ? `${p} ${r.scopes.find((s) => s.provider === p)?.account ?? ''}` : `${p} ×${n}`)).join(', ');
};

/** Opens the store of a reading command: never creates one. */
async function withStore<T>(flags: StoreFlags, fn: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await HistoryStore.open(parseStoreUrl(flags.store ?? true), { create: false });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const storeOption = () => new Option('--store [url]', 'history store: sqlite:PATH (default vigil-out/history.db) or postgres://USER@HOST/DB');
const formatOption = () => new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table');

export function renderRunList(runs: RunSummary[]): string {
  if (!runs.length) return 'no run recorded yet';
  return table(
    ['RUN', 'STARTED', 'COMMAND', 'SCOPE', 'FAIL', 'UNKNOWN', 'GAPS', 'SCORES'],
    runs.map((r) => [
      clean(r.runId, 80),
      r.startedAt,
      r.command,
      clean(scope(r), 40),
      String(SEVERITIES.reduce((n, s) => n + r.openBySeverity[s], 0)),
      String(r.byStatus.unknown),
      String(r.coverageGaps),
      r.frameworks.map((f) => `${clean(f.id, 20)} ${pct(f.score)}`).join(' · '),
    ]),
  );
}

export function renderTrend(points: TrendPoint[], frameworks: string[]): string {
  if (!points.length) return 'no run recorded yet';
  const head = ['RUN', 'STARTED', ...frameworks.map((f) => clean(f, 20).toUpperCase()), 'CRIT', 'HIGH', 'MED', 'LOW', 'INFO', 'UNKNOWN', 'GAPS'];
  return table(
    head,
    points.map((p) => [
      clean(p.runId, 80),
      p.startedAt,
      ...frameworks.map((f) => {
        const s = p.scores[f];
        return s === undefined ? '-' : s === null ? 'n/a' : `${s.toFixed(1)}%`;
      }),
      ...SEVERITIES.map((s) => String(p.openBySeverity[s])),
      String(p.unknown),
      String(p.coverageGaps),
    ]),
  );
}

export function historyCommand(io: CommandIo = processIo()): Command {
  const cmd = new Command('history').description('runs recorded in the history store (--store on audit / evaluate): list, show, trend');

  cmd
    .command('list')
    .description('recorded runs, newest first')
    .addOption(storeOption())
    .addOption(formatOption())
    .option('--limit <n>', 'at most n runs (default 50)', parsePositiveInt('--limit'), 50)
    .action(async (flags: StoreFlags & { limit: number }) => {
      await withStore(flags, async (store) => {
        const runs = await store.runs(flags.limit);
        io.out(flags.format === 'json' ? JSON.stringify({ store: store.label, runs }, null, 2) : renderRunList(runs));
      });
    });

  cmd
    .command('show')
    .description('one run: metadata, framework scores, counts, coverage gaps and failures')
    .argument('<run>', 'run id, last or previous')
    .addOption(storeOption())
    .addOption(formatOption())
    .option('--limit <n>', 'table: at most n failures and gaps (default 50)', parsePositiveInt('--limit'), 50)
    .action(async (ref: string, flags: StoreFlags & { limit: number }) => {
      await withStore(flags, async (store) => {
        const run = await store.resolve(ref, '<run>');
        if (!run) throw new InputError(`no ${ref} run in the history store`, store.label, '<run>', 'record runs with `vigil audit --store …` first');
        const doc = await store.findingsDoc(run);
        const failures = doc.findings.filter((f) => f.status === 'fail');
        if (flags.format === 'json') {
          io.out(JSON.stringify({ store: store.label, run, coverageGaps: doc.snapshot.coverage.gaps, failures, compliance: doc.compliance ?? [] }, null, 2));
          return;
        }
        const out = [
          `Run ${clean(run.runId, 128)} (${run.command}, Vigil ${clean(run.toolVersion, 30)})`,
          `  started ${run.startedAt}, finished ${run.finishedAt}, recorded ${run.recordedAt}, ${(run.durationMs / 1000).toFixed(1)} s`,
          `  scope: ${clean(scope(run), 200)}; ${run.resourceCount} resources, ${run.rules.length} rules`,
          `  findings: ${run.findings} (pass ${run.byStatus.pass}, fail ${run.byStatus.fail}, unknown ${run.byStatus.unknown}, n/a ${run.byStatus.not_applicable}; ${run.suppressed} suppressed)`,
          `  open failures: ${SEVERITIES.map((s) => `${s} ${run.openBySeverity[s]}`).join(', ')}`,
          `  coverage gaps: ${run.coverageGaps}`,
        ];
        if (run.shards) out.push(`  shards: ${run.shards.count}${run.shards.missing.length ? `, MISSING ${run.shards.missing.join(', ')}` : ', all present'}`);
        for (const f of run.frameworks) out.push(`  ${clean(f.id, 40)} ${clean(f.version, 20)}: ${pct(f.score)}`);
        const lim = <T>(xs: T[]) => xs.slice(0, flags.limit);
        if (failures.length) {
          out.push('', `Failures (${failures.length}):`);
          for (const f of lim(failures))
            out.push(
              `  ${f.severity.toUpperCase().padEnd(8)} ${clean(f.ruleId, 80)}  ${clean(f.resource.name ?? f.resource.id, 100)} [${clean(f.resource.account, 40)} ${clean(f.resource.region, 30)}]${f.suppressed ? ' (suppressed)' : ''}`,
            );
          if (failures.length > flags.limit) out.push(`  … and ${failures.length - flags.limit} more (--limit, or --format json)`);
        }
        const gaps = doc.snapshot.coverage.gaps;
        if (gaps.length) {
          out.push('', `Coverage gaps (${gaps.length}):`);
          for (const g of lim(gaps))
            out.push(
              `  ${clean(g.provider, 10)} ${clean(g.account, 40)} ${clean(g.region, 30)} ${clean(g.service, 30)}:${clean(g.operation, 60)} ${clean(g.status, 20)}${g.errorCode ? ` ${clean(g.errorCode, 60)}` : ''}`,
            );
          if (gaps.length > flags.limit) out.push(`  … and ${gaps.length - flags.limit} more`);
        }
        io.out(out.join('\n'));
      });
    });

  cmd
    .command('trend')
    .description('compliance score per framework and open failures by severity over the last runs, oldest first')
    .addOption(storeOption())
    .addOption(formatOption())
    .option('--framework <id>', 'only this framework’s score')
    .option('--last <n>', 'the last n runs (default 20)', parsePositiveInt('--last'), 20)
    .action(async (flags: StoreFlags & { framework?: string; last: number }) => {
      await withStore(flags, async (store) => {
        const runs = (await store.runs(flags.last)).reverse();
        const points = runs.map(trendPoint);
        const known = [...new Set(runs.flatMap((r) => r.frameworks.map((f) => f.id)))].sort();
        if (flags.framework !== undefined && !known.includes(flags.framework))
          throw new InputError(
            `no recorded run of the last ${flags.last} has framework "${flags.framework}"`,
            store.label,
            '--framework',
            known.length ? `use one of ${known.join(', ')}` : 'record runs with --framework first',
          );
        const fws = flags.framework !== undefined ? [flags.framework] : known;
        if (flags.framework !== undefined) for (const p of points) p.scores = { [flags.framework]: p.scores[flags.framework] ?? null };
        io.out(flags.format === 'json' ? JSON.stringify({ store: store.label, frameworks: fws, trend: points }, null, 2) : renderTrend(points, fws));
      });
    });
  return cmd;
}
