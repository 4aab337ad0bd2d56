/**
 * Offline GCP input: the files `gcloud asset export --content-type=resource|iam-policy` writes
 * (newline-delimited JSON, one Asset per line, snake_case), and the JSON array
 * `gcloud asset search-all-iam-policies --format=json` (or `gcloud asset list --format=json`) prints.
 *
 * Streaming: JSON lines go through readline over a file stream; a JSON array goes through a small
 * element scanner. Only one line / element is held at a time, so a multi-gigabyte export is never
 * in memory, let alone twice. Size bound: one array element may not exceed {@link MAX_ELEMENT_CHARS}.
 * Gzip files (`.gz`, detected by magic bytes) are decompressed on the fly.
 *
 * A malformed line is recorded (warning + coverage entry with status `error` naming `file:line`) and
 * the rest is read. A file with no readable record at all is not an export: InputError.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { GCP_IAM_POLICY, GCP_RESOURCE_TYPES } from '../../model/gcp.js';
import type { CoverageEntry } from '../../model/types.js';
import { InputError } from '../../util/errors.js';
import { GcpInventory } from './inventory.js';
import { NormalizeError, VIGIL_TYPE_BY_ASSET_TYPE, accountOf } from './normalize.js';
import type { InputType } from '../../model/registry.js';

/** Largest JSON array element accepted (characters). A real search result is a few KB. */
export const MAX_ELEMENT_CHARS = 64 * 1024 * 1024;
/** Malformed records recorded one by one per file; beyond this they are summarized. */
export const MAX_REPORTED_BAD_RECORDS = 100;
/** A file whose first this-many records are all unreadable is rejected without reading the rest. */
export const GIVE_UP_AFTER_BAD_RECORDS = 1000;

const FIX =
  'pass the newline-delimited JSON written by `gcloud asset export --content-type=resource` or `--content-type=iam-policy`, ' +
  'or the JSON array printed by `gcloud asset search-all-iam-policies --format=json`';

export type ExportFormat = 'json-lines' | 'json-array' | 'empty';

export interface ExportFileStats {
  file: string;
  format: ExportFormat;
  /** Records read (assets + search results). */
  records: number;
  assets: number;
  searchResults: number;
  /** Lines / elements that could not be read. */
  malformed: number;
}

export interface ReadOptions {
  /** Inventory to add to (default: a new one). A benchmark passes one that counts without keeping. */
  inventory?: GcpInventory;
}

class FileState {
  stats: ExportFileStats;
  private firstBad?: { place: number; reason: string };
  constructor(
    readonly file: string,
    format: ExportFormat,
    readonly inventory: GcpInventory,
  ) {
    this.stats = { file, format, records: 0, assets: 0, searchResults: 0, malformed: 0 };
  }

  /** Parses and adds one line / element; records it as malformed when it cannot be read. */
  accept(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.bad(text, line, `not valid JSON (${(err as Error).message.slice(0, 120)})`);
      return;
    }
    try {
      const kind = this.inventory.addRecord(value, `${this.file}:${line}`, 'ReadExport');
      this.stats.records++;
      if (kind === 'asset') this.stats.assets++;
      else this.stats.searchResults++;
    } catch (err) {
      if (!(err instanceof NormalizeError)) throw err;
      this.bad(text, line, err.message);
    }
  }

  bad(text: string, line: number, reason: string): void {
    this.stats.malformed++;
    this.firstBad ??= { place: line, reason };
    if (this.stats.records === 0 && this.stats.malformed >= GIVE_UP_AFTER_BAD_RECORDS) this.reject();
    if (this.stats.malformed > MAX_REPORTED_BAD_RECORDS) return;
    const message = `${this.file}:${line}: ${reason}`;
    this.inventory.warnings.push(message);
    this.inventory.addCoverage(gapFor(text, message));
  }

  /** At the end of the file: summary of unreported bad records, or InputError when nothing was readable. */
  end(): ExportFileStats {
    if (this.stats.records === 0 && this.stats.malformed > 0) this.reject();
    const extra = this.stats.malformed - MAX_REPORTED_BAD_RECORDS;
    if (extra > 0) {
      const message = `${this.file}: ${extra} more malformed records not listed one by one`;
      this.inventory.warnings.push(message);
      this.inventory.addCoverage(gapFor('', message));
    }
    return this.stats;
  }

  private reject(): never {
    const b = this.firstBad!;
    throw new InputError(`not a Cloud Asset export: no readable record (first problem: ${b.reason})`, this.file, `line ${b.place}`, FIX);
  }
}

/**
 * Coverage entry for a record that could not be read. When the raw text still names an asset type
 * and resource, the gap is narrowed to that type and project; otherwise it spans every GCP type in
 * account `unknown` (the engine then reports each GCP rule as not fully evaluated).
 */
function gapFor(text: string, message: string): CoverageEntry {
  const head = text.slice(0, 64 * 1024);
  const assetType = /"asset_?[tT]ype"\s*:\s*"([^"\\]+)"/.exec(head)?.[1];
  const name = /"(?:name|resource)"\s*:\s*"(\/\/[^"\\]+)"/.exec(head)?.[1];
  const isPolicy = /"(?:iam_?[pP]olicy|policy)"\s*:/.test(head);
  let resourceTypes: InputType[] = [...GCP_RESOURCE_TYPES];
  if (isPolicy && name) resourceTypes = [GCP_IAM_POLICY];
  else if (assetType && name) resourceTypes = VIGIL_TYPE_BY_ASSET_TYPE[assetType] ? [VIGIL_TYPE_BY_ASSET_TYPE[assetType]] : [];
  return {
    provider: 'gcp',
    account: (name && accountOf(name, [])) || 'unknown',
    region: 'global',
    service: 'cloudasset',
    operation: 'ReadExport',
    resourceTypes,
    status: 'error',
    errorCode: 'MalformedExportRecord',
    message: message.slice(0, 400),
  };
}

