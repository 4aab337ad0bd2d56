import { Command } from 'commander';
import { prepareBuiltinRules } from '../../policies/index.js';
import { collect } from '../collectors/index.js';
import { loadConfig } from '../engine/config.js';
import { checkOutputFile, ensureOutputDir, writeOutput } from '../reporters/index.js';
import { addCollectOptions, addEvaluateOptions, addRunIdOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { beginPhase } from './timings.js';
import { InputError } from '../util/errors.js';
import { type SignalFlags, addSignalOptions, armSignals } from './signal-options.js';
import { type CollectFlags, collectOptions, discoverAndProbeTls, progressListener } from './collection.js';
import { type EvaluateFlags, evaluateAndReport, openPlanStore, planEvaluation, resolveRunId } from './pipeline.js';

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
  addSignalOptions(cmd);
  addRunIdOptions(cmd, false);
  cmd.option('--snapshot <file>', 'also save the collected snapshot to this file');
  cmd.option(
    '--tls-discover [ports]',
    'also probe TLS on instances the snapshot shows reachable from the internet (default port 443; comma list), internet-facing load balancer listeners, CloudFront distributions and API Gateway custom domains',
  );
  cmd.action(async (flags: CollectFlags & EvaluateFlags & SignalFlags & { config?: string; snapshot?: string; tlsDiscover?: string | true }) => {
    const signals = await armSignals(cmd, flags);
    const { config, file } = await loadConfig(flags.config);
    // With a store, the run id ($VIGIL_RUN_ID, --run-id-from-schedule) is fixed up front: the shards of a fleet
    // run carry it in their snapshots.
    if (flags.store !== undefined) flags.runId = resolveRunId(flags);
    const options = await collectOptions(flags, config);
    // Every setting is checked before the collection, which can take minutes: a typo fails now.
    const plan = await planEvaluation(flags, config, file);
    if (plan.store && options.awsOrganization?.shard && !flags.runId)
      throw new InputError(
        'the shards of one run need one run id',
        undefined,
        '--shard',
        'pass --run-id ID (or set VIGIL_RUN_ID, or --run-id-from-schedule) on every shard',
      );
    const ports = flags.tlsDiscover ? discoveryPorts(flags.tlsDiscover) : undefined;
    await ensureOutputDir(plan.outDir, '--out');
    if (flags.snapshot) await checkOutputFile(flags.snapshot, '--snapshot');
    // The store is opened (and migrated) before the collection too: an unreachable database fails in seconds.
    const store = await openPlanStore(plan);
    try {
      beginPhase('collection');
      // While the collection waits on the network, the rules load what they can without a snapshot.
      const prepared = options.aws ? prepareBuiltinRules(plan.rules).catch(() => undefined) : undefined;
      const progress = progressListener(flags.progress !== false && !flags.quiet);
      let snapshot = await collect({ ...options, onProgress: progress.listener });
      await prepared;
      if (ports) snapshot = await discoverAndProbeTls(snapshot, ports, { ...options, onProgress: progress.listener });
      progress.done();
      if (flags.snapshot) await writeOutput(flags.snapshot, JSON.stringify(snapshot), '--snapshot');
      const { code } = await evaluateAndReport(snapshot, { flags, config, configFile: file, plan, store, command: 'audit', runId: flags.runId, ...signals });
      setExitCode(cmd, code);
    } finally {
      await store?.close();
    }
  });
  return cmd;
}
