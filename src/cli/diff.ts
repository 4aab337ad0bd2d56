import { Command, Option } from 'commander';
import { isAbsolute, join } from 'node:path';
import { diffFindings, loadFindingsJson, newFailuresAtOrAbove, renderDiffJson, renderDiffSummary, renderDiffText } from '../engine/diff.js';
import { SEVERITIES, type Severity } from '../engine/types.js';
import { writeOutput } from '../reporters/index.js';
import { ExitCode, InputError } from '../util/errors.js';
import { setExitCode } from './exit.js';
import { type CommandIo, processIo } from './upload.js';

interface Flags {
  format: 'text' | 'json';
  out?: string;
  failOnNew?: Severity | 'none';
  limit: number;
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
    .description('compare two findings.json: new failures, resolved, still failing, coverage lost, severity and compliance changes')
    .argument('<old>', 'findings.json of the earlier run')
    .argument('<new>', 'findings.json of the later run')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--out <file>', 'write the output to this file (atomically) and print only the summary')
    .option('--fail-on-new <severity>', 'exit 1 when a new failure (not suppressed) is at or above: critical, high, medium, low, info, none', parseSeverity)
    .option('--limit <n>', 'text lists: at most n lines each (0 = all)', parseLimit, 50);

  cmd.action(async (oldFile: string, newFile: string, flags: Flags) => {
    const at = (f: string): string => (isAbsolute(f) ? f : join(io.cwd(), f));
    const before = await loadFindingsJson(at(oldFile));
    const after = await loadFindingsJson(at(newFile));
    // Name the files as the user typed them.
    before.file = oldFile;
    after.file = newFile;
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
