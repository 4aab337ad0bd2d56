import { Command } from 'commander';
import { builtinRules } from '../../policies/index.js';
import { InputError } from '../util/errors.js';

export function rulesCommand(): Command {
  const cmd = new Command('rules').description('list the rules, or explain one');
  cmd
    .command('list', { isDefault: true })
    .description('list every rule: id, severity, pack, title')
    .option('--pack <name>', 'only this pack')
    .action((flags: { pack?: string }) => {
      const rules = builtinRules.filter((r) => !flags.pack || r.pack === flags.pack);
      const w = Math.max(...rules.map((r) => r.id.length), 2);
      for (const r of rules) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.pack.padEnd(15)}  ${r.title}\n`);
      process.stdout.write(`${rules.length} rules\n`);
    });
  cmd
    .command('show')
    .description('explain one rule: what it checks, why, how to fix, tunables')
    .argument('<id>', 'rule id')
    .action((id: string) => {
      const r = builtinRules.find((x) => x.id === id);
      if (!r) throw new InputError(`unknown rule "${id}"`, undefined, 'vigil rules show', 'run `vigil rules` for the list of rule ids');
      const out = [
        `${r.id}  (${r.severity}, pack ${r.pack})`,
        r.title,
        '',
        r.description,
        '',
        `Risk: ${r.risk}`,
        '',
        'Remediation:',
        r.remediation,
        '',
        `Resource types: ${r.resourceTypes.join(', ')}${r.inputs?.length ? `; also reads ${r.inputs.join(', ')}` : ''}`,
        r.defaults && Object.keys(r.defaults).length ? `Tunables (vigil.config.yaml → rules.${r.id}.options): ${JSON.stringify(r.defaults)}` : 'Tunables: none',
        '',
        'References:',
        ...r.references.map((u) => `  ${u}`),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
  return cmd;
}
