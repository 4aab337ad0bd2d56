#!/usr/bin/env node
/**
 * `npm run build` (run by `prepare`, so by `npm ci` in a clone and by `npm pack`), in three steps:
 *
 * 1. tsc compiles src/ and policies/ into dist/.tsc/ (incremental: a build with nothing changed takes seconds),
 *    the generated JSON Schema is copied beside the compiled model and the validators generated from it are
 *    written (validators.cjs). Compiled files whose source is gone are removed.
 * 2. esbuild links the compiled code into a few files: from the package's entry points (the CLI and the
 *    `exports`), every module of ours and the AWS SDK (`@aws-sdk/*`, `@smithy/*`, from their ES module builds) are
 *    bundled into shared chunks under dist/src/_chunks/, split where the code imports lazily (a command, a
 *    collector, its SDK client), so what loads when is as in the sources. Every other package stays external.
 *    A cold `vigil audit` then reads a few dozen files instead of ~400 modules and ~30 SDK packages
 *    (README, "Architecture notes"). Nothing is minified or renamed.
 * 3. The linked tree, with the declarations and generated files, replaces dist/src and dist/policies.
 *
 * frameworks/ and reports/ are read at the package root (src/version.ts), so nothing else is copied.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const staged = join(dist, '.tsc'); // tsc's output (tsconfig.build.json `outDir`)
const next = join(dist, '.next'); // the linked tree, before it replaces dist/src and dist/policies
const TREES = ['src', 'policies'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: tsc failed (errors above)');
  process.exit(1);
}

const generated = join(root, 'src', 'model', 'generated');
mkdirSync(join(staged, 'src', 'model', 'generated'), { recursive: true });
for (const f of readdirSync(generated).filter((x) => x.endsWith('.json'))) copyFileSync(join(generated, f), join(staged, 'src', 'model', 'generated', f));

// The snapshot validators as generated code: the installed package does not compile ~100 schemas at every start.
const { standaloneValidatorCode } = await import(pathToFileURL(join(staged, 'src', 'model', 'schema.js')).href);
const validatorsFile = join(staged, 'src', 'model', 'generated', 'validators.cjs');
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
      const source = join(root, relative(staged, dirname(file)), e.name.replace(compiled, '.ts'));
      if (!existsSync(source)) rmSync(file);
    }
  }
}
for (const t of TREES) prune(join(staged, t));

/** Every file under `dir`, relative to it. */
const files = (dir, base = dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))]));

// Step 2: link. The entry points are the `bin` and the `exports`; the rules (policies/) are imported by them.
const ENTRIES = ['src/cli/vigil.js', 'src/index.js', 'src/api/rule.js', 'src/api/testing.js'];
const SDK = /^@(aws-sdk|smithy|aws-crypto)\//;
rmSync(next, { recursive: true, force: true });
const all = files(staged).filter((f) => TREES.includes(f.split('/')[0]));
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((f) => join(staged, f)),
  outbase: staged,
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The SDK's ES modules (`module`), which esbuild can tree-shake; `main` for packages without them.
  mainFields: ['module', 'main'],
  keepNames: true,
  legalComments: 'eof',
  chunkNames: 'src/_chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [
    {
      name: 'link-ours-and-the-sdk',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) => {
          // Our modules (relative imports), the SDK, and whatever the SDK's own modules import are linked.
          if (a.kind === 'entry-point' || a.path.startsWith('.') || a.importer.includes(`${join('node_modules', '')}`) || SDK.test(a.path)) return undefined;
          return { external: true }; // every other package
        });
      },
    },
  ],
});
// Declarations and generated assets as tsc and step 1 left them.
for (const f of all.filter((x) => !x.endsWith('.js') && !x.endsWith('.tsbuildinfo'))) {
  mkdirSync(dirname(join(next, f)), { recursive: true });
  copyFileSync(join(staged, f), join(next, f));
}

// Step 3: the linked tree replaces the previous build.
for (const t of TREES) {
  rmSync(join(dist, t), { recursive: true, force: true });
  if (existsSync(join(next, t))) renameSync(join(next, t), join(dist, t));
}
rmSync(next, { recursive: true, force: true });
chmodSync(join(dist, 'src', 'cli', 'vigil.js'), 0o755);
console.log(`build: ${relative(process.cwd(), dist) || '.'} is up to date`);
