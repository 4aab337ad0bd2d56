import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { type FindingsDoc, diffFindings, loadFindingsJson, newFailuresAtOrAbove, renderDiffJson, renderDiffSummary, renderDiffText } from '../engine/diff.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { writeOutput } from '../reporters/index.js';
import { ExitCode, InputError } from '../util/errors.js';
import { setExitCode } from './exit.js';
import { HistoryStore, parseStoreUrl } from '../history/index.js';
import { type CommandIo, processIo } from './upload.js';

interface Flags {
  format: 'text' | 'json';
  out?: string;
  failOnNew?: Severity | 'none';
  limit: number;
  store?: string | true;
}

function parseSeverity(value: string): Severity | 'none' {
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) return value as Severity | 'none';
  throw new InputError(`unknown severity "${value}"`, undefined, '--fail-on-new', `use one of ${[...SEVERITIES, 'none'].join(', ')}`);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`"${value}" is not a whole number ≥ 0`, undefined, '--limit', 'pass e.g. --limit 20 (0 lists everything)');
  return n;
}

export function diffCommand(io: CommandIo = processIo()): Command {
  const cmd = new Command('diff')
    .description(
      'compare two findings.json (or two runs of a history store): new failures, resolved, still failing, coverage lost, severity and compliance changes',
    )
    .argument('<old>', 'findings.json of the earlier run; with --store also a run id, last or previous')
    .argument('<new>', 'findings.json of the later run; with --store also a run id, last or previous')
    .option('--store [url]', 'read run ids, last and previous from this history store (default sqlite:vigil-out/history.db)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the output to this file (atomically) and print only the summary')
    .option('--fail-on-new <severity>', 'exit 1 when a new failure (not suppressed) is at or above: critical, high, medium, low, info, none', parseSeverity)
    .option('--limit <n>', 'text lists: at most n lines each (0 = all)', parseLimit, 50);

  cmd.action(async (oldFile: string, newFile: string, flags: Flags) => {
    const at = (f: string): string => (isAbsolute(f) ? f : join(io.cwd(), f));
    // With --store, an argument that is not an existing file is a run of the store (an id, last or previous).
    const store = flags.store === undefined ? undefined : await HistoryStore.open(parseStoreUrl(flags.store), { create: false });
    const load = async (arg: string, which: string): Promise<FindingsDoc> => {
      const isFile = await stat(at(arg)).then(
        (s) => s.isFile(),
        () => false,
      );
      if (store && (!isFile || arg === 'last' || arg === 'previous')) {
        const run = await store.resolve(arg, which);
        if (!run) throw new InputError(`no ${arg} run in the history store`, store.label, which, 'record runs with `vigil audit --store …` first');
        return store.findingsDoc(run);
      }
      const doc = await loadFindingsJson(at(arg));
      // Name the files as the user typed them.
      doc.file = arg;
      return doc;
    };
    let before: FindingsDoc;
    let after: FindingsDoc;
    try {
      before = await load(oldFile, '<old>');
      after = await load(newFile, '<new>');
    } finally {
      await store?.close();
    }
    const diff = diffFindings(before, after);
    const output = flags.format === 'json' ? renderDiffJson(diff) : renderDiffText(diff, flags.limit);
    if (flags.out) {
      await writeOutput(at(flags.out), output, '--out');
      io.out(renderDiffSummary(diff));
      io.out(`wrote ${flags.out}`);
    } else io.out(output.replace(/\n$/, ''));

    const threshold = flags.failOnNew;
    const over = threshold && threshold !== 'none' ? newFailuresAtOrAbove(diff, threshold) : [];
    if (over.length) io.err(`vigil: ${over.length} new failure(s) at or above ${threshold} (--fail-on-new)`);
    setExitCode(cmd, over.length ? ExitCode.Findings : ExitCode.Ok);
  });
  return cmd;
}
