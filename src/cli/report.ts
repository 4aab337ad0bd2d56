import { Command } from 'commander';
import { awsResourceTypes } from '../collectors/aws/index.js';
import { loadConfig } from '../engine/config.js';
import { loadSnapshotFiles } from '../fleet/files.js';
import { type MergedRun, RUN_ID, mergeShardSnapshots } from '../fleet/merge.js';
import { stripControls } from '../reporters/common.js';
import { ensureOutputDir } from '../reporters/index.js';
import { ExitCode, InputError } from '../util/errors.js';
import { addEvaluateOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { collectList, parsePositiveInt } from './options.js';
import { type EvaluateFlags, evaluateAndReport, planEvaluation } from './pipeline.js';

interface ReportFlags extends EvaluateFlags {
  from?: string[];
  run?: string;
  wait?: number;
  config?: string;
}

const POLL_MS = 5000;

/** Merges the inputs; with `waitS`, polls (bounded) until no shard of the run is missing. */
async function mergeWaiting(flags: ReportFlags, print: (s: string) => void): Promise<MergedRun> {
  const deadline = Date.now() + (flags.wait ?? 0) * 1000;
  for (;;) {
    const left = deadline - Date.now();
    let merged: MergedRun;
    try {
      merged = mergeShardSnapshots(await loadSnapshotFiles(flags.from!), { runId: flags.run, awsTypes: awsResourceTypes() });
    } catch (err) {
      // While waiting, no shard yet (the directory not even created) is a reason to wait, not to stop.
      if (!(err instanceof InputError) || left <= 0 || !/no snapshot to merge|no shard of run|cannot read \(ENOENT\)/.test(err.message)) throw err;
      print(`waiting for the first shard (${Math.ceil(left / 1000)} s left): ${err.message}`);
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
      continue;
    }
    if (merged.summary.missing.length === 0 || left <= 0) return merged;
    print(
      `waiting for shard${merged.summary.missing.length === 1 ? '' : 's'} ${merged.summary.missing.join(', ')} of ${merged.summary.shardCount} (${Math.ceil(left / 1000)} s left)`,
    );
    await new Promise((r) => setTimeout(r, Math.min(POLL_MS, left)));
  }
}

function summaryLine(m: MergedRun): string {
  const s = m.summary;
  const run = s.runId ? `run ${stripControls(s.runId)}` : 'snapshots';
  if (s.shardCount === null) return `Merged ${run}: no fleet snapshot among the inputs`;
  const parts = [`Merged ${run}: ${s.present.length}/${s.shardCount} shard${s.shardCount === 1 ? '' : 's'}`];
  if (s.missing.length)
    parts.push(
      `MISSING shard${s.missing.length === 1 ? '' : 's'} ${s.missing.join(', ')} (${s.missingAccounts.length} account${s.missingAccounts.length === 1 ? '' : 's'} not audited: coverage gaps, their checks unknown)`,
    );
  for (const k of s.skipped) parts.push(`skipped ${k.source} (${stripControls(k.reason)})`);
  return parts.join('\n  ');
}

export function reportCommand(): Command {
  const cmd = new Command('report').description('merge the shard snapshots of a fleet run (vigil collect --shard) and write one set of reports');
  cmd.option('--from <paths>', 'shard snapshot files, or directories of them (*.json); repeatable', collectList);
  cmd.option('--run <id>', 'the run to report (--run-id of its shards); needed when the inputs hold several runs');
  cmd.option('--wait <seconds>', 'wait up to this long for missing shards before reporting without them', parsePositiveInt('--wait'));
  addEvaluateOptions(cmd);
  cmd.action(async (flags: ReportFlags) => {
    if (!flags.from?.length) {
      throw new InputError(
        'nothing to report',
        undefined,
        '--from',
        'pass --from DIR (or files) with the shard snapshots; a PostgreSQL-backed --run without --from is not available yet',
      );
    }
    if (flags.run !== undefined && !RUN_ID.test(flags.run))
      throw new InputError(`"${flags.run}" is not a run id`, undefined, '--run', 'use 1–128 characters of letters, digits and ._:-');
    const { config, file } = await loadConfig(flags.config);
    const plan = await planEvaluation(flags, config, file);
    await ensureOutputDir(plan.outDir, '--out');
    const print = (t: string) => process.stderr.write(t + '\n');
    const merged = await mergeWaiting(flags, print);
    if (!flags.quiet) process.stdout.write(summaryLine(merged) + '\n\n');
    const { code } = await evaluateAndReport(merged.snapshot, { flags, config, configFile: file, plan });
    // An incomplete run is never reported as clean.
    setExitCode(cmd, code === ExitCode.Ok && merged.summary.missing.length ? ExitCode.IncompleteCollection : code);
  });
  return cmd;
}
