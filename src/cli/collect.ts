import { Command } from 'commander';
import { collect } from '../collectors/index.js';
import { loadConfig } from '../engine/config.js';
import { checkOutputFile, writeOutput } from '../reporters/index.js';
import { fleetSummaryLines } from '../fleet/accounts.js';
import { fleetOf } from '../fleet/merge.js';
import { stripControls } from '../reporters/common.js';
import { ExitCode } from '../util/errors.js';
import { runSecrets } from '../model/redaction.js';
import { addCollectOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { beginPhase } from './timings.js';
import { type CollectFlags, collectOptions, progressListener } from './collection.js';

export function collectCommand(): Command {
  const cmd = new Command('collect').description('collect a snapshot only (no evaluation)');
  addCollectOptions(cmd);
  cmd
    .option('--out <file>', 'snapshot file to write', 'snapshot.json')
    .option('--config <file>', 'config file (default ./vigil.config.yaml when present)')
    .option('--strict', 'exit 3 when collection was incomplete (coverage gaps)');
  cmd.action(async (flags: CollectFlags & { out: string; config?: string; strict?: boolean }) => {
    const { config } = await loadConfig(flags.config);
    const options = await collectOptions(flags, config);
    await checkOutputFile(flags.out, '--out'); // before collecting: a bad path must not cost a whole collection
    beginPhase('collection');
    const progress = progressListener(flags.progress !== false);
    const snapshot = await collect({ ...options, onProgress: progress.listener });
    progress.done();
    await writeOutput(flags.out, JSON.stringify(snapshot, null, 1), '--out');
    const gaps = snapshot.coverage.filter((c) => c.status !== 'ok' && c.status !== 'not_applicable');
    process.stdout.write(
      `snapshot: ${flags.out} (${snapshot.resources.length} resources, ${snapshot.coverage.length} collection steps, ${gaps.length} coverage gaps)\n`,
    );
    // Error codes and regions come from the endpoint: no control characters reach the terminal.
    for (const g of gaps.slice(0, 10))
      process.stdout.write(
        `  gap: ${runSecrets.redact(stripControls(`${g.provider} ${g.account} ${g.region} ${g.service}:${g.operation} ${g.status}${g.errorCode ? ` (${g.errorCode})` : ''}`))}\n`,
      );
    if (gaps.length > 10) process.stdout.write(`  … and ${gaps.length - 10} more\n`);
    const fleet = fleetOf(snapshot);
    if (fleet) for (const line of fleetSummaryLines(fleet, stripControls)) process.stdout.write(line + '\n');
    // An organization scan that could audit no account assessed nothing: never a clean exit.
    const none = fleet && !fleet.accounts.some((a) => a.outcome === 'audited') && fleet.accounts.some((a) => a.outcome === 'failed');
    setExitCode(cmd, (flags.strict && gaps.length) || none ? ExitCode.IncompleteCollection : ExitCode.Ok);
  });
  return cmd;
}
