import { readdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../util/errors.js';
import { isInputType, isResourceType } from '../model/registry.js';
import { SEVERITIES, type Rule, type RuleDefinition } from './types.js';

const RULE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs']);
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

let tsLoader: Promise<void> | undefined;

/**
 * TypeScript rule modules need a loader. Running from the sources (the dev CLI through tsx, jest through swc)
 * one is in place already; the compiled package registers tsx's ES module hooks here, the first time a
 * directory holds a `.ts` rule, and never otherwise (it is no start-up cost of any other run).
 */
function typeScriptLoader(): Promise<void> {
  if (import.meta.url.endsWith('.ts')) return Promise.resolve();
  tsLoader ??= import('tsx/esm/api').then((m) => {
    m.register();
  });
  return tsLoader;
}

/** Why a module failed to load, with the fix for the usual causes (module format, missing package). */
function loadFailure(err: unknown, file: string): InputError {
  const msg = (err as Error).message ?? String(err);
  const first = msg.split('\n')[0] ?? msg;
  if (/Cannot use import statement outside a module|Unexpected token 'export'|require\(\) ES Module|ERR_REQUIRE_ESM|in a cycle/.test(msg)) {
    return new InputError(
      `cannot load rule module: it is written as an ES module but loaded as CommonJS (${first})`,
      file,
      undefined,
      'rename it to .mjs (or .mts), or add {"type": "module"} to the package.json of its directory; or write it as CommonJS (module.exports = defineRule({...})) in a .cjs file',
    );
  }
  if (/Cannot find (package|module) '@vigil-scanner\/cli/.test(msg)) {
    return new InputError(
      `cannot load rule module: ${first}`,
      file,
      undefined,
      'install the rule API where the rules live: npm install --save-dev @vigil-scanner/cli (or drop the import: defineRule only adds types)',
    );
  }
  return new InputError(`cannot load rule module: ${first}`, file, undefined, 'fix the module so that it imports and default-exports defineRule({...})');
}

/** The rule a module exports: ESM `export default`, CommonJS `module.exports =`, or a transpiled `exports.default`. */
function exportedRule(mod: { default?: unknown }): unknown {
  const d = mod.default as { default?: unknown; __esModule?: boolean } | undefined;
  if (d && typeof d === 'object' && d.default && typeof d.default === 'object' && !('id' in d)) return d.default;
  return d;
}

/** Problems with a rule module's shape, as sentences (empty when it is well-formed). */
export function ruleProblems(rule: unknown, expectedId?: string): string[] {
  const r = rule as Partial<RuleDefinition> | undefined;
  if (!r || typeof r !== 'object') return ['the module has no default export of defineRule({...})'];
  const out: string[] = [];
  if (typeof r.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) out.push('`id` must be kebab-case');
  else if (expectedId && r.id !== expectedId) out.push(`\`id\` "${r.id}" must equal the file name "${expectedId}"`);
  for (const k of ['title', 'description', 'risk', 'remediation'] as const)
    if (typeof r[k] !== 'string' || !r[k]) out.push(`\`${k}\` must be a non-empty string`);
  if (!SEVERITIES.includes(r.severity as never)) out.push(`\`severity\` must be one of ${SEVERITIES.join(', ')}`);
  if (!Array.isArray(r.resourceTypes) || r.resourceTypes.length === 0) out.push('`resourceTypes` must list at least one resource type');
  else
    for (const t of r.resourceTypes as unknown[])
      if (typeof t !== 'string' || !isResourceType(t)) out.push(`\`resourceTypes\`: unknown resource type ${JSON.stringify(t)} (\`vigil types\` lists them)`);
  if (r.inputs !== undefined) {
    if (!Array.isArray(r.inputs)) out.push('`inputs` must be an array of types');
    else
      for (const t of r.inputs as unknown[])
        if (typeof t !== 'string' || !isInputType(t)) out.push(`\`inputs\`: unknown type ${JSON.stringify(t)} (\`vigil types\` lists them)`);
  }
  if (!Array.isArray(r.references)) out.push('`references` must be an array of URLs');
  if (!r.messages || typeof r.messages !== 'object' || Object.keys(r.messages).length === 0) out.push('`messages` must map message ids to templates');
  if (typeof r.evaluate !== 'function') out.push('`evaluate` must be a function');
  return out;
}

/** Loads user rule modules (same `defineRule` API) from a directory. Each file's default export is one rule. */
export async function loadRulesDir(dir: string, existing: Rule[]): Promise<Rule[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).filter((f) => RULE_EXTENSIONS.has(extname(f)) && !f.endsWith('.d.ts') && !f.startsWith('index.')).sort();
  } catch (err) {
    throw new InputError(
      `cannot read rules directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      dir,
      undefined,
      'check the --rules-dir path',
    );
  }
  const taken = new Set(existing.map((r) => r.id));
  const out: Rule[] = [];
  if (entries.some((f) => TS_EXTENSIONS.has(extname(f)))) await typeScriptLoader();
  for (const f of entries) {
    const file = join(dir, f);
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
    } catch (err) {
      throw loadFailure(err, file);
    }
    const id = basename(f, extname(f));
    const exported = exportedRule(mod);
    const problems = ruleProblems(exported, id);
    if (problems.length)
      throw new InputError(`not a valid rule: ${problems.join('; ')}`, file, 'default export', 'see policies/network/ for examples of rule modules');
    const rule = exported as RuleDefinition;
    if (taken.has(rule.id)) throw new InputError(`rule id "${rule.id}" is already taken`, file, 'id', 'rename the file and its id');
    taken.add(rule.id);
    out.push({ ...rule, pack: `custom:${basename(resolve(dir))}`, source: file });
  }
  return out;
}