/** The first bytes of the file, decompressed when it is gzip (detected by its magic bytes). */
async function peek(file: string): Promise<{ gzip: boolean; head: string }> {
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new InputError(`cannot read export file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, file, undefined, 'check the path');
  }
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzip) return { gzip, head: bytes.toString('utf8') };
  try {
    return { gzip, head: gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8') };
  } catch (err) {
    throw new InputError(`cannot decompress gzip export (${(err as Error).message})`, file, undefined, 'pass an uncompressed export or a valid .gz file');
  }
}

/** Text stream of the file (gunzipped when needed); read errors surface on the returned stream. */
function textStream(file: string, gzip: boolean): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
  stream.setEncoding('utf8');
  return stream;
}

/**
 * Reads one export file into `inventory`, detecting its format from the first non-blank character:
 * `{` → JSON lines, `[` → JSON array. Throws InputError for anything else.
 */
export async function readExportFile(file: string, inventory: GcpInventory): Promise<ExportFileStats> {
  const { gzip, head } = await peek(file);
  const at = head.search(/[^\s\uFEFF]/);
  if (at < 0 && head.length < 64 * 1024) return { file, format: 'empty', records: 0, assets: 0, searchResults: 0, malformed: 0 };
  const first = at < 0 ? '' : head[at];
  if (first !== '{' && first !== '[') {
    const line = 1 + (head.slice(0, Math.max(at, 0)).match(/\n/g) ?? []).length;
    throw new InputError(
      `not a Cloud Asset export: starts with ${JSON.stringify(first || 'blank space')} where JSON lines start with "{" and a JSON array with "["`,
      file,
      `line ${line}`,
      FIX,
    );
  }
  const state = new FileState(file, first === '{' ? 'json-lines' : 'json-array', inventory);
  const stream = textStream(file, gzip);
  try {
    if (first === '{') await readLines(stream, state);
    else await readArray(stream, state);
  } catch (err) {
    // Stream errors (EISDIR, EIO, zlib Z_DATA_ERROR…) are input problems; anything else is a bug and stays one.
    if (err instanceof InputError || typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
    throw new InputError(
      `cannot read export file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      file,
      undefined,
      'check that the file is complete and readable',
    );
  } finally {
    stream.destroy();
  }
  return state.end();
}

async function readLines(input: Readable, state: FileState): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim() === '') continue;
    state.accept(text, n);
  }
}

/**
 * Streams the elements of a top-level JSON array. Tracks strings, escapes and nesting so that an
 * element ends exactly where its braces close; each element is parsed on its own.
 */
async function readArray(input: AsyncIterable<string>, state: FileState): Promise<void> {
  let line = 1;
  let opened = false; // the leading `[` was consumed
  let closed = false;
  let trailing = false;
  let depth = 0; // nesting inside the current element
  let inString = false;
  let escape = false;
  let parts: string[] | null = null; // current element's text
  let partsLen = 0;
  let startLine = 0;
  const finish = () => {
    const text = parts!.join('');
    parts = null;
    partsLen = 0;
    if (text.trim() !== '') state.accept(text, startLine);
  };
  for await (const chunk of input) {
    let segStart = parts ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escape) escape = false;
        else if (c === 92) escape = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (!opened) {
        if (c === 91) opened = true; // [
        continue;
      }
      if (closed) {
        if (c > 32 && !trailing) {
          trailing = true;
          state.bad(chunk.slice(i, i + 40), line, 'content after the closing "]"');
        }
        continue;
      }
      if (parts === null) {
        // Between elements.
        if (c === 44 || c <= 32) continue; // , or whitespace
        if (c === 93) {
          closed = true; // ]
          continue;
        }
        parts = [];
        startLine = line;
        segStart = i;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) {
          // `]` closing the array right after a scalar element.
          parts.push(chunk.slice(segStart, i));
          finish();
          segStart = -1;
          closed = true;
          continue;
        }
        depth--;
        if (depth === 0) {
          parts.push(chunk.slice(segStart, i + 1));
          finish();
          segStart = -1;
        }
      } else if (c === 44 && depth === 0) {
        // End of a scalar element.
        parts.push(chunk.slice(segStart, i));
        finish();
        segStart = -1;
      }
    }
    if (parts !== null && segStart >= 0) {
      const piece = chunk.slice(segStart);
      (parts as string[]).push(piece);
      partsLen += piece.length;
      if (partsLen > MAX_ELEMENT_CHARS) {
        throw new InputError(
          `JSON array element larger than ${MAX_ELEMENT_CHARS} characters`,
          state.file,
          `line ${startLine}`,
          'split the file; Vigil reads one array element at a time and bounds its size',
        );
      }
    }
  }
  if (parts !== null) {
    state.bad((parts as string[]).join('').slice(0, 4096), startLine, 'truncated: the file ends inside this element');
  } else if (!closed) {
    state.bad('', line, 'truncated: the array is not closed with "]"');
  }
}

export interface ExportReadResult {
  files: ExportFileStats[];
  inventory: GcpInventory;
}

/** Reads every file into one inventory (files one after the other, each streamed). */
export async function readExports(files: string[], options: ReadOptions = {}): Promise<ExportReadResult> {
  const inventory = options.inventory ?? new GcpInventory();
  const stats: ExportFileStats[] = [];
  for (const f of files) stats.push(await readExportFile(f, inventory));
  return { files: stats, inventory };
}
