/**
 * Vigil's library API: collect() → snapshot, evaluate() → findings, writeReports() → files.
 * The CLI (src/cli) is a thin layer over these.
 */
export { collect, mergeOutputs, type CollectOptions } from './collectors/index.js';
export { evaluate, type EvaluateOptions } from './engine/evaluate.js';
export { defineRule } from './engine/define-rule.js';
export { loadConfig, parseConfig, type VigilConfig } from './engine/config.js';
export { loadSnapshot, parseSnapshot, snapshotSchema } from './model/schema.js';
export { writeReports, reporters } from './reporters/index.js';
export { builtinRules, packs } from '../policies/index.js';
export type * from './model/types.js';
export type * from './engine/types.js';
