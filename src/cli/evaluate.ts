import { Command } from 'commander';
import { loadConfig } from '../engine/config.js';
import { loadSnapshot } from '../model/schema.js';
import { addEvaluateOptions, addRunIdOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { type EvaluateFlags, evaluateAndReport } from './pipeline.js';
import { type SignalFlags, addSignalOptions, armSignals } from './signal-options.js';

export function evaluateCommand(): Command {
  const cmd = new Command('evaluate')
    .description('evaluate a saved snapshot (no network) and write the reports')
    .argument('<snapshot>', 'snapshot file written by `vigil collect`');
  addEvaluateOptions(cmd);
  addSignalOptions(cmd);
  addRunIdOptions(cmd, true);
  cmd.action(async (file: string, flags: EvaluateFlags & SignalFlags & { config?: string }) => {
    const signals = await armSignals(cmd, flags);
    const { config, file: configFile } = await loadConfig(flags.config);
    const snapshot = await loadSnapshot(file);
    const { code } = await evaluateAndReport(snapshot, { flags, config, configFile, command: 'evaluate', ...signals });
    setExitCode(cmd, code);
  });
  return cmd;
}
