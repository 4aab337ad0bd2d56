import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationResult } from '../../src/engine/types.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { REPORT_FORMATS, reporters, writeReports } from '../../src/reporters/index.js';
import type { ReportFormat, Reporter } from '../../src/reporters/types.js';
import { sampleResult } from './fixtures.js';
import { InputError } from '../../src/util/errors.js';

describe('writeReports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-reports-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const leftovers = async () => (await readdir(dir)).filter((n) => n.startsWith('.vigil-tmp-'));

  it('writes every requested format and returns the paths', async () => {
    const out = join(dir, 'nested', 'out');
    const written = await writeReports(sampleResult(), out, ['json', 'sarif', 'html', 'json']);
    expect(written).toEqual(['findings.json', 'compliance.json', 'vigil.sarif', 'report.html'].map((n) => join(out, n)));
    expect((await readdir(out)).sort()).toEqual(['compliance.json', 'findings.json', 'report.html', 'vigil.sarif']);
    expect(JSON.parse(await readFile(join(out, 'vigil.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(await readFile(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(Object.keys(reporters).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  it('replaces an existing report whole', async () => {
    await writeFile(join(dir, 'findings.json'), 'x'.repeat(2_000_000));
    const result = sampleResult();
    await writeReports(result, dir, ['json']);
    expect(await readFile(join(dir, 'findings.json'), 'utf8')).toBe(renderFindingsJson(result));
    expect(await leftovers()).toEqual([]);
  });

  it('leaves the earlier reports untouched when a reporter fails', async () => {
    await writeReports(sampleResult(), dir, ['json', 'html']);
    const before = await readFile(join(dir, 'findings.json'), 'utf8');
    const beforeHtml = await readFile(join(dir, 'report.html'), 'utf8');
    const broken = sampleResult();
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    broken.findings[0].evidence = loop; // JSON.stringify throws on the cycle
    await expect(writeReports(broken, dir, ['html', 'json'])).rejects.toThrow(/circular/i);
    expect(await readFile(join(dir, 'findings.json'), 'utf8')).toBe(before);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe(beforeHtml);
    expect(await leftovers()).toEqual([]);
  });

  it('leaves the earlier file intact and no temporary file behind when a write fails', async () => {
    await writeFile(join(dir, 'findings.json'), '{"earlier":true}');
    // A reporter whose output cannot be written: the write fails after the temporary file was opened.
    const failing: Reporter = { format: 'json', render: () => [{ name: 'findings.json', content: 42 as unknown as string }] };
    const registry = { ...reporters, json: failing } as Record<ReportFormat, Reporter>;
    await expect(writeReports(sampleResult(), dir, ['json'], registry)).rejects.toThrow();
    expect(await readFile(join(dir, 'findings.json'), 'utf8')).toBe('{"earlier":true}');
    expect(await leftovers()).toEqual([]);
  });

  it('leaves no temporary file behind when the final rename fails', async () => {
    await mkdir(join(dir, 'report.html', 'x'), { recursive: true }); // a non-empty directory where the file goes
    await expect(writeReports(sampleResult(), dir, ['html'])).rejects.toThrow();
    expect(await leftovers()).toEqual([]);
    expect(await readdir(join(dir, 'report.html'))).toEqual(['x']);
  });

  it('removes SARIF split files left by an earlier, larger run', async () => {
    await writeFile(join(dir, 'vigil-2.sarif'), '{}');
    await writeFile(join(dir, 'vigil-3.sarif'), '{}');
    await writeFile(join(dir, 'notes-2.sarif'), 'keep');
    const written = await writeReports(sampleResult() as EvaluationResult, dir, ['sarif']);
    expect(written).toEqual([join(dir, 'vigil.sarif')]);
    expect((await readdir(dir)).sort()).toEqual(['notes-2.sarif', 'vigil.sarif']);
  });

  it('removes a compliance.json left by an earlier run with frameworks when this run has none', async () => {
    await writeReports(sampleResult(), dir, ['json']);
    expect((await readdir(dir)).sort()).toEqual(['compliance.json', 'findings.json']);
    const noFrameworks = sampleResult();
    noFrameworks.compliance = undefined;
    await writeReports(noFrameworks, dir, ['sarif']); // json not requested: json files are not this run's to touch
    expect((await readdir(dir)).sort()).toEqual(['compliance.json', 'findings.json', 'vigil.sarif']);
    await writeReports(noFrameworks, dir, ['json']);
    expect((await readdir(dir)).sort()).toEqual(['findings.json', 'vigil.sarif']);
  });

  it('turns a file-system refusal into an input error naming the path and the flag', async () => {
    await writeFile(join(dir, 'taken'), 'a file where the output directory should be');
    const err = await writeReports(sampleResult(), join(dir, 'taken', 'out'), ['json']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe()).toMatch(/taken\/out\/findings\.json: cannot write the file \(ENOTDIR: .*\)\n {2}fix: choose a writable location with --out$/);
  });
});
