import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** How many file descriptors this process holds (Linux). */
export const openFiles = (): number => readdirSync('/proc/self/fd').length;

/** Waits until the open file count is back to `count` (closing is asynchronous), or 2 s pass. */
export async function settlesTo(count: number): Promise<number> {
  for (let i = 0; i < 200 && openFiles() > count; i++) await new Promise((r) => setTimeout(r, 10));
  return openFiles();
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
