import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The library folder next to the database: stored files named by their content hash
 * (`<sha256><.ext>`) and covers in `covers/`. A file is written under a temporary name,
 * flushed and renamed before its row is committed, so a crash leaves either nothing, or a
 * finished file no row names yet; `sweepLibraryFolder` removes both kinds of leftovers.
 */

export const libraryFolder = (databaseFile: string): string => join(dirname(databaseFile), 'library');
export const coversFolder = (folder: string): string => join(folder, 'covers');

const TEMP_PREFIX = '.incoming-';
/** A leftover must be this old before a sweep takes it: another process may be mid-import. */
const SWEEP_AGE_MS = 60 * 60 * 1000;

const tempName = (folder: string): string => join(folder, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A file's SHA-256, streamed. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    async function* (chunks) {
      for await (const chunk of chunks) hash.update(chunk as Buffer);
      yield* [];
    },
    { signal },
  );
  return hash.digest('hex');
}

export interface StoredFile {
  name: string;
  hash: string;
  size: number;
}

/**
 * Copies `source` into the library folder in one pass that also hashes it; the copy is
 * flushed and renamed to `<hash><ext>` (an existing file of that name already holds the same
 * bytes, and is kept).
 */
export async function storeCopy(source: string, folder: string, signal?: AbortSignal): Promise<StoredFile> {
  await mkdir(folder, { recursive: true });
  const temp = tempName(folder);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(source, { highWaterMark: 1 << 20 }),
      tap,
      createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
      { signal },
    );
    await syncPath(temp);
    const digest = hash.digest('hex');
    const name = `${digest}${extname(source).toLowerCase()}`;
    await rename(temp, join(folder, name));
    await syncPath(folder).catch(() => undefined);
    return { name, hash: digest, size };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const COVER_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
};

/** A cover image's stored name, or null for a type the app does not show. */
export async function storeCover(folder: string, cover: { mime: string; data: Uint8Array }): Promise<string | null> {
  const extension = COVER_EXTENSIONS[cover.mime.toLowerCase()];
  if (!extension) return null;
  const covers = coversFolder(folder);
  await mkdir(covers, { recursive: true });
  const name = `${createHash('sha256').update(cover.data).digest('hex')}${extension}`;
  const temp = tempName(covers);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(cover.data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(covers, name));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return name;
}

export const coverMimeOf = (name: string): string =>
  Object.entries(COVER_EXTENSIONS).find(([, ext]) => ext === extname(name))?.[0] ?? 'application/octet-stream';

/**
 * Removes from the library folder what no row names: temporary files of an interrupted copy
 * and files renamed but never committed. Only leftovers older than an hour: a second
 * process may be importing right now. Returns how many files went.
 */
export async function sweepLibraryFolder(
  folder: string,
  referenced: { files: ReadonlySet<string>; covers: ReadonlySet<string> },
  now: Date,
): Promise<number> {
  let removed = 0;
  const sweep = async (dir: string, keep: ReadonlySet<string>): Promise<void> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (keep.has(name) || name === 'covers') continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || now.getTime() - info.mtimeMs < SWEEP_AGE_MS) continue;
      await rm(path, { force: true });
      removed++;
    }
  };
  await sweep(folder, referenced.files);
  await sweep(coversFolder(folder), referenced.covers);
  return removed;
}
