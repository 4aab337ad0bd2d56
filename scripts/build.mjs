#!/usr/bin/env node
/**
 * `npm run build` (run by `prepare`, so by `npm ci` in a clone and by `npm pack`): compiles src/ and policies/
 * with tsc into dist/ (incremental: a build with nothing changed takes a second), copies the generated JSON
 * Schema beside the compiled model and writes the validators generated from it (validators.cjs), and removes
 * compiled files whose source is gone. frameworks/ and reports/ are read at the package root (src/version.ts),
 * so nothing else is copied; nothing is rewritten by hand.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: tsc failed (errors above)');
  process.exit(1);
}

const generated = join(root, 'src', 'model', 'generated');
mkdirSync(join(dist, 'src', 'model', 'generated'), { recursive: true });
for (const f of readdirSync(generated).filter((x) => x.endsWith('.json'))) copyFileSync(join(generated, f), join(dist, 'src', 'model', 'generated', f));

// The snapshot validators as generated code: the installed package does not compile ~100 schemas at every start.
const { standaloneValidatorCode } = await import(pathToFileURL(join(dist, 'src', 'model', 'schema.js')).href);
const validatorsFile = join(dist, 'src', 'model', 'generated', 'validators.cjs');
writeFileSync(`${validatorsFile}.tmp`, await standaloneValidatorCode());
renameSync(`${validatorsFile}.tmp`, validatorsFile);

// A source file deleted or renamed since the last build leaves its compiled files behind: remove them.
const compiled = /\.(d\.ts|js)$/;
function prune(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, e.name);
    if (e.isDirectory()) {
      prune(file);
      if (readdirSync(file).length === 0) rmSync(file, { recursive: true });
    } else if (compiled.test(e.name)) {
      const source = join(root, relative(dist, dirname(file)), e.name.replace(compiled, '.ts'));
      if (!existsSync(source)) rmSync(file);
    }
  }
}
prune(dist);
chmodSync(join(dist, 'src', 'cli', 'vigil.js'), 0o755);
console.log(`build: ${relative(process.cwd(), dist) || '.'} is up to date`);
