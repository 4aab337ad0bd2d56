/**
 * The container image's Dockerfile, read as Docker would (instructions, `\` continuations, stages). No Docker
 * engine runs here or in CI, so the image itself is never built by the tests: this checks what the image must
 * be (Node 20 slim, non-root, the compiled package and its production dependencies only, `vigil` as the entry
 * point) and that everything it copies from the context exists and is not excluded by .dockerignore.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage: comments dropped, continuation lines joined. */
function parseDockerfile(text: string): { from: string; name?: string; steps: Instruction[] }[] {
  const stages: { from: string; name?: string; steps: Instruction[] }[] = [];
  const logical = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of logical) {
    const m = /^([A-Z]+)\s+(.*)$/.exec(line);
    if (!m?.[1] || m[2] === undefined) throw new Error(`not an instruction: ${line}`);
    const op = m[1];
    const args = m[2].replace(/\s+/g, ' ');
    if (op === 'FROM') {
      const [from = '', , name] = args.split(' ');
      stages.push({ from, name, steps: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${op} before FROM`);
      stage.steps.push({ op, args });
    }
  }
  return stages;
}

const text = readFileSync(join(PACKAGE_ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(text);
const [build, runtime] = stages;
const ignored = readFileSync(join(PACKAGE_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; engines: { node: string } };
const steps = (s: typeof build, op: string) => (s?.steps ?? []).filter((x) => x.op === op).map((x) => x.args);

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, both on Node 20 slim', () => {
    expect(stages.map((s) => [s.from, s.name])).toEqual([
      ['node:20-slim', 'build'],
      ['node:20-slim', undefined],
    ]);
    expect(pkg.engines.node).toBe('>=20');
  });

  it('builds the package with every dependency, then keeps the production ones (with their built native modules)', () => {
    const run = steps(build, 'RUN').join(' && ');
    expect(run).toMatch(/npm ci\b/);
    expect(run).not.toMatch(/--ignore-scripts/); // better-sqlite3's binding is built or fetched by its install script
    expect(run).toMatch(/npm prune --omit=dev/);
  });

  it('runs the compiled package only, as a non-root user, with `vigil` as the entry point', () => {
    const copies = steps(runtime, 'COPY');
    expect(copies).toEqual(
      expect.arrayContaining(['package.json ./', '--from=build /src/node_modules ./node_modules', '--from=build /src/dist/src ./dist/src']),
    );
    // From the build context the runtime stage takes data only: no sources or tests.
    const fromContext = copies.filter((c) => !c.startsWith('--from=')).map((c) => c.split(' ')[0]);
    expect(fromContext.sort()).toEqual(['frameworks', 'package.json', 'reports']);
    expect(steps(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/);
    expect(steps(runtime, 'RUN').join(' ')).toContain(`/opt/vigil/${pkg.bin.vigil}`);
    const users = steps(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(steps(runtime, 'ENTRYPOINT')).toEqual(['["vigil"]']);
    expect(steps(runtime, 'ENV').join(' ')).toContain('NODE_ENV=production');
  });

  it('copies from the context only what exists and what .dockerignore lets through', () => {
    const sources = stages.flatMap((s) =>
      steps(s, 'COPY')
        .filter((c) => !c.startsWith('--from='))
        .flatMap((c) => c.split(' ').slice(0, -1)),
    );
    expect(sources.length).toBeGreaterThan(5);
    for (const src of sources) {
      expect([src, existsSync(join(PACKAGE_ROOT, src))]).toEqual([src, true]);
      expect([src, ignored.filter((i) => src === i || src.startsWith(`${i}/`))]).toEqual([src, []]);
    }
    // What the image must not carry from a developer's checkout.
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });
});
