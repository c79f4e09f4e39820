import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import type { Delimiter, Encoding } from '../../shared/imports';
import { AppError } from '../errors';
import { decodeSample, decoder, DecodeError, detectEncoding } from './encoding';
import { detectDelimiter } from './delimiter';

/** Enough for any real row, small enough that an unclosed quote cannot swallow 100 MB. */
export const MAX_RECORD_BYTES = 4 * 2 ** 20;
const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

/** One CSV record and the physical line it starts on (the header is line 1). */
export interface SourceRecord {
  line: number;
  fields: string[];
}

export interface Source {
  name: string;
  size: number;
  encoding: Encoding;
  delimiter: Delimiter;
  headers: string[];
  /** The data records after the header, streamed in the batches the parser has ready; blank lines are skipped. */
  batches: AsyncGenerator<SourceRecord[]>;
  bytesRead(): number;
  /** SHA-256 of the whole file; complete once `records` is exhausted. */
  sha256(): string;
  /** Throws if the file vanished or changed while it was read. */
  checkUnchanged(): void;
  close(): void;
}

/** A problem with the file as a whole: nothing can be imported from it. */
export class ImportFileError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'ImportFileError';
  }
}

function describeFsError(name: string, error: unknown): ImportFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImportFileError(`${name} does not exist (or was moved or deleted).`);
  if (code === 'EACCES' || code === 'EPERM') return new ImportFileError(`${name} cannot be read: permission denied.`);
  if (code === 'EISDIR') return new ImportFileError(`${name} is a folder, not a file.`);
  return new ImportFileError(`${name} could not be read: ${(error as Error).message}`);
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

/** Line breaks inside quoted values: they push the next record's first line down. CRLF is one. */
function lineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    if (!f.includes('\n') && !f.includes('\r')) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10 || (c === 13 && f.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

/** Resolves when the stream has data, has ended or has closed; rejects on its error. */
function readable(stream: Parser): Promise<void> {
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
 * Opens a CSV file as a stream of records: bytes -> (hash, byte count) -> decoder -> csv-parse.
 * Nothing holds the whole file; memory stays at a few chunks whatever its size.
 */
export async function openSource(
  path: string,
  options: { encoding?: Encoding; delimiter?: Delimiter },
): Promise<Source> {
  const name = basename(path);
  let stat: Stats;
  let head: Buffer;
  try {
    stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    head = readHead(path);
  } catch (error) {
    throw describeFsError(name, error);
  }
  if (stat.size === 0) throw new ImportFileError(`${name} is empty: there is nothing to import.`);

  let encoding = options.encoding;
  if (!encoding) {
    const detected = detectEncoding(head, head.length === stat.size);
    if (!detected.ok)
      throw new ImportFileError(
        `${name} is not a text file (it contains binary data). Export the spreadsheet as CSV and import that.`,
      );
    encoding = detected.encoding;
  }
  const sample = decodeSample(head, encoding).replace(/^\uFEFF/, '');
  const delimiter = options.delimiter ?? detectDelimiter(sample);

  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const parser: Parser = parse({
    delimiter,
    // Every ending, even mixed in one file: csv-parse would otherwise fix on the first it sees.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // `5" screen` in an unquoted value is a quote mark, not the start of a quoted field.
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  pipeline(file, tap, decoder(encoding), parser, () => {
    // Errors reach the consumer through the parser's iterator; nothing to do here.
  });

  let lastLine = 0;
  /**
   * Takes every record csv-parse has ready, synchronously, and waits only when it has none:
   * one await per chunk of the file instead of several promises per record.
   */
  const nextBatch = async (): Promise<SourceRecord[] | null> => {
    for (;;) {
      const batch: SourceRecord[] = [];
      let fields: string[] | null;
      while ((fields = parser.read() as string[] | null) !== null) {
        const line = lastLine + 1;
        lastLine = line + lineBreaks(fields);
        if (!isBlank(fields)) batch.push({ line, fields });
      }
      if (batch.length > 0) return batch;
      if (parser.errored) throw readError(name, parser.errored, lastLine + 1, encoding);
      if (parser.readableEnded || parser.destroyed) return null;
      try {
        await readable(parser);
      } catch (error) {
        throw readError(name, error, lastLine + 1, encoding);
      }
    }
  };

  const first = await nextBatch();
  if (!first) throw new ImportFileError(`${name} has no header row: there is nothing to import.`);
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
        throw new ImportFileError(`${name} was moved or deleted while it was being imported; nothing was written.`);
      }
      if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs || bytes !== stat.size)
        throw new ImportFileError(`${name} changed while it was being imported; nothing was written. Try again.`);
    },
    close: () => {
      file.destroy();
      parser.destroy();
    },
  };
}

function readError(name: string, error: unknown, line: number, encoding: Encoding): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DecodeError)
    return new ImportFileError(
      `${name} is not valid ${encoding.toUpperCase()} (near byte ${error.byteOffset}). ` +
        'Choose its encoding, for example windows-1252 for files saved by Excel on Windows.',
    );
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED')
    return new ImportFileError(
      `Line ${line}: a quoted value is never closed (a " is missing), so the rest of ${name} cannot be read.`,
    );
  if (code === 'CSV_INVALID_CLOSING_QUOTE')
    return new ImportFileError(
      `In the record starting on line ${line}: a closing " is followed by text; put the whole value in quotes and double any " inside it ("").`,
    );
  if (code === 'CSV_MAX_RECORD_SIZE')
    return new ImportFileError(
      `The record starting on line ${line} is longer than ${MAX_RECORD_BYTES / 2 ** 20} MB; most likely a " is missing and a quoted value never closes.`,
    );
  if (typeof code === 'string' && code.startsWith('CSV_'))
    return new ImportFileError(`Line ${line} of ${name} cannot be read as CSV: ${(error as Error).message}`);
  return describeFsError(name, error);
}
