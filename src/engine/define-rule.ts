import type { ResourceType } from '../model/registry.js';
import type { AnyRuleDefinition, Rule, RuleDefinition } from './types.js';

/**
 * Gives a rule module its types: the resource types, message ids and tunables are inferred from the object,
 * so `evaluate` receives its type's data and may only return the message ids of `messages`.
 * Rules default-export `defineRule({...})`.
 */
export function defineRule<const T extends ResourceType, M extends string, O extends object = Record<string, never>>(
  rule: RuleDefinition<T, M, O>,
): RuleDefinition<T, M, O> {
  return rule;
}

/** A rule definition placed in a pack (what the engine runs). */
export function inPack<T extends ResourceType, M extends string, O extends object>(pack: string, rule: RuleDefinition<T, M, O>): Rule {
  return { ...(rule as unknown as AnyRuleDefinition), pack };
}
