#!/usr/bin/env node
// The development entry point: runs the TypeScript sources (src/cli/vigil.ts) through tsx, so a clone works
// without a build. The installed package runs the compiled dist/src/cli/vigil.js instead (package.json `bin`).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

// Only tsx's ES module hooks: CommonJS `require` keeps Node's own behaviour (a `.js` rule module written as ESM
// in a CommonJS package must still be rejected as the installed package rejects it).
registerTsx();
// `@vigil-scanner/cli/rule` and `/testing` (imported by rule modules under --rules-dir) resolve to the sources,
// through the package's `vigil-source` export condition, instead of dist/ (which a clone may not have built).
register(
  'data:text/javascript,' +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return next(s, c.conditions.includes("vigil-source") ? c : { ...c, conditions: [...c.conditions, "vigil-source"] }); }',
    ),
);
await import('./vigil.ts');
