import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';
import type { Encoding } from './contract';

export type Detected = { ok: true; encoding: Encoding } | { ok: false; reason: 'binary' };

/**
 * Guesses the encoding from the first bytes: a BOM says it outright; otherwise text that is
 * valid UTF-8 is UTF-8 (1252 text with accents almost never is), and anything else is taken
 * for Windows-1252, what Excel on Windows writes. NUL bytes mean UTF-16 without a BOM when
 * they fall on one side of every pair and the text reads as text (see utf16WithoutBom);
 * otherwise the file is not text at all.
 */
export function detectEncoding(head: Buffer, complete = true): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { ok: true, encoding: 'utf-8' };
  if (head[0] === 0xff && head[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  if (head.includes(0)) {
    const utf16 = utf16WithoutBom(head);
    return utf16 ? { ok: true, encoding: utf16 } : { ok: false, reason: 'binary' };
  }
  try {
    // When the sample is only the start of the file, its last character may be cut off.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return { ok: true, encoding: 'utf-8' };
  } catch {
    return { ok: true, encoding: 'windows-1252' };
  }
}

/** Control characters that never appear in a spreadsheet's text (tab, line breaks and form feed do). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** A lone half of a UTF-16 surrogate pair, which has no character and no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * UTF-16 without a byte-order mark, as some exporters write it: text in Latin letters has a
 * zero high byte in nearly every pair, on the odd bytes (little-endian) or the even ones (big-
 * endian), and the other side almost never zero. Taken only when the pairs read as well-formed
 * text without control characters; an image or a zip has zeros on both sides and fails that.
 */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const encoding =
    oddZeros >= pairs / 2 && evenZeros === 0
      ? 'utf-16le'
      : evenZeros >= pairs / 2 && oddZeros === 0
        ? 'utf-16be'
        : null;
  if (!encoding) return null;
  const text = iconv.decode(head.subarray(0, pairs * 2), encoding);
  // A sample may end inside a surrogate pair: judge the text before its last character.
  const judged = text.slice(0, -1);
  return !LONE_SURROGATE.test(judged) && !CONTROL.test(judged) ? encoding : null;
}

/** Decodes a sample for sniffing (delimiter, header); the BOM is dropped. */
export function decodeSample(head: Buffer, encoding: Encoding): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(head, { stream: true });
  return iconv.decode(head, encoding);
}

/** Where a file stops being valid text: the line, and (for UTF-8) the byte's offset in the file. */
export class DecodeError extends Error {
  constructor(
    readonly line: number,
    readonly byteOffset: number | null,
  ) {
    super(`not valid text at line ${line}${byteOffset === null ? '' : `, byte ${byteOffset}`}`);
  }
}

const fatalUtf8 = (): TextDecoder => new TextDecoder('utf-8', { fatal: true });

/** True when `bytes` decode as UTF-8 from a fresh decoder, a cut last character allowed. */
function validUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    fatalUtf8().decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The index in `bytes` of the first byte that makes them invalid UTF-8 (they are known to be
 * invalid): a byte that can start no character, or the start of a character cut short. Found by
 * halving, since the decoder only says that a slice fails, not where; this runs once, when the
 * import stops.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Valid but for a character the end cuts short: that character is the problem.
  if (validUtf8Prefix(buffer)) return buffer.length - unfinishedTail(buffer).length;
  let valid = 0;
  let invalid = buffer.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (validUtf8Prefix(buffer.subarray(0, middle))) valid = middle;
    else invalid = middle;
  }
  // The byte at invalid - 1 fails; if a character it should have continued was begun before it,
  // that character's first byte is where the text goes wrong.
  const failing = invalid - 1;
  return failing - unfinishedTail(buffer.subarray(0, failing)).length;
}

/** The bytes at the end of a chunk that start a character the next chunk completes (0–3 of them). */
function unfinishedTail(chunk: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? chunk.subarray(chunk.length - back) : Buffer.alloc(0);
  }
  return Buffer.alloc(0);
}

const countLineBreaks = (bytes: Uint8Array, end = bytes.length): number => {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
};

/**
 * The file as UTF-8 bytes without a BOM, for the CSV reader. UTF-8 is checked strictly: a
 * stray 1252 byte in the middle of a big file must stop the import with a clear error (its
 * line and byte), not become U+FFFD in someone's customer name. UTF-16 is checked for lone
 * surrogates, which would become U+FFFD the same way. Windows-1252 cannot be invalid;
 * iconv-lite decodes the others (dropping their BOM) and they are re-encoded as UTF-8.
 */
export function toUtf8(encoding: Encoding): Transform {
  return encoding === 'utf-8' ? checkedUtf8() : reencoded(encoding);
}

function reencoded(encoding: Exclude<Encoding, 'utf-8'>): Transform {
  const decoder = iconv.getDecoder(encoding);
  const utf16 = encoding !== 'windows-1252';
  let lines = 0;
  const emit = (text: string, done: TransformCallback): void => {
    const at = utf16 ? text.search(LONE_SURROGATE) : -1;
    if (at !== -1) {
      done(new DecodeError(lines + countLineBreaks(Buffer.from(text.slice(0, at), 'utf8')) + 1, null));
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    lines += countLineBreaks(bytes);
    done(null, bytes);
  };
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      emit(decoder.write(chunk), done);
    },
    flush(done: TransformCallback): void {
      emit(decoder.end() ?? '', done);
    },
  });
}

function checkedUtf8(): Transform {
  const check = fatalUtf8();
  let offset = 0;
  let lines = 0;
  // The start of a character the previous chunk left unfinished: where a bad byte is looked for.
  let carried: Buffer = Buffer.alloc(0);
  const failure = (chunk: Buffer): DecodeError => {
    const bytes = Buffer.concat([carried, chunk]);
    const at = firstInvalidUtf8(bytes);
    return new DecodeError(lines + countLineBreaks(bytes, at) + 1, offset - carried.length + at);
  };
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
      try {
        check.decode(chunk, { stream: true });
      } catch {
        done(failure(chunk));
        return;
      }
      const bom = offset === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      offset += chunk.length;
      lines += countLineBreaks(chunk);
      carried = unfinishedTail(Buffer.concat([carried, chunk]).subarray(-4));
      done(null, bom ? chunk.subarray(3) : chunk);
    },
    flush(done: TransformCallback): void {
      try {
        check.decode();
        done();
      } catch {
        // The file ends inside a character: the bad byte is where that character starts.
        done(new DecodeError(lines + 1, offset - carried.length));
      }
    },
  });
}
