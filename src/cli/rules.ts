import { Command, Option } from 'commander';
import { builtinRules } from '../../policies/index.js';
import { listBuiltinFrameworks } from '../engine/frameworks.js';
import type { Rule } from '../engine/types.js';
import { InputError } from '../util/errors.js';

const formatOption = (): Option => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

/** The framework controls (built-in packs) that map a rule, as `framework/control` with the control's title and the rationale. */
export function controlsOfRule(ruleId: string): Array<{ framework: string; control: string; title: string; rationale: string }> {
  return listBuiltinFrameworks().flatMap((fw) =>
    fw.controls.flatMap((c) =>
      (c.rules ?? []).filter((r) => r.id === ruleId).map((r) => ({ framework: fw.id, control: c.id, title: c.title, rationale: r.rationale })),
    ),
  );
}

/** A rule as `--format json` prints it: its metadata, tunables and the controls it evidences. */
function ruleJson(r: Rule, withControls: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: r.id,
    pack: r.pack,
    title: r.title,
    severity: r.severity,
    resourceTypes: r.resourceTypes,
    inputs: r.inputs ?? [],
    description: r.description,
    risk: r.risk,
    remediation: r.remediation,
    references: r.references,
    defaults: r.defaults ?? {},
    precision: r.precision ?? 'high',
  };
  if (withControls) out.controls = controlsOfRule(r.id);
  return out;
}

export function rulesCommand(): Command {
  const cmd = new Command('rules').description('list the rules, or explain one');
  cmd
    .command('list', { isDefault: true })
    .description('list every rule: id, severity, pack, title')
    .option('--pack <name>', 'only this pack')
    .addOption(formatOption())
    .action((flags: { pack?: string; format: string }) => {
      const rules = builtinRules.filter((r) => !flags.pack || r.pack === flags.pack);
      if (flags.format === 'json') {
        process.stdout.write(
          JSON.stringify(
            rules.map((r) => ruleJson(r, true)),
            null,
            2,
          ) + '\n',
        );
        return;
      }
      const w = Math.max(...rules.map((r) => r.id.length), 2);
      for (const r of rules) process.stdout.write(`${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${r.pack.padEnd(15)}  ${r.title}\n`);
      process.stdout.write(`${rules.length} rules\n`);
    });
  cmd
    .command('show')
    .description('explain one rule: what it checks, why, how to fix, tunables')
    .argument('<id>', 'rule id')
    .addOption(formatOption())
    .action((id: string, flags: { format: string }) => {
      const r = builtinRules.find((x) => x.id === id);
      if (!r) throw new InputError(`unknown rule "${id}"`, undefined, 'vigil rules show', 'run `vigil rules` for the list of rule ids');
      if (flags.format === 'json') {
        process.stdout.write(JSON.stringify(ruleJson(r, true), null, 2) + '\n');
        return;
      }
      const controls = controlsOfRule(r.id);
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
        '',
        controls.length ? 'Evidences these framework controls:' : 'Evidences no control of the built-in framework packs.',
        ...controls.map((c) => `  ${c.framework} ${c.control}  ${c.title} — ${c.rationale}`),
      ];
      process.stdout.write(out.join('\n') + '\n');
    });
  return cmd;
}
