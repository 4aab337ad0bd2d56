import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the package root (where package.json, policies/, frameworks/ and reports/ live). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const TOOL_NAME = 'vigil';
export const TOOL_VERSION: string = pkg.version;
