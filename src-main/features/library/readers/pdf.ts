import { open, type FileHandle } from 'node:fs/promises';
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
import type { ContentsEntry } from '../contract';
import { abortFailure, cannotOpen, raceAbort, throwIfAborted } from './abort';
import {
  addIsbn,
  addPeople,
  clean,
  cleanParagraphs,
  cleanTags,
  contentsEntry,
  isbnsInText,
  LIMITS,
  splitPeople,
  yearOf,
} from './fields';
import { takeThread, type PdfThread } from './pdfThread';
import { emptyItem, ReadFailure, type FileReader, type ReadContext, type ReadItem } from './types';
import { attr, children, list, parseXml, textOf, type XmlNode, type XmlValue } from './xml';

/**
 * PDF with pdf.js (the legacy build, which runs in Node), set up to read a book and nothing more:
 * no eval of font programs, no fonts installed, no pre-fetching and no streaming, so that only the
 * parts of the file that the Info dictionary, the XMP, the outline and page 1 live in are read,
 * by range, from a file handle: a 500 MB PDF is never loaded whole. pdf.js's worker runs in a
 * thread of its own (./pdfThread.ts), which an abort terminates, so no file can hang a read.
 */

type PdfJs = typeof import('pdfjs-dist');

/** Files this small are read whole (one read instead of a dozen range round-trips). */
const WHOLE_FILE_BYTES = 2 * 1024 * 1024;
/** Acrobat looks for the header in the first 1 KiB; %%EOF is looked for in the last 4 KiB. */
const HEAD_BYTES = 1024;
const TAIL_BYTES = 4096;
/** A book's XMP is a few KiB; a packet larger than this is not read. */
const MAX_XMP_CHARS = 4 * 1024 * 1024;
/** How long a finished document may take to be let go before its thread is terminated instead. */
const DESTROY_MS = 2_000;

let loading: Promise<PdfJs> | null = null;
/** pdf.js's API, loaded once on first use (it takes a few hundred ms). */
function pdfjs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfJs>;
  loading.catch(() => (loading = null));
  return loading;
}

/** Whether `work` settles, either way, within `ms`. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(done, done);
  });
}

/** Waits for pdf.js, but no longer than the abort signal or the life of its thread. */
type Guard = <T>(work: Promise<T>) => Promise<T>;

/** Titles that name a file or a template, not a book: read as no title. */
const NOT_A_TITLE = [
  /^untitled(-\d+)?$/i,
  /^(microsoft (word|powerpoint) - |powerpoint presentation$)/i,
  /\.(html?|xhtml|docx?|odt|rtf|txt|md|pdf|ps|eps|tex|dvi|indd|qxd|pages|pptx?|xlsx?)$/i,
  /^(document|doc|title|new document|slide \d+)$/i,
];
const metaTitle = (raw: string | null | undefined): string | null => {
  const title = clean(raw, LIMITS.title);
  return title && !NOT_A_TITLE.some((p) => p.test(title)) ? title : null;
};

/** XMP properties by their prefixed name: a list for Bag/Seq, the x-default (or first) for Alt. */
function readXmp(raw: string | null): Map<string, string[]> {
  const props = new Map<string, string[]>();
  if (!raw || raw.length > MAX_XMP_CHARS) return props;
  let doc: XmlNode;
  try {
    doc = parseXml(raw.replace(/^[^<]+/, ''), 'XMP', { keepPrefixes: true });
  } catch {
    // XMP that declares entities or does not parse is set aside; the Info dictionary still counts.
    return props;
  }
  const descriptions: XmlNode[] = [];
  const find = (node: XmlValue | undefined, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 4) return;
    if (Array.isArray(node)) return node.forEach((n) => find(n, depth));
    for (const [key, value] of Object.entries(node)) {
      if (key === 'rdf:Description') descriptions.push(...children(node, key));
      else if (!key.startsWith('@') && key !== '#text') find(value, depth + 1);
    }
  };
  find(doc, 0);
  const add = (name: string, values: string[]): void => {
    const kept = values.map((v) => v.trim()).filter(Boolean);
    if (kept.length > 0 && !props.has(name)) props.set(name, kept);
  };
  for (const description of descriptions) {
    for (const [key, value] of Object.entries(description)) {
      if (key === '#text') continue;
      if (key.startsWith('@')) {
        if (!/^@(rdf|xmlns|x):?/.test(key) && typeof value === 'string') add(key.slice(1), [textOf(value)]);
        continue;
      }
      for (const element of list(value)) {
        const alt = children(element, 'rdf:Alt')[0];
        const seq = children(element, 'rdf:Seq')[0] ?? children(element, 'rdf:Bag')[0];
        if (alt) {
          const items = children(alt, 'rdf:li');
          const chosen = items.find((li) => attr(li, 'xml:lang') === 'x-default') ?? items[0];
          add(key, [textOf(chosen)]);
        } else if (seq)
          add(
            key,
            children(seq, 'rdf:li').map((li) => textOf(li)),
          );
        else add(key, [textOf(element)]);
      }
    }
  }
  return props;
}

