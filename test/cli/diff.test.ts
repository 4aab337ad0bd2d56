import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffCommand } from '../../src/cli/diff.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { openGroupRule } from '../reporters/fixtures.js';
import { runCli } from '../github/cli-harness.js';
import { looseResource as resource } from '../support/loose.js';
import { gap, snapshotOf } from '../support/rule-tester.js';

const SG = 'aws.ec2.security-group';
const sg = (id: string, open: boolean, name?: string) => resource(SG, id, { open }, name ? { name } : {});

function findingsJson(resources: ReturnType<typeof sg>[], coverage = [] as ReturnType<typeof gap>[]): string {
  const snap = snapshotOf(resources, coverage);
  snap.scopes = [{ provider: 'aws', account: '123456789012', regions: ['us-east-1'] }];
  return renderFindingsJson(evaluate(snap, [openGroupRule], { now: new Date('2026-03-01T00:00:00Z') }));
}

describe('vigil diff (CLI)', () => {
  let dir: string;
  const diff = (args: string[]) => runCli('diff', diffCommand, args, { cwd: dir });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-diff-'));
    writeFileSync(join(dir, 'old.json'), findingsJson([sg('sg-1', true), sg('sg-2', false), sg('sg-3', false)]));
    writeFileSync(
      join(dir, 'new.json'),
      findingsJson([sg('sg-1', false), sg('sg-2', true, 'web\u001b]0;pwned\u0007'), sg('sg-3', false)], [gap([SG], { resourceId: 'sg-3' })]),
    );
    const bad = JSON.parse(readFileSync(join(dir, 'new.json'), 'utf8'));
    bad.findings[2].severity = 'urgent';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
  });

  it('text: summary and lists, coverage loss called out, control characters stripped; exit 0 without --fail-on-new', async () => {
    const r = await diff(['old.json', 'new.json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('vigil diff: old.json');
    expect(r.stdout).toContain('  new failures:      1 (high 1)');
    expect(r.stdout).toContain('  resolved:          1');
    expect(r.stdout).toContain('  coverage lost:     1  ← known before, NOT evaluated now');
    expect(r.stdout).toContain('web]0;pwned (sg-2)');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('--fail-on-new: exit 1 at or above the threshold, 0 below it', async () => {
    const hit = await diff(['old.json', 'new.json', '--fail-on-new', 'high']);
    expect(hit.code).toBe(1);
    expect(hit.stderr).toContain('1 new failure(s) at or above high (--fail-on-new)');
    expect((await diff(['old.json', 'new.json', '--fail-on-new', 'critical'])).code).toBe(0);
    expect((await diff(['new.json', 'new.json', '--fail-on-new', 'info'])).code).toBe(0);
  });

  it('--format json --out: writes the JSON atomically (no temp file left) and prints only the summary', async () => {
    const r = await diff(['old.json', 'new.json', '--format', 'json', '--out', 'out/diff.json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('wrote out/diff.json');
    expect(r.stdout).not.toContain('New failures (');
    const j = JSON.parse(readFileSync(join(dir, 'out', 'diff.json'), 'utf8'));
    expect(j.summary).toMatchObject({ newFailures: 1, resolved: 1, coverageLost: 1 });
    expect(j.coverageLost[0]).toMatchObject({ was: 'pass', now: 'unknown' });
    expect(readdirSync(join(dir, 'out'))).toEqual(['diff.json']);
  });

  it('--format json to stdout parses as JSON', async () => {
    const r = await diff(['old.json', 'new.json', '--format', 'json']);
    expect(JSON.parse(r.stdout).resolved[0].resource.id).toBe('sg-1');
  });

  it('bad input exits 2 naming the file and JSON path; nothing is written', async () => {
    const r = await diff(['old.json', 'bad.json', '--out', 'never.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: $.findings[2].severity: must be one of');
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
    expect((await diff(['old.json', 'missing.json'])).stderr).toContain('missing.json: cannot read findings file (ENOENT)');
    expect((await diff(['old.json', 'new.json', '--format', 'xml'])).code).toBe(2);
    const sev = await diff(['old.json', 'new.json', '--fail-on-new', 'urgent']);
    expect([sev.code, sev.stderr]).toEqual([2, expect.stringContaining('--fail-on-new: unknown severity "urgent"')]);
    expect((await diff(['old.json'])).code).toBe(2);
  });

  it('--out at a directory or under a file: exit 2 naming the path and the flag, no stack trace', async () => {
    for (const out of ['.', 'old.json/diff.json']) {
      const r = await diff(['old.json', 'new.json', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot write the file \((EISDIR|ENOTDIR)[\s\S]*fix: choose a writable location with --out/);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    }
  });
});
