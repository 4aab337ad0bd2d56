import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSnapshot } from '../model/schema.js';
import { InputError } from '../util/errors.js';
import type { ShardSnapshot } from './merge.js';

/**
 * The snapshots named by `--from`: files as given, and every `*.json` file of a directory (not its
 * subdirectories; dot files such as the atomic writer's temporary files are skipped). Every one must be a
 * valid snapshot: a stray file is an input error naming it, never silently left out.
 */
export async function loadSnapshotFiles(paths: string[]): Promise<ShardSnapshot[]> {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch (err) {
      throw new InputError(
        `cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        p,
        undefined,
        'pass snapshot files, or a directory of them, to --from',
      );
    }
    if (!isDir) files.push(p);
    else
      files.push(
        ...(await readdir(p))
          .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
          .sort()
          .map((f) => join(p, f)),
      );
  }
  return Promise.all(files.map(async (file) => ({ source: file, snapshot: await loadSnapshot(file) })));
}
