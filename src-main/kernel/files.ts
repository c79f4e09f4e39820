import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from './errors';

/**
 * Files the user keeps (exports, backups, restored databases) are never written in place:
 * a crash, a full disk or a kill halfway would leave half a file under the name the user
 * trusts. They are written to a temporary name in the same folder (so the rename cannot
 * cross file systems), flushed to disk, and renamed over the final name in one step.
 */

export interface AtomicOptions {
  /** Replace an existing file; without it an existing file is refused, untouched. */
  overwrite?: boolean;
}

/** A hidden, unique name next to `file`. Leftovers of a crash are recognisable by the suffix. */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

function refuseExisting(file: string): void {
  if (existsSync(file)) {
    throw new AppError('conflict', 'failures.fileExists', undefined, { file });
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Lets `produce` create the file at a temporary path, then makes it durable and gives it the
 * final name. On any failure the temporary file is removed and `file` is as it was.
 * Used directly where something else writes the file (SQLite's backup API).
 */
export async function produceFileAtomically(
  file: string,
  produce: (tempPath: string) => Promise<void>,
  options: AtomicOptions = {},
): Promise<void> {
  if (!options.overwrite) refuseExisting(file);
  const temp = tempPathFor(file);
  try {
    await produce(temp);
    await fsyncPath(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself lives in the folder's entry list; flush it too where the OS lets us
  // open a folder (not Windows, where NTFS journals the rename).
  await fsyncPath(dirname(file)).catch(() => undefined);
}

/**
 * Writes `content` — a string, bytes, or chunks produced as they are written (so a large
 * export never sits in memory whole) — atomically to `file`. Returns the bytes written.
 */
export async function writeFileAtomically(
  file: string,
  content: string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: AtomicOptions = {},
): Promise<number> {
  let bytes = 0;
  await produceFileAtomically(
    file,
    async (temp) => {
      // 'wx': a temp name that somehow exists is never followed or clobbered.
      const handle = await open(temp, 'wx', 0o600);
      try {
        const chunks = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
        for await (const chunk of chunks) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          // writeFile loops over short writes, which a plain write() would leave to us.
          await handle.writeFile(buffer);
          bytes += buffer.byteLength;
        }
      } finally {
        await handle.close();
      }
    },
    options,
  );
  return bytes;
}
