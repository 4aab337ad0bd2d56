import type { RuleDefinition } from '../../src/engine/types.js';

/** The encryption pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: RuleDefinition<any, any>[] = [];
