import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from '../../shared/imports';

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
 * UTF-8 is decoded strictly: a stray 1252 byte in the middle of a big file must stop the
 * import with a clear error, not become U+FFFD in someone's customer name. The other
 * encodings cannot be invalid byte-wise, so iconv-lite streams them (and drops their BOM).
 */
export function decoder(encoding: Encoding): Transform {
  if (encoding !== 'utf-8') return iconv.decodeStream(encoding) as unknown as Transform;
  const text = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      try {
        const out = text.decode(chunk, { stream: true });
        offset += chunk.length;
        done(null, out);
      } catch {
        done(new DecodeError(offset));
      }
    },
    flush(done: TransformCallback): void {
      try {
        done(null, text.decode());
      } catch {
        done(new DecodeError(offset));
      }
    },
  });
}
