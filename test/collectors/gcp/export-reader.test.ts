import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { GIVE_UP_AFTER_BAD_RECORDS, MAX_REPORTED_BAD_RECORDS, readExportFile, readExports } from '../../../src/collectors/gcp/export-reader.js';
import { GcpInventory } from '../../../src/collectors/gcp/inventory.js';
import { InputError } from '../../../src/util/errors.js';

const FIX = 'test/fixtures/gcp';
const f = (name: string) => `${FIX}/${name}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-gcp-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function inputError(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('export reader', () => {
  it('reads resource and iam-policy JSON lines and a search-all-iam-policies JSON array, detecting each format', async () => {
    const { files, inventory } = await readExports([f('resources.jsonl'), f('iam.jsonl'), f('search-iam.json')]);
    expect(files.map((s) => [s.format, s.records, s.malformed])).toEqual([
      ['json-lines', 29, 0],
      ['json-lines', 5, 0],
      ['json-array', 3, 0],
    ]);
    const { resources, coverage, counts } = inventory.finish();
    expect(coverage).toEqual([]);
    expect(counts).toEqual({
      'gcp.compute.firewall': 8,
      'gcp.compute.ssl-policy': 2,
      'gcp.compute.target-https-proxy': 2,
      'gcp.compute.disk': 2,
      'gcp.sql.instance': 3,
      'gcp.storage.bucket': 2,
      'gcp.kms.crypto-key': 4,
      'gcp.iam.service-account': 2,
      'gcp.iam.service-account-key': 3,
      'gcp.iam.policy': 7,
    });
    expect(new Set(resources.map((r) => r.ref.account))).toEqual(new Set(['acme-prod', 'acme-dev', 'folders/444444444444', 'organizations/555555555555']));
  });

  it('records a malformed line with file:line, as a warning and a coverage gap, and reads the rest', async () => {
    const inv = new GcpInventory();
    const stats = await readExportFile(f('malformed.jsonl'), inv);
    expect(stats).toMatchObject({ records: 2, malformed: 2 });
    const { resources, coverage, warnings } = inv.finish();
    expect(resources.map((r) => r.ref.name).sort()).toEqual(['acme-scratch', 'malformed-neighbour-1']);
    expect(warnings).toEqual([
      expect.stringMatching(/^test\/fixtures\/gcp\/malformed\.jsonl:2: not valid JSON/),
      expect.stringMatching(/malformed\.jsonl:5: neither a Cloud Asset record/),
    ]);
    // Line 2 still names its type and project: the gap is narrowed to them.
    expect(coverage[0]).toMatchObject({
      provider: 'gcp',
      account: 'acme-prod',
      service: 'cloudasset',
      operation: 'ReadExport',
      resourceTypes: ['gcp.compute.firewall'],
      status: 'error',
    });
    expect(coverage[0]!.message).toMatch(/malformed\.jsonl:2:/);
    // Line 5 names nothing: every GCP type is incomplete.
    expect(coverage[1]).toMatchObject({ account: 'unknown', status: 'error' });
    expect(coverage[1]!.resourceTypes).toContain('gcp.iam.policy');
  });

  it('rejects a file that is not an export, naming the file, line and fix', async () => {
    const e1 = await inputError(readExports([f('not-an-export.txt')]));
    expect(e1.file).toBe(f('not-an-export.txt'));
    expect(e1.place).toBe('line 1');
    expect(e1.describe()).toMatch(/not a Cloud Asset export.*\n {2}fix: pass the newline-delimited JSON written by `gcloud asset export/);
    const e2 = await inputError(readExports([f('wrong-shape.jsonl')]));
    expect(e2.place).toBe('line 1');
    expect(e2.message).toMatch(/no readable record/);
    const e3 = await inputError(readExports([join(dir, 'missing.jsonl')]));
    expect(e3.message).toMatch(/cannot read export file \(ENOENT\)/);
    expect((await inputError(readExports([dir]))).message).toMatch(/cannot read export file \(EISDIR\)/);
    const big = Buffer.from(readFileSync(f('resources.jsonl'), 'utf8').repeat(20));
    const truncatedGz = join(dir, 'truncated.jsonl.gz');
    const gz = gzipSync(big);
    await writeFile(truncatedGz, gz.subarray(0, gz.length >> 1));
    expect((await inputError(readExports([truncatedGz]))).message).toMatch(/cannot read export file \(Z_BUF_ERROR\)|unexpected end/);
  });

  it('gives up early on a long file with no readable record', async () => {
    const p = join(dir, 'garbage.jsonl');
    await writeFile(p, '{"x":1}\n'.repeat(GIVE_UP_AFTER_BAD_RECORDS + 500));
    const e = await inputError(readExports([p]));
    expect(e.place).toBe('line 1');
  });

  it('summarizes malformed lines beyond the per-file limit', async () => {
    const good = readFileSync(f('resources.jsonl'), 'utf8').split('\n')[1];
    const p = join(dir, 'many-bad.jsonl');
    await writeFile(p, `${good}\n${'{oops\n'.repeat(MAX_REPORTED_BAD_RECORDS + 7)}`);
    const inv = new GcpInventory();
    expect(await readExportFile(p, inv)).toMatchObject({ records: 1, malformed: MAX_REPORTED_BAD_RECORDS + 7 });
    const { coverage, warnings } = inv.finish();
    expect(coverage).toHaveLength(MAX_REPORTED_BAD_RECORDS + 1);
    expect(warnings.at(-1)).toMatch(/7 more malformed records/);
  });

  it('streams a pretty-printed JSON array, CRLF lines, a BOM and gzip', async () => {
    const results = JSON.parse(readFileSync(f('search-iam.json'), 'utf8')) as unknown[];
    const pretty = join(dir, 'pretty.json');
    await writeFile(pretty, `\uFEFF\r\n${JSON.stringify(results, null, 4).replace(/\n/g, '\r\n')}\r\n`);
    expect(await readExportFile(pretty, new GcpInventory())).toMatchObject({ format: 'json-array', records: 3, malformed: 0 });
    const gz = join(dir, 'resources.jsonl.gz');
    await writeFile(gz, gzipSync(readFileSync(f('resources.jsonl'))));
    expect(await readExportFile(gz, new GcpInventory())).toMatchObject({ format: 'json-lines', records: 29 });
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '\n\n');
    expect(await readExportFile(empty, new GcpInventory())).toMatchObject({ format: 'empty', records: 0 });
  });

  it('reports bad elements of a JSON array with their line and reads the others', async () => {
    const p = join(dir, 'bad-array.json');
    await writeFile(
      p,
      '[\n{"resource":"//storage.googleapis.com/b","policy":{"bindings":[]}},\n42,\n{"resource":"//x/y","policy":{"bindings":[{"members":["allUsers"]}]}},\n{"resource":"//storage.googleapis.com/c","policy":{"bindings":[{"role":"r","members":["a]"]}]}}\n]\n',
    );
    const inv = new GcpInventory();
    expect(await readExportFile(p, inv)).toMatchObject({ records: 2, malformed: 2 });
    expect(inv.finish().warnings).toEqual([
      expect.stringMatching(/bad-array\.json:3: neither/),
      expect.stringMatching(/bad-array\.json:4: policy\.bindings\[0\] has no role/),
    ]);
    const truncated = join(dir, 'truncated.json');
    await writeFile(truncated, '[{"resource":"//storage.googleapis.com/b","policy":{"bindings":[]}},\n{"resource":"//storage.googleapis.com/c","pol');
    const inv2 = new GcpInventory();
    expect(await readExportFile(truncated, inv2)).toMatchObject({ records: 1, malformed: 1 });
    expect(inv2.finish().warnings[0]).toMatch(/truncated\.json:2: truncated/);
  });

  it('streams a large generated export (50,000 lines, 200 MB) without holding it', async () => {
    const p = join(dir, 'large.jsonl');
    const out = createWriteStream(p);
    const N = 50_000;
    // Long lines make the file far larger than V8's young generation (up to ~64 MB of short-lived garbage
    // while streaming), so "held" and "streamed" are told apart whatever the GC timing.
    const PAD = 'x'.repeat(3800);
    for (let i = 0; i < N; i++) {
      const line = `{"name":"//compute.googleapis.com/projects/p${i % 50}/global/firewalls/fw-${i}","asset_type":"compute.googleapis.com/Firewall","resource":{"version":"v1","discovery_name":"Firewall","location":"global","data":{"name":"fw-${i}","description":"${PAD}","direction":"INGRESS","priority":1000,"sourceRanges":["${i % 7 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'}"],"allowed":[{"IPProtocol":"tcp","ports":["${i % 65535}"]}]}},"ancestors":["projects/${1000 + (i % 50)}"]}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const counting = new GcpInventory({ keepResources: false });
    // Peak V8 heap while reading, from a collected baseline. (RSS also counts pages freed but not returned
    // and other suites' leftovers in this worker, which made an RSS bound flaky under parallel runs.)
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const stats = await readExportFile(p, counting).finally(() => clearInterval(sampler));
    const grown = Math.max(peak, process.memoryUsage().heapUsed) - before;
    expect(stats).toMatchObject({ format: 'json-lines', records: N, malformed: 0 });
    expect(counting.finish()).toMatchObject({ resources: [], counts: { 'gcp.compute.firewall': N } });
    // The file is ~200 MB: holding it (even as one-byte strings) would exceed this bound; streaming stays well under it.
    expect(grown).toBeLessThan(120 * 1024 * 1024);
    expect((await stat(p)).size).toBeGreaterThan(190 * 1024 * 1024);
    const kept = new GcpInventory();
    await readExportFile(p, kept);
    const { resources } = kept.finish();
    expect(resources).toHaveLength(N);
    expect(resources[N - 1]!.ref).toMatchObject({ account: 'p49', name: `fw-${N - 1}` });
  }, 120_000);
});