/** The file's own checks before pdf.js sees it: the header near the start, %%EOF near the end. */
async function checkEnds(handle: FileHandle, size: number): Promise<void> {
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  await handle.read(head, 0, head.length, 0);
  if (!head.includes('%PDF-')) throw new ReadFailure('library.failures.pdfNotPdf');
  const tail = Buffer.alloc(Math.min(TAIL_BYTES, size));
  await handle.read(tail, 0, tail.length, size - tail.length);
  if (!tail.includes('%%EOF')) throw new ReadFailure('library.failures.pdfTruncated');
}

/** Why pdf.js gave up, as a failure key. */
function failureOf(error: unknown): ReadFailure {
  if (error instanceof ReadFailure) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? '';
  if (name === 'PasswordException') return new ReadFailure('library.failures.pdfPassword');
  if (/circular reference|infinite loop/i.test(message)) return new ReadFailure('library.failures.pdfLoop');
  return Object.assign(new ReadFailure('library.failures.pdfDamaged'), { cause: error });
}

interface Line {
  text: string;
  size: number;
}

/** Page 1's text as lines with their font size (items on one baseline at one size make a line). */
function linesOf(items: readonly unknown[]): Line[] {
  const lines: Line[] = [];
  let text = '';
  let size = 0;
  let y = Number.NaN;
  const flush = (): void => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) lines.push({ text: t, size });
    text = '';
  };
  for (const raw of items) {
    if (!raw || typeof raw !== 'object' || !('str' in raw)) continue;
    const item = raw as { str: string; transform: number[]; hasEOL: boolean };
    const [, , c = 0, d = 0, , f = 0] = item.transform;
    const itemSize = Math.hypot(c, d);
    if (item.str) {
      const sameLine = text && Math.abs(f - y) <= Math.max(size, itemSize) * 0.3 && Math.abs(itemSize - size) < 0.5;
      if (!sameLine) flush();
      if (!text) size = itemSize;
      text += item.str;
      y = f;
    }
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

/** A line worth calling a title: a few letters, not a page number, not a running header of dots. */
const meaningful = (line: Line): boolean => line.text.length >= 3 && (line.text.match(/\p{L}/gu)?.length ?? 0) >= 3;

/**
 * The title as page 1 shows it: the line set in the largest type (with the next line when the
 * title wraps at the same size), or the first meaningful line when nothing stands out.
 */
export function guessTitle(lines: readonly Line[]): string | null {
  const candidates = lines.filter(meaningful);
  if (candidates.length === 0) return null;
  const sizes = candidates.map((l) => l.size).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)]!;
  const largest = sizes[sizes.length - 1]!;
  if (largest <= median * 1.15) return clean(candidates[0]!.text, 200);
  const start = lines.findIndex((l) => meaningful(l) && l.size === largest);
  const parts = [lines[start]!.text];
  for (let i = start + 1; i < lines.length && parts.length < 3 && Math.abs(lines[i]!.size - largest) < 0.5; i++) {
    parts.push(lines[i]!.text);
  }
  return clean(parts.join(' '), 200);
}

