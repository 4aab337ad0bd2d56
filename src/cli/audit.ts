import { Command } from 'commander';
import { collect } from '../collectors/index.js';
import { loadConfig } from '../engine/config.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { addCollectOptions, addEvaluateOptions } from './common-options.js';
import { setExitCode } from './exit.js';
import { type CollectFlags, type EvaluateFlags, collectOptions, evaluateAndReport, progressListener } from './pipeline.js';

export function auditCommand(): Command {
  const cmd = new Command('audit').description('collect, evaluate and report in one run');
  addCollectOptions(cmd);
  addEvaluateOptions(cmd);
  cmd.option('--snapshot <file>', 'also save the collected snapshot to this file');
  cmd.action(async (flags: CollectFlags & EvaluateFlags & { config?: string; snapshot?: string }) => {
    const { config, file } = await loadConfig(flags.config);
    const options = await collectOptions(flags, config);
    const progress = progressListener(flags.progress !== false && !flags.quiet);
    const snapshot = await collect({ ...options, onProgress: progress.listener });
    progress.done();
    if (flags.snapshot) await writeFileAtomic(flags.snapshot, JSON.stringify(snapshot));
    const { code } = await evaluateAndReport(snapshot, { flags, config, configFile: file });
    setExitCode(cmd, code);
  });
  return cmd;
}
