import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from './contract';

export type Detected = { ok: true; encoding: Encoding } | { ok: false; reason: 'binary' };

/**
 * Guesses the encoding from the first bytes: a BOM says it outright; otherwise text that is
 * valid UTF-8 is UTF-8 (1252 text with accents almost never is), and anything else is taken
 * for Windows-1252, what Excel on Windows writes. NUL bytes without a UTF-16 BOM mean the
 * file is not text at all.
 */
export function detectEncoding(head: Buffer, complete = true): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { ok: true, encoding: 'utf-8' };
  if (head[0] === 0xff && head[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  if (head.includes(0)) return { ok: false, reason: 'binary' };
  try {
    // When the sample is only the start of the file, its last character may be cut off.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return { ok: true, encoding: 'utf-8' };
  } catch {
    return { ok: true, encoding: 'windows-1252' };
  }
}

/** Decodes a sample for sniffing (delimiter, header); the BOM is dropped. */
export function decodeSample(head: Buffer, encoding: Encoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(head, { stream: true });
  return iconv.decode(head, encoding);
}

export class DecodeError extends Error {
  constructor(readonly byteOffset: number) {
    super(`not valid UTF-8 near byte ${byteOffset}`);
  }
}

/**
 * The file as UTF-8 bytes without a BOM, for the CSV reader. UTF-8 is checked strictly: a
 * stray 1252 byte in the middle of a big file must stop the import with a clear error, not
 * become U+FFFD in someone's customer name. The other encodings cannot be invalid byte-wise;
 * iconv-lite decodes them (dropping their BOM) and they are re-encoded as UTF-8.
 */
export function toUtf8(encoding: Encoding): Transform {
  if (encoding !== 'utf-8') {
    const decoder = iconv.getDecoder(encoding);
    return new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
        done(null, Buffer.from(decoder.write(chunk), 'utf8'));
      },
      flush(done: TransformCallback): void {
        done(null, Buffer.from(decoder.end() ?? '', 'utf8'));
      },
    });
  }
  const check = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      try {
        check.decode(chunk, { stream: true });
      } catch {
        done(new DecodeError(offset));
        return;
      }
      const bom = offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      offset += chunk.length;
      done(null, bom ? chunk.subarray(3) : chunk);
    },
    flush(done: TransformCallback): void {
      try {
        check.decode();
        done();
      } catch {
        done(new DecodeError(offset));
      }
    },
  });
}