async function readOutline(doc: PDFDocumentProxy, guard: Guard): Promise<ContentsEntry[]> {
  const outline = await guard(doc.getOutline()).catch((error: unknown) => {
    if (error instanceof ReadFailure) throw error;
    return null; // an outline pdf.js cannot read is no outline
  });
  if (!outline) return [];
  const pages = new Map<string, number | undefined>();
  const pageOf = async (dest: unknown): Promise<number | undefined> => {
    try {
      const explicit = typeof dest === 'string' ? await guard(doc.getDestination(dest)) : dest;
      if (!Array.isArray(explicit)) return undefined;
      const target: unknown = explicit[0];
      if (Number.isInteger(target)) return (target as number) + 1;
      if (!target || typeof target !== 'object' || !('num' in target)) return undefined;
      const ref = target as { num: number; gen: number };
      const key = `${ref.num} ${ref.gen}`;
      if (!pages.has(key)) pages.set(key, (await guard(doc.getPageIndex(ref))) + 1);
      return pages.get(key);
    } catch (error) {
      if (error instanceof ReadFailure) throw error;
      return undefined;
    }
  };
  type Node = { title: string; dest: unknown; items: Node[] };
  const flat: { title: string; level: number; dest: unknown }[] = [];
  const walk = (nodes: readonly Node[], level: number): void => {
    if (level >= LIMITS.contentsDepth) return;
    for (const node of nodes) {
      if (flat.length >= LIMITS.contents) return;
      const kept = clean(node.title, LIMITS.contentsTitle) !== null;
      if (kept) flat.push({ title: node.title, level, dest: node.dest });
      walk(node.items ?? [], kept ? level + 1 : level);
    }
  };
  walk(outline as Node[], 0);
  // All at once: each lookup is a round trip to pdf.js's thread, and a long outline has hundreds.
  const pageNumbers = await Promise.all(flat.map((entry) => pageOf(entry.dest)));
  return flat
    .map((entry, i) => contentsEntry(entry.title, entry.level, pageNumbers[i]))
    .filter((entry): entry is ContentsEntry => entry !== null);
}

async function readDocument(doc: PDFDocumentProxy, guard: Guard, ctx: ReadContext): Promise<ReadItem> {
  const item = emptyItem('book', 'application/pdf');
  const { info: rawInfo, metadata } = await guard(doc.getMetadata());
  const info = (rawInfo ?? {}) as Record<string, unknown>;
  const infoText = (key: string): string | null => (typeof info[key] === 'string' ? (info[key] as string) : null);
  const xmp = readXmp(metadata?.getRaw() ?? null);
  const first = (key: string): string | null => xmp.get(key)?.[0] ?? null;

  // XMP first wherever it has the field: tools that rewrite the Info dictionary often leave it stale.
  item.title = metaTitle(first('dc:title')) ?? metaTitle(infoText('Title'));
  const creators = xmp.get('dc:creator');
  addPeople(item.people, creators ? creators.flatMap(splitPeople) : splitPeople(infoText('Author') ?? ''), 'author');
  item.description = cleanParagraphs(first('dc:description') ?? infoText('Subject'), LIMITS.description);
  const subjects = xmp.get('dc:subject') ?? [first('pdf:Keywords') ?? infoText('Keywords') ?? ''];
  item.tags = cleanTags(subjects.flatMap((s) => s.split(/[,;]/)));
  item.publisher = clean(first('dc:publisher'), LIMITS.publisher);
  item.year = yearOf(first('dc:date')) ?? yearOf(infoText('CreationDate')) ?? yearOf(first('xmp:CreateDate'));
  const language = clean(first('dc:language') ?? infoText('Language'), LIMITS.language);
  item.language = language && !['x-default', 'und'].includes(language.toLowerCase()) ? language : null;

  for (const [key, values] of xmp) {
    if (/isbn|:identifier$/i.test(key)) values.forEach((v) => addIsbn(item.isbns, v));
  }
  const custom = (info.Custom ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(custom)) {
    if (/isbn/i.test(key) && typeof value === 'string') addIsbn(item.isbns, value);
  }
  for (const text of [infoText('Subject'), infoText('Keywords'), first('dc:description')]) {
    if (text) isbnsInText(text).forEach((isbn) => addIsbn(item.isbns, isbn));
  }

  item.pages = doc.numPages >= 1 && doc.numPages <= 100_000 ? doc.numPages : null;
  throwIfAborted(ctx);
  item.contents = await readOutline(doc, guard);

  // Page 1: the ISBN printed there, and the title when the metadata has none. A document whose
  // first page cannot be reached (a page tree that loops) is damaged, whatever its metadata says.
  const page = await guard(doc.getPage(1));
  const text = await guard(page.getTextContent());
  const lines = linesOf(text.items);
  isbnsInText(lines.map((l) => l.text).join('\n')).forEach((isbn) => addIsbn(item.isbns, isbn));
  if (!item.title) {
    item.title = guessTitle(lines);
    item.titleGuessed = item.title !== null;
  }
  page.cleanup();
  return item;
}

