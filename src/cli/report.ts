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
import { type EvaluateFlags, evaluateAndReport, openPlanStore, planEvaluation } from './pipeline.js';
import type { HistoryStore } from '../history/index.js';
import type { ShardSnapshot } from '../fleet/merge.js';

interface ReportFlags extends EvaluateFlags {
  from?: string[];
  run?: string;
  wait?: number;
  config?: string;
  allowPartial?: boolean;
}

const POLL_MS = 5000;

/** Merges the inputs; with `waitS`, polls (bounded) until no shard of the run is missing. */
async function mergeWaiting(flags: ReportFlags, print: (s: string) => void, store?: HistoryStore): Promise<MergedRun> {
  const deadline = Date.now() + (flags.wait ?? 0) * 1000;
  for (;;) {
    const left = deadline - Date.now();
    let merged: MergedRun;
    try {
      const inputs: ShardSnapshot[] = [];
      if (store && flags.run) inputs.push(...(await store.shardSnapshots(flags.run)));
      if (flags.from?.length) inputs.push(...(await loadSnapshotFiles(flags.from)));
      if (store && flags.run && !inputs.length)
        throw new InputError(
          `no shard of run ${flags.run} was found`,
          store.label,
          '--run',
          'check the run id: each shard records with `vigil audit --store … --run-id ID --shard i/N`',
        );
      merged = mergeShardSnapshots(inputs, { runId: flags.run, awsTypes: awsResourceTypes() });
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
  cmd.option('--allow-partial', '(--store) report and record the run even when shards are missing (their accounts are coverage gaps)');
  addEvaluateOptions(cmd);
  cmd.action(async (flags: ReportFlags) => {
    if (!flags.from?.length && flags.store === undefined) {
      throw new InputError('nothing to report', undefined, '--from', 'pass --from DIR (or files) with the shard snapshots, or --store URL --run RUN_ID');
    }
    if (flags.store !== undefined && flags.run === undefined)
      throw new InputError('--store needs the run to merge', undefined, '--run', 'pass --run RUN_ID (the --run-id of its shards)');
    if (flags.allowPartial && flags.store === undefined)
      throw new InputError('--allow-partial applies to a run merged from the store', undefined, '--allow-partial', 'add --store URL --run RUN_ID');
    if (flags.run !== undefined && !RUN_ID.test(flags.run))
      throw new InputError(`"${flags.run}" is not a run id`, undefined, '--run', 'use 1–128 characters of letters, digits and ._:-');
    const { config, file } = await loadConfig(flags.config);
    const plan = await planEvaluation(flags, config, file);
    await ensureOutputDir(plan.outDir, '--out');
    const print = (t: string) => process.stderr.write(t + '\n');
    const store = await openPlanStore(plan);
    try {
      const merged = await mergeWaiting(flags, print, store);
      if (!flags.quiet) process.stdout.write(summaryLine(merged) + '\n\n');
      const missing = merged.summary.missing;
      if (store && missing.length && !flags.allowPartial) {
        // The merged run is reported (and recorded) once, whole: until then it is only said what is missing.
        process.stderr.write(
          `vigil: run ${stripControls(flags.run ?? '')} is incomplete: shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${merged.summary.shardCount} not recorded in ${store.label}; nothing reported or recorded (exit 3). Wait for them (--wait SECONDS), or pass --allow-partial to report without them.\n`,
        );
        setExitCode(cmd, ExitCode.IncompleteCollection);
        return;
      }
      const shards = store && merged.summary.shardCount !== null ? { count: merged.summary.shardCount, missing } : undefined;
      const { code } = await evaluateAndReport(merged.snapshot, { flags, config, configFile: file, plan, store, command: 'report', runId: flags.run, shards });
      // An incomplete run is never reported as clean (with --allow-partial, its missing accounts are coverage gaps, so their checks are unknown).
      setExitCode(cmd, code === ExitCode.Ok && missing.length && !flags.allowPartial ? ExitCode.IncompleteCollection : code);
    } finally {
      await store?.close();
    }
  });
  return cmd;
}
