import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module holding package.json. This module runs from the
 * sources (src/version.ts) in a clone and compiled (dist/src/version.js) in the installed package; either way
 * package.json, frameworks/ and reports/ sit at the root.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir + '/';
    const up = dirname(dir);
    if (up === dir) throw new Error(`vigil: no package.json above ${fileURLToPath(import.meta.url)}; the installation is incomplete, reinstall it`);
    dir = up;
  }
}

/** Absolute path of the package root (where package.json, frameworks/ and reports/ live), with a trailing slash. */
export const PACKAGE_ROOT = packageRoot();

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

export const TOOL_NAME = 'vigil';
export const TOOL_VERSION: string = pkg.version;
