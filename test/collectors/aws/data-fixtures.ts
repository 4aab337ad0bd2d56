/** Loads the JSON fixtures recorded from moto (test/fixtures/aws/record-data-fixtures.ts) and the hand-written realistic ones. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../src/version.js';

export function fixture<T = any>(service: string, name: string): T {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'aws', service, `${name}.json`), 'utf8')) as T;
}
