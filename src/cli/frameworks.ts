import { Command, Option } from 'commander';
import pc from 'picocolors';
import { builtinRules } from '../../policies/index.js';
import { type Framework, listBuiltinFrameworks, loadFrameworks, rulesForFrameworks } from '../engine/frameworks.js';
import { loadRulesDir } from '../engine/load-rules.js';
import type { Rule } from '../engine/types.js';
import { shouldColor } from '../reporters/terminal.js';
import { InputError } from '../util/errors.js';
import { collectList } from './options.js';

type Colors = ReturnType<typeof pc.createColors>;

const useColor = (): boolean => shouldColor();

/** A pack as `--format json` prints it: its metadata and controls (rules with rationales, or manual). */
export function frameworkJson(fw: Framework, withControls: boolean): Record<string, unknown> {
  const manual = fw.controls.filter((x) => x.manual).length;
  const out: Record<string, unknown> = {
    id: fw.id,
    title: fw.title,
    version: fw.version,
    source: fw.source,
    description: fw.description,
    counts: { controls: fw.controls.length, automated: fw.controls.length - manual, manual, rules: rulesForFrameworks([fw]).size },
  };
  if (fw.file) out.file = fw.file;
  if (withControls) out.controls = fw.controls;
  return out;
}

/** One line per pack: id, title, version, control counts, rules mapped. */
export function renderFrameworkList(frameworks: readonly Framework[], color = false): string {
  const c: Colors = pc.createColors(color);
  const rows = frameworks.map((f) => {
    const manual = f.controls.filter((x) => x.manual).length;
    return [f.id, f.title, f.version, String(f.controls.length), String(f.controls.length - manual), String(manual), String(rulesForFrameworks([f]).size)];
  });
  const head = ['ID', 'TITLE', 'VERSION', 'CONTROLS', 'AUTOMATED', 'MANUAL', 'RULES'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i >= 3 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [c.bold(line(head)), ...rows.map(line), '', c.dim('vigil frameworks show <id> lists the controls and their rules')].join('\n');
}

/** Every control of a pack with its rules and rationales; manual controls marked. */
export function renderFramework(fw: Framework, color = false): string {
  const c: Colors = pc.createColors(color);
  const manual = fw.controls.filter((x) => x.manual).length;
  const out = [
    `${c.bold(fw.title)} (${fw.id}) — version ${fw.version}`,
    `source: ${fw.source}`,
    ...(fw.file ? [`file:   ${fw.file}`] : []),
    '',
    fw.description,
    '',
    `${fw.controls.length} controls: ${fw.controls.length - manual} automated, ${manual} manual; ${rulesForFrameworks([fw]).size} rules mapped`,
  ];
  for (const ctl of fw.controls) {
    out.push('', `${c.bold(ctl.id)}  ${ctl.title}${ctl.manual ? `  ${c.yellow('[manual]')}` : ''}`);
    if (ctl.manual) {
      out.push(`    ${c.dim('attest:')} ${ctl.rationale}`);
      continue;
    }
    const w = Math.max(...(ctl.rules ?? []).map((r) => r.id.length));
    for (const r of ctl.rules ?? []) out.push(`    ${c.cyan(r.id.padEnd(w))}  ${c.dim(r.rationale)}`);
  }
  return out.join('\n');
}

interface Flags {
  format?: string;
  frameworkFile?: string[];
  rulesDir?: string[];
}

/** Built-in packs plus the user's files (validated, their rules checked against built-in and --rules-dir rules). */
async function available(flags: Flags): Promise<Framework[]> {
  const builtin = listBuiltinFrameworks();
  if (!flags.frameworkFile?.length) return builtin;
  const rules: Rule[] = [...builtinRules];
  for (const dir of flags.rulesDir ?? []) rules.push(...(await loadRulesDir(dir, rules)));
  const own = loadFrameworks({ files: flags.frameworkFile, rules });
  for (const fw of own) {
    if (builtin.some((b) => b.id === fw.id))
      throw new InputError(`framework id "${fw.id}" is already used by ${fw.id}.yaml`, fw.file, '$.id', 'give your framework its own id');
  }
  return [...builtin, ...own];
}

function addFileOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--framework-file <file>', 'also load (and validate) a framework pack of your own; repeatable', collectList)
    .option('--rules-dir <dir>', 'directory of your own rule modules that your pack references; repeatable', collectList);
}

/** `vigil frameworks` (list the packs) and `vigil frameworks show <id>` (controls, rules, rationales). */
export function frameworksCommand(): Command {
  const cmd = new Command('frameworks').description('list the compliance framework packs, or show one');
  addFileOptions(
    cmd
      .command('list', { isDefault: true })
      .description('list the framework packs: id, title, version, control counts')
      .action(async (flags: Flags) => {
        const all = await available(flags);
        process.stdout.write(
          (flags.format === 'json'
            ? JSON.stringify(
                all.map((f) => frameworkJson(f, false)),
                null,
                2,
              )
            : renderFrameworkList(all, useColor())) + '\n',
        );
      }),
  );
  addFileOptions(
    cmd
      .command('show')
      .description('show a pack: its controls, the rules mapped to each and why, and the manual controls')
      .argument('<id>', 'framework id (hipaa, soc2, pci-dss-4.0, or the id of a --framework-file)')
      .action(async (id: string, flags: Flags) => {
        const all = await available(flags);
        const fw = all.find((f) => f.id === id);
        if (!fw) throw new InputError(`unknown framework "${id}"`, undefined, 'vigil frameworks show', `use one of: ${all.map((f) => f.id).join(', ')}`);
        process.stdout.write((flags.format === 'json' ? JSON.stringify(frameworkJson(fw, true), null, 2) : renderFramework(fw, useColor())) + '\n');
      }),
  );
  return cmd;
}
