import { constants } from 'node:fs';
import { access, lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Every temporary file Vigil writes starts so; the pid after it tells whose it is. */
export const TMP_PREFIX = '.vigil-tmp-';
const TMP_OF_PID = /^\.vigil-tmp-(\d+)-/;

const fsError = (code: string, message: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: ${message}, '${path}'`), { code, path });

/**
 * `mkdir -p`. Node's own `mkdir(…, { recursive: true })` loops forever under `/proc` (ENOENT for a directory
 * whose parent exists), so the levels are made one by one and a second ENOENT is an error.
 */
export async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return assertDirectory(dir);
    if (code !== 'ENOENT') throw err;
  }
  const parent = dirname(dir);
  if (parent === dir) throw fsError('ENOENT', 'no such file or directory', dir);
  await makeDir(parent);
  try {
    await mkdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return assertDirectory(dir);
    throw err;
  }
}

async function assertDirectory(dir: string): Promise<void> {
  if (!(await stat(dir)).isDirectory()) throw fsError('ENOTDIR', 'not a directory', dir);
}

/** A file written and synced under a temporary name beside its target, not yet renamed over it. */
export interface StagedFile {
  path: string;
  tmp?: string;
}

/**
 * Writes `content` under a temporary name in the target's directory and syncs it. A device, FIFO or
 * pipe at `path` (`/dev/stdout`, `/dev/null`) is written through instead and never replaced; a directory
 * or a socket there is an error. Nothing is left behind on failure.
 */
export async function stageFile(path: string, content: string | Uint8Array): Promise<StagedFile> {
  const existing = await stat(path).catch(() => undefined);
  if (existing && !existing.isFile()) {
    if (existing.isDirectory()) throw fsError('EISDIR', 'is a directory', path);
    if (existing.isSocket()) throw fsError('ENOTSUP', 'is a socket', path);
    await writeThrough(path, content, existing.isFIFO());
    return { path };
  }
  const dir = dirname(path);
  await makeDir(dir);
  const tmp = join(dir, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}-${basename(path)}`);
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  return { path, tmp };
}

/**
 * A FIFO with no reader would block the open forever: it is opened without blocking first (ENXIO then),
 * and that probe stays open until the real, blocking handle is, so the reader never sees the writers go.
 */
async function writeThrough(path: string, content: string | Uint8Array, fifo: boolean): Promise<void> {
  const probe = fifo ? await open(path, constants.O_WRONLY | constants.O_NONBLOCK) : undefined;
  try {
    const handle = await open(path, 'w');
    await probe?.close();
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
  } finally {
    await probe?.close().catch(() => undefined);
  }
}

/**
 * Checks, without writing the file, that {@link writeFileAtomic} could write `path` later (a command checks
 * its output paths before a long collection): a writable special file, or a directory where a temporary
 * file can be created (it is made, then removed). Throws the file-system error otherwise.
 */
export async function checkWritable(path: string): Promise<void> {
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw fsError('EISDIR', 'is a directory', path);
  if (existing && !existing.isFile()) {
    if (existing.isSocket()) throw fsError('ENOTSUP', 'is a socket', path);
    return access(path, constants.W_OK);
  }
  if (existing) await access(path, constants.W_OK);
  const staged = await stageFile(path, '');
  await discardStaged([staged]);
}

/** Renames staged files over their targets, in order. */
export async function commitStaged(files: StagedFile[]): Promise<void> {
  for (const f of files) {
    if (!f.tmp) continue;
    try {
      await rename(f.tmp, f.path);
    } catch (err) {
      await discardStaged(files);
      throw err;
    }
    f.tmp = undefined;
  }
}

/** Removes the temporary files of staged files not committed. */
export async function discardStaged(files: StagedFile[]): Promise<void> {
  for (const f of files) if (f.tmp) await rm(f.tmp, { force: true });
}

/**
 * Writes a file so that readers see either the old or the new content, never a half-written one:
 * write to a temporary file in the same directory, fsync, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await commitStaged([await stageFile(path, content)]);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes temporary files an earlier Vigil run left in `dir` when it was killed mid-write: those whose
 * writer process is gone, and unowned ones (older versions did not name the pid) older than an hour.
 * A concurrent run's files are kept. Returns the names removed.
 */
export async function removeStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(TMP_PREFIX)) continue;
    const pid = TMP_OF_PID.exec(name)?.[1];
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const stale = pid ? Number(pid) !== process.pid && !alive(Number(pid)) : now - info.mtimeMs > 3_600_000;
    if (!stale) continue;
    await rm(path, { force: true });
    removed.push(name);
  }
  return removed;
}
