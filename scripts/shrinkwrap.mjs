#!/usr/bin/env node
/**
 * `prepack` / `postpack`: the published tarball carries npm-shrinkwrap.json, a copy of package-lock.json, so
 * `npm install -g @vigil-scanner/cli` installs exactly the dependency tree the tests ran with (npm's advice for
 * command-line tools installed globally; for a security scanner it also means no transitive update reaches a
 * user's CI unreviewed). The clone keeps package-lock.json only: postpack removes the copy (`--remove`).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.argv.includes('--remove')) rmSync(`${root}/npm-shrinkwrap.json`, { force: true });
else copyFileSync(`${root}/package-lock.json`, `${root}/npm-shrinkwrap.json`);
