import { Command } from 'commander';
import { collect } from '../collectors/index.js';
import { loadConfig } from '../engine/config.js';
import { checkOutputFile, ensureOutputDir, writeOutput } from '../reporters/index.js';
import { addCollectOptions, addEvaluateOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { beginPhase } from './timings.js';
import { InputError } from '../util/errors.js';
import { type CollectFlags, collectOptions, discoverAndProbeTls, progressListener } from './collection.js';
import { type EvaluateFlags, evaluateAndReport, planEvaluation } from './pipeline.js';

function discoveryPorts(value: string | true): number[] {
  if (value === true) return [443];
  return value.split(',').map((p) => {
    const n = Number(p.trim());
    if (!Number.isInteger(n) || n < 1 || n > 65535)
      throw new InputError(`"${p}" is not a port`, undefined, '--tls-discover', 'pass a comma list of ports, e.g. --tls-discover 443,8443');
    return n;
  });
}

export function auditCommand(): Command {
  const cmd = new Command('audit').description('collect, evaluate and report in one run');
  addCollectOptions(cmd);
  addEvaluateOptions(cmd);
  cmd.option('--snapshot <file>', 'also save the collected snapshot to this file');
  cmd.option('--tls-discover [ports]', 'also probe TLS on instances the snapshot shows reachable from the internet (default port 443; comma list)');
  cmd.action(async (flags: CollectFlags & EvaluateFlags & { config?: string; snapshot?: string; tlsDiscover?: string | true }) => {
    const { config, file } = await loadConfig(flags.config);
    const options = await collectOptions(flags, config);
    // Every setting is checked before the collection, which can take minutes: a typo fails now.
    const plan = await planEvaluation(flags, config, file);
    const ports = flags.tlsDiscover ? discoveryPorts(flags.tlsDiscover) : undefined;
    await ensureOutputDir(plan.outDir, '--out');
    if (flags.snapshot) await checkOutputFile(flags.snapshot, '--snapshot');
    beginPhase('collection');
    const progress = progressListener(flags.progress !== false && !flags.quiet);
    let snapshot = await collect({ ...options, onProgress: progress.listener });
    if (ports) snapshot = await discoverAndProbeTls(snapshot, ports, { ...options, onProgress: progress.listener });
    progress.done();
    if (flags.snapshot) await writeOutput(flags.snapshot, JSON.stringify(snapshot), '--snapshot');
    const { code } = await evaluateAndReport(snapshot, { flags, config, configFile: file, plan });
    setExitCode(cmd, code);
  });
  return cmd;
}
