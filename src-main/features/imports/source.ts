import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Delimiter, Encoding } from './contract';
import { AppError } from '../../kernel/errors';
import { CsvError, CsvReader } from './csv';
import { decodeSample, DecodeError, detectEncoding, toUtf8 } from './encoding';
import { detectDelimiter } from './delimiter';
import type { ReadOptions, RecordSource, SourceRecord } from './importer';
import { ImportFileError } from './issues';

/** Enough for any real row, small enough that an unclosed quote cannot swallow 100 MB. */
export const MAX_RECORD_BYTES = 4 * 2 ** 20;
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

function describeFsError(name: string, error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return ImportFileError.of('missing', { name });
  if (code === 'EACCES' || code === 'EPERM') return ImportFileError.of('denied', { name });
  if (code === 'EISDIR') return ImportFileError.of('folder', { name });
  return ImportFileError.of('unreadable', { name, reason: (error as Error).message });
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Resolves when the stream has data, has ended or has closed; rejects on its error. */
function readable(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      cleanup();
      resolve();
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      stream.off('readable', done).off('end', done).off('close', done).off('error', fail);
    };
    stream.on('readable', done).on('end', done).on('close', done).on('error', fail);
  });
}

const isBlank = (fields: readonly string[]): boolean => fields.every((f) => f.trim() === '');

/**
 * Turns a text file's UTF-8 bytes (BOM dropped) into records as they arrive: the CSV reader
 * is one, a reader of Kindle clippings another. Records must come out in file order; the
 * first one is the header. A problem with the text is thrown as an AppError (passed on as it
 * is) or a CsvError.
 */
export interface RecordReader {
  /** Adds the records that `chunk` completes to `out`. */
  push(chunk: Buffer, out: SourceRecord[]): void;
  /** Adds the last record; the file need not end with a line break. */
  end(out: SourceRecord[]): void;
}

/**
 * How one kind of text file is read, settled from a decoded sample of its start: the
 * delimiter (which the rejected-rows file is written with) and the reader of its records.
 */
export type TextFormat = (sample: string) => { delimiter: Delimiter; reader: RecordReader };

/** Opens a CSV file as a stream of records (see openTextSource). */
export const openCsvSource = (path: string, options: ReadOptions): Promise<RecordSource> =>
  openTextSource(path, options, (sample) => {
    const delimiter = options.delimiter ?? detectDelimiter(sample);
    return { delimiter, reader: new CsvReader(delimiter, MAX_RECORD_BYTES) };
  });

/**
 * Opens a text file as a stream of records: bytes -> (hash, byte count) -> UTF-8 -> the
 * format's reader. The encoding is the option's, else detected (a BOM, else valid UTF-8, else
 * Windows-1252). Nothing holds the whole file; memory stays at a few chunks whatever its size.
 */
export async function openTextSource(path: string, options: ReadOptions, format: TextFormat): Promise<RecordSource> {
  const name = basename(path);
  let stat: Stats;
  let head: Buffer;
  try {
    stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    // A pipe, socket or device would block the read or never end: only regular files are read.
    if (!stat.isFile()) throw ImportFileError.of('notFile', { name });
    head = readHead(path);
  } catch (error) {
    throw describeFsError(name, error);
  }
  if (stat.size === 0) throw ImportFileError.of('empty', { name });

  let encoding = options.encoding;
  if (!encoding) {
    const detected = detectEncoding(head, head.length === stat.size);
    if (!detected.ok) throw ImportFileError.of('binary', { name });
    encoding = detected.encoding;
  }
  const sample = decodeSample(head, encoding).replace(/^\uFEFF/, '');
  const { delimiter, reader } = format(sample);

  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const utf8 = toUtf8(encoding);
  pipeline(file, tap, utf8, () => {
    // Errors reach the consumer through utf8's read(); nothing to do here.
  });

  let ended = false;
  /**
   * Takes every chunk the stream has ready, synchronously, and waits only when it has none:
   * one await per chunk of the file instead of several promises per record.
   */
  const nextBatch = async (): Promise<SourceRecord[] | null> => {
    for (;;) {
      const records: SourceRecord[] = [];
      try {
        let chunk: Buffer | null;
        while (records.length === 0 && (chunk = utf8.read() as Buffer | null) !== null) reader.push(chunk, records);
        if (records.length === 0 && !ended && utf8.readableEnded) {
          ended = true;
          reader.end(records);
        }
      } catch (error) {
        throw readError(name, error, encoding);
      }
      const batch = records.filter((r) => !isBlank(r.fields));
      if (batch.length > 0) return batch;
      if (records.length > 0) continue;
      if (utf8.errored) throw readError(name, utf8.errored, encoding);
      if (ended || utf8.destroyed) return null;
      try {
        await readable(utf8);
      } catch (error) {
        throw readError(name, error, encoding);
      }
    }
  };

  const first = await nextBatch();
  if (!first) throw ImportFileError.of('noHeader', { name });
  const headers = first.shift()!.fields.map((h) => h.trim());

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    if (first!.length > 0) yield first!;
    for (let batch = await nextBatch(); batch; batch = await nextBatch()) yield batch;
  }

  return {
    name,
    size: stat.size,
    encoding,
    delimiter,
    headers,
    batches: batches(),
    bytesRead: () => bytes,
    sha256: () => hash.copy().digest('hex'),
    checkUnchanged: () => {
      let now: Stats;
      try {
        now = statSync(path);
      } catch {
        throw ImportFileError.of('moved', { name });
      }
      if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs || bytes !== stat.size)
        throw ImportFileError.of('changed', { name });
    },
    close: () => {
      file.destroy();
      utf8.destroy();
    },
  };
}

function readError(name: string, error: unknown, encoding: Encoding): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DecodeError)
    return error.byteOffset === null
      ? ImportFileError.of('encodingLine', { name, encoding: encoding.toUpperCase(), line: error.line })
      : ImportFileError.of('encoding', {
          name,
          encoding: encoding.toUpperCase(),
          line: error.line,
          offset: error.byteOffset,
        });
  if (error instanceof CsvError && error.code === 'quote_not_closed')
    return ImportFileError.of('quoteNotClosed', { name, line: error.line });
  if (error instanceof CsvError)
    return ImportFileError.of('recordTooLong', { line: error.line, megabytes: MAX_RECORD_BYTES / 2 ** 20 });
  return describeFsError(name, error);
}
