import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_LIMITS,
  ReadFailure,
  type FileReader,
  type ReadContext,
  type ReadItem,
  type ReadLimits,
} from '../../../src-main/features/library/readers/types';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/library/', import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);

/** A read context with the default limits, or these limits' zip part changed. */
export function context(zip: Partial<ReadLimits['zip']> = {}, signal = new AbortController().signal): ReadContext {
  return { limits: { ...DEFAULT_LIMITS, zip: { ...DEFAULT_LIMITS.zip, ...zip } }, signal };
}

/** Reads with the default limits. */
export const read = (reader: FileReader, path: string, ctx: ReadContext = context()): Promise<ReadItem> =>
  reader.read(path, 0, ctx);

/** The ReadFailure a read ends in (its key and values); fails the test when the read succeeds or throws anything else. */
export async function failure(
  reader: FileReader,
  path: string,
  ctx: ReadContext = context(),
): Promise<{ key: string; values: Readonly<Record<string, string | number>> }> {
  try {
    await reader.read(path, 0, ctx);
  } catch (error) {
    if (error instanceof ReadFailure) return { key: error.key, values: error.values };
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

/** The files this process holds open (Linux: /proc/self/fd), as real paths. */
function openPaths(): string[] {
  const paths: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      paths.push(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // closed between the listing and the look
    }
  }
  return paths;
}

/** Which of `files` are still open once closing has had up to 2 s to finish (it is asynchronous). */
export async function stillOpen(files: readonly string[]): Promise<string[]> {
  const wanted = new Set(files.map((f) => realpathSync(f)));
  for (let i = 0; i < 200 && openPaths().some((p) => wanted.has(p)); i++) await new Promise((r) => setTimeout(r, 10));
  return openPaths().filter((p) => wanted.has(p));
}

/** A scratch folder removed by the returned function. */
export function scratch(prefix: string): {
  dir: string;
  file: (name: string, data: Uint8Array) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/**
 * A PDF written object by object (a correct xref table): `pages` pages each showing one line in
 * Helvetica, an Info dictionary, a one-level outline with one entry per page, and `padBytes` of
 * an unused stream between the objects, to make the file as large as a test needs without a tool.
 */
export function handMadePdf(options: { title: string; author: string; pages: number; padBytes: number }): Buffer {
  const chunks: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  const add = (num: number, body: Buffer | string): void => {
    offsets[num] = length;
    const bytes = Buffer.concat([
      latin1(`${num} 0 obj\n`),
      typeof body === 'string' ? latin1(body) : body,
      latin1('\nendobj\n'),
    ]);
    chunks.push(bytes);
    length += bytes.length;
  };
  const n = options.pages;
  // 1 catalog, 2 pages, 3 font, 4 info, 5 outlines, 6 padding, then per page: page, contents, outline item.
  const page = (i: number): number => 7 + i * 3;
  add(1, '<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R /PageMode /UseOutlines >>');
  add(2, `<< /Type /Pages /Count ${n} /Kids [${Array.from({ length: n }, (_, i) => `${page(i)} 0 R`).join(' ')}] >>`);
  add(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  add(4, `<< /Title (${options.title}) /Author (${options.author}) /CreationDate (D:20200102030405Z) >>`);
  add(5, `<< /Type /Outlines /First ${page(0) + 2} 0 R /Last ${page(n - 1) + 2} 0 R /Count ${n} >>`);
  const pad = Buffer.alloc(options.padBytes, 0x20);
  add(6, Buffer.concat([latin1(`<< /Length ${pad.length} >>\nstream\n`), pad, latin1('\nendstream')]));
  for (let i = 0; i < n; i++) {
    const text = `BT /F1 12 Tf 72 720 Td (Page ${i + 1} of ${options.title}) Tj ET`;
    add(
      page(i),
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${page(i) + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
    );
    add(page(i) + 1, `<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
    const links = [i > 0 ? `/Prev ${page(i - 1) + 2} 0 R` : '', i < n - 1 ? `/Next ${page(i + 1) + 2} 0 R` : ''].join(
      ' ',
    );
    add(page(i) + 2, `<< /Title (Chapter ${i + 1}) /Parent 5 0 R ${links} /Dest [${page(i)} 0 R /Fit] >>`);
  }
  const size = offsets.length;
  const xref = [`xref\n0 ${size}\n0000000000 65535 f \n`];
  for (let i = 1; i < size; i++) xref.push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  chunks.push(latin1(xref.join('')));
  return Buffer.concat(chunks);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A ZIP archive written entry by entry (stored, or deflated when `deflate`), for EPUBs no tool would make. */
export function zipOf(entries: readonly { name: string; data: Uint8Array | string; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data);
    const body = entry.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name);
    const header = (signature: number, size: number): Buffer => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const CONTAINER_XML = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;
