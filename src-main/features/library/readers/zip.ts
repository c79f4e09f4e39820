import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { abortFailure, cannotOpen, throwIfAborted } from './abort';
import { ReadFailure, type ReadContext } from './types';

/**
 * An EPUB's ZIP container, opened so that a hostile archive costs nothing: only the central
 * directory is read to list the entries, and every entry is checked (name, declared size, ratio,
 * running total, count) before anything is inflated. Reading an entry then counts the inflated
 * bytes, so an entry that declares less than it holds is stopped at its declaration.
 */
export interface SafeZip {
  /** Entries by name (always '/'-separated); a directory's name ends with '/'. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** The entry's bytes, inflated; refused past its declared size. */
  read(name: string): Promise<Buffer>;
  /** Releases the file: the descriptor closes once the last open stream is gone. */
  close(): void;
}

const MiB = 1024 * 1024;
/** An entry this small is no bomb whatever its ratio (a page of spaces compresses well past 100×). */
const RATIO_FLOOR = MiB;

const noop = (): void => undefined;
const mb = (bytes: number): number => Math.round(bytes / MiB);
/** An entry's name as shown in a message: printable, and short. */
const shown = (name: string): string => {
  const clean = name.replace(/[\p{C}]/gu, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
};

const damaged = (): ReadFailure => new ReadFailure('library.failures.epubDamaged');

/** ZIP names are CP437 unless flagged UTF-8; in practice unflagged EPUB names are ASCII or UTF-8. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
function decodeName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    name = raw.toString('latin1');
  }
  return name.replace(/\\/g, '/');
}

/** A name that could reach outside a folder it was unpacked into, or that no folder can hold. */
export const unsafeName = (name: string): boolean =>
  name.includes('\0') || name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..');

function nextEntry(zip: ZipFile, ctx: ReadContext): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    const onEntry = (entry: Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(null));
    const onError = (): void => (cleanup(), reject(damaged()));
    const onAbort = (): void => (cleanup(), reject(abortFailure(ctx)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    zip.readEntry();
  });
}

/** Archives this small are read whole: one read instead of two per entry and one per part. */
const WHOLE_FILE_BYTES = 8 * MiB;

async function openArchive(path: string, ctx: ReadContext): Promise<ZipFile> {
  let data: Buffer | null = null;
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size <= WHOLE_FILE_BYTES) data = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw cannotOpen(error);
  }
  throwIfAborted(ctx);
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(abortFailure(ctx));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // decodeStrings off: yauzl would stop at the first unsafe name with an English sentence;
    // the names are decoded and judged here instead.
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true };
    const opened = (error: Error | null, zip?: ZipFile): void => {
      ctx.signal.removeEventListener('abort', onAbort);
      if (settled) {
        zip?.on('error', noop);
        zip?.close();
        return;
      }
      settled = true;
      if (error || !zip) {
        if ((error as NodeJS.ErrnoException | null)?.code) {
          reject(cannotOpen(error));
          return;
        }
        const notZip = /central directory record signature not found/i.test(error?.message ?? '');
        reject(notZip ? new ReadFailure('library.failures.epubNotZip') : damaged());
        return;
      }
      // An 'error' event with no listener would be thrown at the process: keep one for good.
      zip.on('error', noop);
      resolve(zip);
    };
    if (data) yauzl.fromBuffer(data, options, opened);
    else yauzl.open(path, options, opened);
  });
}

function readEntry(zip: ZipFile, entry: Entry, name: string, ctx: ReadContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stream: Readable | null = null;
    const finish = (error: ReadFailure | null, data?: Buffer): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      if (error) {
        stream?.destroy();
        reject(error);
      } else resolve(data!);
    };
    const onAbort = (): void => finish(abortFailure(ctx));
    const mismatch = (): ReadFailure => new ReadFailure('library.failures.epubSizeMismatch', { name: shown(name) });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    zip.openReadStream(entry, (error, opened) => {
      if (error || !opened) return finish(damaged());
      // More bytes than declared is the lie a bomb tells; fewer is only damage.
      opened.on('error', (e: Error) => finish(/too many bytes/i.test(e.message) ? mismatch() : damaged()));
      if (settled) {
        opened.destroy();
        return;
      }
      stream = opened;
      const chunks: Buffer[] = [];
      let count = 0;
      opened.on('data', (chunk: Buffer) => {
        count += chunk.length;
        // yauzl checks the declared size too; this does not depend on its option being on.
        if (count > entry.uncompressedSize) finish(mismatch());
        else chunks.push(chunk);
      });
      opened.on('end', () => finish(null, Buffer.concat(chunks, count)));
    });
  });
}

/** Opens an EPUB's ZIP and checks every entry against `ctx.limits.zip` before reading any. */
export async function openSafeZip(path: string, ctx: ReadContext): Promise<SafeZip> {
  const limits = ctx.limits.zip;
  const zip = await openArchive(path, ctx);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ReadFailure('library.failures.epubTooManyEntries', { max: limits.maxEntries });
    }
    const entries = new Map<string, Entry>();
    let total = 0;
    for (let entry = await nextEntry(zip, ctx); entry; entry = await nextEntry(zip, ctx)) {
      const name = decodeName(entry);
      if (unsafeName(name)) throw new ReadFailure('library.failures.epubUnsafeName', { name: shown(name) });
      if (entry.isEncrypted()) throw new ReadFailure('library.failures.epubEncrypted');
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) {
        throw new ReadFailure('library.failures.epubEntryTooLarge', {
          name: shown(name),
          mb: mb(limits.maxEntryBytes),
        });
      }
      if (size > RATIO_FLOOR && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        throw new ReadFailure('library.failures.epubRatio', { name: shown(name), max: limits.maxRatio });
      }
      total += size;
      if (total > limits.maxInflatedBytes) {
        throw new ReadFailure('library.failures.epubTooLarge', { mb: mb(limits.maxInflatedBytes) });
      }
      if (!entries.has(name)) entries.set(name, entry);
    }
    return {
      entries,
      read: (name) => {
        const entry = entries.get(name);
        if (!entry) return Promise.reject(new ReadFailure('library.failures.epubMissingPart', { name: shown(name) }));
        return readEntry(zip, entry, name, ctx);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
