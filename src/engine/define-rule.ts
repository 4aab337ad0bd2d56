import type { RuleDefinition } from './types.js';

/** Identity function that gives rule modules their types. Rules default-export `defineRule({...})`. */
export function defineRule<O = Record<string, unknown>, D = any>(rule: RuleDefinition<O, D>): RuleDefinition<O, D> {
  return rule;
}