export const pdfReader: FileReader = {
  extensions: ['.pdf'],
  async read(path, _size, ctx) {
    throwIfAborted(ctx);
    let handle: FileHandle | null = null;
    let thread: PdfThread | null = null;
    let task: PDFDocumentLoadingTask | null = null;
    let closed = false;
    let healthy = true;
    let stopWatching = (): void => undefined;
    try {
      handle = await open(path, 'r').catch((error: unknown) => {
        throw cannotOpen(error);
      });
      const length = (await handle.stat()).size;
      if (length === 0) throw new ReadFailure('library.failures.pdfNotPdf');
      await checkEnds(handle, length);
      const api = await raceAbort(pdfjs(), ctx);
      throwIfAborted(ctx);
      const current = await takeThread(api, ctx.signal);
      thread = current;
      // One promise per read that rejects on abort, on the thread's death or on a failed file
      // read; every wait races it.
      let fail: (error: unknown) => void = () => undefined;
      const stopped = new Promise<never>((_, reject) => {
        fail = reject;
        const onAbort = (): void => reject(abortFailure(ctx));
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        const off = current.onDeath((error) => {
          healthy = false;
          reject(error);
        });
        stopWatching = () => {
          ctx.signal.removeEventListener('abort', onAbort);
          off();
        };
      });
      stopped.catch(() => undefined);
      const guard: Guard = (work) => Promise.race([work, stopped]);

      const common = {
        worker: current.pdfWorker,
        isEvalSupported: false,
        disableAutoFetch: true,
        disableStream: true,
        disableFontFace: true,
        useSystemFonts: false,
        useWorkerFetch: false,
        isOffscreenCanvasSupported: false,
        isImageDecoderSupported: false,
        enableXfa: false,
        stopAtErrors: false,
        verbosity: api.VerbosityLevel.ERRORS,
      };
      if (length <= WHOLE_FILE_BYTES) {
        // A buffer of its own (not Node's pool): pdf.js hands it over to the thread.
        const data = new Uint8Array(length);
        await handle.read(data, 0, length, 0);
        task = api.getDocument({ ...common, data });
      } else {
        const fh = handle;
        const initial = new Uint8Array(Math.min(65_536, length));
        await fh.read(initial, 0, initial.length, 0);
        const transport = new api.PDFDataRangeTransport(length, initial);
        // pdf.js asks for the byte ranges it needs; each is read from the handle and handed back.
        transport.requestDataRange = (begin: number, end: number): void => {
          if (closed) return;
          const chunk = new Uint8Array(Math.max(0, Math.min(end, length) - begin));
          fh.read(chunk, 0, chunk.length, begin).then(
            ({ bytesRead }) => {
              if (!closed) transport.onDataRange(begin, chunk.subarray(0, bytesRead));
            },
            (error: unknown) => fail(cannotOpen(error)),
          );
        };
        task = api.getDocument({ ...common, range: transport, length, rangeChunkSize: 16_384 });
      }
      const doc = await guard(task.promise);
      const item = await readDocument(doc, guard, ctx);
      throwIfAborted(ctx);
      return item;
    } catch (error) {
      if (ctx.signal.aborted) {
        // An aborted read may have left its thread busy (or stuck): it is not reused.
        healthy = false;
        throw abortFailure(ctx);
      }
      throw failureOf(error);
    } finally {
      closed = true;
      stopWatching();
      // The document is let go of in its thread; a thread that does not manage that in time is ended.
      if (thread && healthy) thread.release(!task || (await settlesWithin(task.destroy(), DESTROY_MS)));
      else if (thread) {
        task?.destroy().catch(() => undefined);
        thread.release(false);
      }
      await handle?.close().catch(() => undefined);
    }
  },
};
