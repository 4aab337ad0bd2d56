import type { AnyRuleDefinition, Rule } from '../src/engine/types.js';
import { preloadCatalog } from './_lib/iam-actions.js';
import { rules as compute } from './compute/index.js';
import { rules as encryption } from './encryption/index.js';
import { rules as leastPrivilege } from './least-privilege/index.js';
import { rules as logging } from './logging/index.js';
import { rules as network } from './network/index.js';
import { rules as tls } from './tls/index.js';

/** Rule packs by folder name. Explicit: no registration by import side effect. */
export const packs: Record<string, AnyRuleDefinition[]> = {
  network,
  'least-privilege': leastPrivilege,
  encryption,
  logging,
  tls,
  compute,
};

/**
 * Work the built-in packs can do before there is a snapshot: loading the pinned IAM action catalogue, which the
 * least-privilege rules' effective permissions read. `vigil audit` runs it during the collection.
 */
export async function prepareBuiltinRules(rules: readonly Rule[]): Promise<void> {
  if (rules.some((r) => r.pack === 'least-privilege')) await preloadCatalog();
}

/** Every built-in rule, tagged with its pack. */
export const builtinRules: Rule[] = Object.entries(packs).flatMap(([pack, rules]) => rules.map((r) => ({ ...r, pack })));
