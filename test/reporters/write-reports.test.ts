import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluationResult } from '../../src/engine/types.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { manifestFiles, REPORT_FORMATS, reporters, writeOutput, writeReports } from '../../src/reporters/index.js';
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
    expect((await readdir(out)).sort()).toEqual(['compliance.json', 'findings.json', 'report.html', 'vigil-manifest.json', 'vigil.sarif']);
    const manifest = JSON.parse(await readFile(join(out, 'vigil-manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { name: string; format: string }) => `${f.format}:${f.name}`)).toEqual([
      'json:findings.json',
      'json:compliance.json',
      'sarif:vigil.sarif',
      'html:report.html',
    ]);
    expect(await manifestFiles(out, 'sarif')).toEqual([join(out, 'vigil.sarif')]);
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
    broken.findings[0]!.evidence = loop; // JSON.stringify throws on the cycle
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
    expect((await readdir(dir)).sort()).toEqual(['notes-2.sarif', 'vigil-manifest.json', 'vigil.sarif']);
  });

  it('a directory holds one run: reports of formats or frameworks the later run did not write are removed', async () => {
    await writeReports(sampleResult(), dir, ['json', 'html', 'sarif']);
    await writeFile(join(dir, 'notes.txt'), 'keep');
    const noFrameworks = sampleResult();
    noFrameworks.compliance = undefined;
    await writeReports(noFrameworks, dir, ['json']);
    expect((await readdir(dir)).sort()).toEqual(['findings.json', 'notes.txt', 'vigil-manifest.json']);
    await writeReports(noFrameworks, dir, ['sarif']);
    expect((await readdir(dir)).sort()).toEqual(['notes.txt', 'vigil-manifest.json', 'vigil.sarif']);
  });

  it('a write failing midway (a full disk) leaves the earlier set whole: no file of the new run, the old manifest', async () => {
    await writeReports(sampleResult(), dir, ['sarif', 'html', 'json']);
    const before = Object.fromEntries(await Promise.all((await readdir(dir)).map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
    // json is written last; sarif and html were already on disk under temporary names when it fails.
    const failing: Reporter = { format: 'json', render: () => [{ name: 'findings.json', content: 42 as unknown as string }] };
    const changed = sampleResult();
    changed.evaluatedAt = '2031-01-01T00:00:00.000Z';
    await expect(writeReports(changed, dir, ['sarif', 'html', 'json'], { ...reporters, json: failing } as Record<ReportFormat, Reporter>)).rejects.toThrow();
    const after = Object.fromEntries(await Promise.all((await readdir(dir)).map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
    expect(after).toEqual(before);
  });

  it('removes temporary files that killed runs left behind, and keeps those of a run still writing', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    await writeFile(join(dir, `.vigil-tmp-${dead}-0a1b2c3d4e5f-findings.json`), 'x'.repeat(1000));
    await writeFile(join(dir, '.vigil-tmp-report.html-0a1b2c3d4e5f'), 'older versions: no pid');
    const old = new Date(Date.now() - 2 * 3_600_000);
    await utimes(join(dir, '.vigil-tmp-report.html-0a1b2c3d4e5f'), old, old);
    const live = `.vigil-tmp-${process.ppid}-0a1b2c3d4e5f-vigil.sarif`; // a live process's write in progress
    await writeFile(join(dir, live), 'in progress');
    await writeReports(sampleResult(), dir, ['json']);
    expect(await leftovers()).toEqual([live]);
  });

  it('writes through special files (a FIFO, a symlink to one, as /dev/stdout is) instead of replacing them', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await symlink(fifo, join(dir, 'stdout'));
    for (const target of [fifo, join(dir, 'stdout')]) {
      // A reader that is there before the write (a non-blocking read end opens at once); the content fits the pipe buffer.
      const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        await writeOutput(target, '{"through":true}', '--out');
        const buf = Buffer.alloc(100);
        expect(buf.subarray(0, readSync(reader, buf)).toString()).toBe('{"through":true}');
      } finally {
        closeSync(reader);
      }
      expect((await lstat(fifo)).isFIFO()).toBe(true);
    }
    expect((await lstat(join(dir, 'stdout'))).isSymbolicLink()).toBe(true);
    expect(await leftovers()).toEqual([]);
    // No reader: a clear error at once, not a write blocked forever.
    const err = await writeOutput(fifo, 'x', '--out').catch((e: unknown) => e);
    expect((err as InputError).describe()).toMatch(/pipe: cannot write the file \(ENXIO/);
  });

  it("an output directory under /proc fails at once (Node's recursive mkdir spins there)", async () => {
    const err = await writeReports(sampleResult(), '/proc/nope/out', ['json']).catch((e: unknown) => e);
    expect((err as InputError).describe()).toMatch(/^\/proc\/nope\/out: cannot create the output directory \(ENOENT\)/);
    const err2 = await writeOutput('/proc/nope/snap.json', '{}', '--out').catch((e: unknown) => e);
    expect((err2 as InputError).describe()).toMatch(/cannot write the file \(ENOENT/);
  });

  it('turns a file-system refusal into an input error naming the path and the flag', async () => {
    await writeFile(join(dir, 'taken'), 'a file where the output directory should be');
    const err = await writeReports(sampleResult(), join(dir, 'taken', 'out'), ['json']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe()).toMatch(
      /taken\/out: cannot create the output directory \(ENOTDIR\)\n {2}fix: choose a writable location with --out$/,
    );
  });
});
