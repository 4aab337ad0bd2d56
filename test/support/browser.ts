/**
 * Headless Chromium for the report tests and the load-time benchmark: Debian's `chromium` (installed by
 * .ci/run) driven by playwright-core, with a fresh profile directory per launch and no background traffic.
 * A missing browser is an error that says how to install it, never a skipped test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/version.js';

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where tests leave screenshots: `test-output/` at the repository root (ignored by git). */
export function testOutputDir(sub: string): string {
  const dir = join(PACKAGE_ROOT, 'test-output', sub);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(timeoutMs = 30_000): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`headless Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set VIGIL_CHROMIUM to its path)`);
  const profile = mkdtempSync(join(tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: timeoutMs });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
